#!/bin/bash
# Build the test images INSIDE the testbed, from local files only (no registry):
# every folder here with a Containerfile becomes localhost/<folder>, with busybox-static's
# /bin/busybox copied into its context. Run by `test/testbed/testbed.sh images [NAME...]`,
# which reads this folder read-only at /srv/ctx.
# Idempotent: an image is rebuilt only when its context (or busybox) changed.
set -euo pipefail
CTX=${CTX:-/srv/ctx}
STAMPS=/var/lib/system-services-test-images
mkdir -p "$STAMPS"
[ -x /bin/busybox ] || { echo "build.sh: /bin/busybox (busybox-static) is missing" >&2; exit 1; }

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for d in "$CTX"/*/; do [ -f "$d/Containerfile" ] && names+=("$(basename "$d")"); done
fi

bb=$(sha256sum /bin/busybox | cut -c1-64)
for name in "${names[@]}"; do
    src="$CTX/$name"
    [ -f "$src/Containerfile" ] || { echo "build.sh: no $src/Containerfile" >&2; exit 1; }
    sum=$( { echo "$bb"; tar -C "$src" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . ; } | sha256sum | cut -c1-64)
    if podman image exists "localhost/$name" && [ "$(cat "$STAMPS/$name" 2>/dev/null)" = "$sum" ]; then
        echo "image localhost/$name: up to date"
        continue
    fi
    tmp=$(mktemp -d)
    cp -a "$src/." "$tmp/"
    cp /bin/busybox "$tmp/busybox"
    start=$(date +%s)
    if ! out=$(podman build --quiet -f "$tmp/Containerfile" -t "localhost/$name" "$tmp" 2>&1); then
        echo "$out" >&2
        rm -rf "$tmp"
        echo "build.sh: building localhost/$name failed" >&2
        exit 1
    fi
    rm -rf "$tmp"
    echo "$sum" > "$STAMPS/$name"
    echo "image localhost/$name: built in $(( $(date +%s) - start )) s"
done
# dangling layers of replaced images
podman image prune -f >/dev/null 2>&1 || true
