#!/bin/bash
# Build the reference SSSD system container image without a registry:
#   1. debootstrap a minimal Debian 12 root with SSSD and the enrollment tools (on this machine,
#      as root), cached as a tarball under $CACHE (the key follows the package list);
#   2. `podman import` it as localhost/sssd-base:KEY (where podman runs: $PODMAN_EXEC);
#   3. `podman build` this folder's Containerfile FROM that base (its apt step finds every
#      package installed and does nothing), which adds the scripts and the labels.
# The labels live in one place, the Containerfile; with a registry, `podman build images/sssd`
# gives the same image FROM debian:bookworm.
#
# Usage: build.sh [image | rootfs | debian-base]
#   image        (default) steps 1-3, idempotent: nothing is rebuilt when the root's package
#                list and this folder are unchanged (the image carries a build-stamp label)
#   rootfs       step 1 only
#   debian-base  a plain minbase Debian 12 root imported as localhost/debian:bookworm and
#                tagged docker.io/library/debian:bookworm, to test the Containerfile's own path
# Env: PODMAN_EXEC  command prefix that runs podman where podman runs, reading stdin
#                   (default: the testbed, "test/testbed/testbed.sh exec"; "" runs it here)
#      IMAGE        image name (default localhost/sssd)
#      CACHE        tarball cache (default /var/cache/system-services-testbed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${CACHE:-/var/cache/system-services-testbed}
IMAGE=${IMAGE:-localhost/sssd}
WORK=${WORK:-/var/tmp/sssd-root}
if [ -z "${PODMAN_EXEC+set}" ]; then PODMAN_EXEC="$REPO/test/testbed/testbed.sh exec"; fi
# debootstrap does not resolve virtual packages: without python3-ply and python3-pil the
# freeipa-client root fails on unconfigured python3-pycparser / python3-qrcode.
PKGS=sssd,sssd-tools,libnss-sss,libpam-sss,krb5-user,freeipa-client,realmd,adcli,dbus,python3-ply,python3-pil
STAMP_LABEL=io.github.system-services.build-stamp

say() { echo "sssd image: $*" >&2; }

# The Debian mirror this machine's apt already uses (one script for the whole repository).
mirror() { "$HERE/../../tools/debian-mirror.sh"; }

run_() {
    # shellcheck disable=SC2086   # PODMAN_EXEC is a command prefix, split on purpose
    $PODMAN_EXEC "$@"
}
podman_() { run_ podman "$@"; }

# debootstrap ROOT-TARBALL [INCLUDE]: a cached minbase root
bootstrap() {
    local tarball=$1 include=${2:-} dir
    [ -f "$tarball" ] && return 0
    command -v debootstrap >/dev/null || { say "debootstrap is missing (apt-get install debootstrap)"; return 1; }
    mkdir -p "$CACHE"
    dir="$WORK.$$"
    rm -rf "$dir"
    local t0=$SECONDS
    say "debootstrap ${include:+with $include }into $dir"
    debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$dir" "$(mirror)" >&2
    chroot "$dir" apt-get clean
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/log/*.log "$dir"/var/log/apt/*
    tar -I 'zstd -T0' -cpf "$tarball.tmp" -C "$dir" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$dir"
    say "root $(basename "$tarball") built in $((SECONDS - t0)) s"
}

key() { echo "bookworm $*" | sha256sum | cut -c1-12; }
ROOTFS="$CACHE/sssd-rootfs-$(key "$PKGS").tar.zst"
DEBIAN_ROOTFS="$CACHE/debian-bookworm-minbase-$(key minbase).tar.zst"

# import TARBALL REF: import unless the engine has REF already
import() {
    local tarball=$1 ref=$2
    if podman_ image exists "$ref"; then return 0; fi
    local t0=$SECONDS
    zstd -dc "$tarball" | podman_ import --quiet --change 'CMD ["/bin/bash"]' - "$ref" >/dev/null
    say "imported $ref in $((SECONDS - t0)) s"
}

image() {
    bootstrap "$ROOTFS" "$PKGS"
    local base
    base="localhost/sssd-base:$(key "$PKGS")"
    import "$ROOTFS" "$base"
    local stamp have
    stamp=$( { echo "$base"; tar -C "$HERE" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --exclude=build.sh -cf - . ; } | sha256sum | cut -c1-16)
    have=$(podman_ image inspect --format "{{index .Labels \"$STAMP_LABEL\"}}" "$IMAGE" 2>/dev/null || true)
    if [ "$have" = "$stamp" ]; then say "$IMAGE: up to date"; return 0; fi
    local t0=$SECONDS
    # the build context goes in on stdin: the engine may run on another root (the testbed)
    tar -C "$HERE" --exclude=build.sh -cf - . | run_ /bin/bash -c '
        set -e; ctx=$(mktemp -d); trap "rm -rf $ctx" EXIT; tar -C "$ctx" -xf -
        podman build --quiet --pull=never --build-arg BASE="$1" --label "$2=$3" -t "$4" "$ctx" >/dev/null' \
        build "$base" "$STAMP_LABEL" "$stamp" "$IMAGE"
    podman_ image prune -f >/dev/null 2>&1 || true
    say "$IMAGE built in $((SECONDS - t0)) s; $(podman_ image ls --format '{{.Size}}' "$IMAGE" | head -n1)"
}

debian_base() {
    bootstrap "$DEBIAN_ROOTFS"
    import "$DEBIAN_ROOTFS" localhost/debian:bookworm
    podman_ tag localhost/debian:bookworm docker.io/library/debian:bookworm
    say "docker.io/library/debian:bookworm is the local minbase root (no registry involved)"
}

case "${1:-image}" in
    image) image ;;
    rootfs) bootstrap "$ROOTFS" "$PKGS"; echo "$ROOTFS" ;;
    debian-base) debian_base ;;
    *) echo "usage: $0 [image | rootfs | debian-base]" >&2; exit 2 ;;
esac
