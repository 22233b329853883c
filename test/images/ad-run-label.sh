#!/bin/bash
# run-label LABEL NAME IMAGE SECRET ARG...: runs IMAGE's LABEL inside the testbed the way the page
# does (test/images/ad-join.sh installs it as /usr/local/sbin/run-label). ${NAME} and ${IMAGE} are
# substituted word by word; with SECRET=yes, stdin (the secret, as typed) is written to
# /run/system-services/NAME/enroll-password (0600 in a 0700 folder) and mounted read-only at the
# image's enroll-secret path, injected before the image; the folder is removed afterwards.
# The output also goes to the journal (the page runs the label as a transient unit), so that
# the checks of the journal see what the page's run would leave there.
set -uo pipefail
label=$1 name=$2 image=$3 want_secret=$4
shift 4
cmd=$(podman image inspect --format "{{index .Config.Labels \"$label\"}}" "$image") || exit 125
[ -n "$cmd" ] && [ "$cmd" != "<no value>" ] || { echo "run-label: $image has no $label label" >&2; exit 125; }
read -ra words <<< "$cmd"
dir=/run/system-services/$name
argv=()
injected=false
if [ "$want_secret" = yes ]; then
    path=$(podman image inspect --format '{{index .Config.Labels "io.github.system-services.enroll-secret"}}' "$image")
    install -d -m 0700 "$dir"
    (umask 077; cat > "$dir/enroll-password")
fi
for w in "${words[@]}"; do
    w=${w//'${NAME}'/$name}
    w=${w//'${IMAGE}'/$image}
    if [ "$want_secret" = yes ] && ! $injected && [ "$w" = "$image" ]; then
        argv+=(-v "$dir/enroll-password:$path:ro")
        injected=true
    fi
    argv+=("$w")
done
"${argv[@]}" "$@" 2>&1 | tee >(systemd-cat -t "run-label-$name")
rc=${PIPESTATUS[0]}
rm -rf "$dir"
exit "$rc"
