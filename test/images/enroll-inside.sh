#!/bin/bash
# What test/e2e/enroll.spec.mjs checks inside the testbed (at /srv/ctx/enroll-inside.sh) beyond
# ad-inside.sh. A file, not `bash -c`: testbed.sh exec goes through systemd-run, whose systemd
# expands every $ of a command line. Secrets come on stdin and go to no argv.
#   enroll-inside.sh su USER     su USER as nobody with the password from stdin (typed after the
#                                prompt, through script's terminal); prints AUTH-OK on success
#   enroll-inside.sh show        lines of `systemctl show` of every unit holding a secret (stdin, one a line)
#   enroll-inside.sh plant FILE  FILE (0600, its folder 0700) holding the first line of stdin
set -uo pipefail
case "${1:-}" in
    su)
        IFS= read -r pw
        (sleep 2; printf '%s\n' "$pw") | setpriv --reuid=65534 --regid=65534 --clear-groups \
            script -qec "su '$2' -c 'echo AUTH-OK; id -un'" /dev/null 2>&1 ;;
    show)
        A=()
        while IFS= read -r p; do [ -n "$p" ] && A+=(-e "$p"); done
        [ ${#A[@]} -gt 0 ] || { echo "enroll-inside.sh: no secrets on stdin"; exit 2; }
        systemctl show '*' --all --no-pager 2>/dev/null | grep -F "${A[@]}" ;;
    plant)
        IFS= read -r secret
        install -d -m 0700 "$(dirname "$2")"
        (umask 077; printf '%s' "$secret" > "$2") ;;
    *) echo "usage: $0 su USER | show | plant FILE" >&2; exit 2 ;;
esac
