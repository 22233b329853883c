#!/bin/bash
# Debian 12's docker.io (dockerd 20.10) in the booted testbed, beside podman.
# Exploratory: nothing in `make check` uses it yet. What was needed and why is in DOCKER.md.
#
# Usage: docker.sh install | status | load IMAGE... | debs
#   install   the docker.io, containerd and tini debs (cached on this machine by version, under
#             $CACHE/docker-debs-VERSION/) installed with dpkg -i in the running testbed, with the
#             dockerd flags the machine needs; starts docker.service. Idempotent.
#   status    dockerd's version, or why not
#   load      copies podman images of the testbed into docker (podman save | docker load);
#             their names keep the localhost/ prefix
#   debs      only fills the deb cache (downloads inside the running testbed)
#
# Needs a running testbed (test/testbed/testbed.sh boot) and the testbed lock held by the caller.
# It changes the live root only, never the cached rootfs: `testbed.sh reset` undoes it.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${BASE:-/var/tmp/system-services-testbed}
ROOT=${ROOT:-$BASE/root}
CACHE=${CACHE:-/var/cache/system-services-testbed}
TESTBED="$HERE/testbed.sh"
DEBS="docker.io containerd tini"
# --iptables=false --ip-forward=false --bridge=none: /proc/sys is read-only inside nspawn, so
# dockerd's default bridge network cannot enable ip_forward and the daemon does not start.
# The testbed runtime: see runc-testbed below.
DOCKERD_FLAGS="--iptables=false --ip-forward=false --bridge=none --add-runtime=testbed=/usr/local/sbin/runc-testbed --default-runtime=testbed"

ct() { "$TESTBED" exec "$@"; }

need_running() {
    [ "$("$TESTBED" status)" = running ] || { echo "docker.sh: the testbed is not running (testbed.sh boot)" >&2; exit 1; }
}

# the newest complete cache folder, empty when there is none
cached() {
    local d
    d=$(find "$CACHE" -maxdepth 1 -type d -name 'docker-debs-*' 2>/dev/null | sort -V | tail -n1)
    [ -n "$d" ] && [ -f "$d/complete" ] && echo "$d"
    return 0
}

debs() {
    local d
    d=$(cached)
    if [ -n "$d" ]; then echo "$d"; return 0; fi
    need_running
    # the machine shares this machine's network and uses the same Debian archive
    ct sh -c 'rm -f /var/cache/apt/archives/*.deb && apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends --download-only docker.io >/dev/null' >&2
    local ver tmp f
    ver=$(cd "$ROOT/var/cache/apt/archives" && ls docker.io_*.deb | sed 's/^docker\.io_\(.*\)_[^_]*\.deb$/\1/')
    tmp="$CACHE/docker-debs-$ver.tmp"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    for f in $DEBS; do cp "$ROOT"/var/cache/apt/archives/"${f}"_*.deb "$tmp/"; done
    rm -f "$ROOT"/var/cache/apt/archives/*.deb
    touch "$tmp/complete"
    rm -rf "$CACHE/docker-debs-$ver"
    mv "$tmp" "$CACHE/docker-debs-$ver"
    echo "$CACHE/docker-debs-$ver"
}

# Written before dpkg -i, so that the package's own start of docker.service already has them.
configure() {
    local changed=0 f new
    mkdir -p "$ROOT/etc/systemd/system/docker.service.d" "$ROOT/usr/local/sbin"
    # The machine's capability bounding set lacks CAP_SYS_RESOURCE; dockerd 20.10 gives a
    # --privileged container (the INSTALL and UNINSTALL labels) every capability it knows, and
    # runc then fails with "unable to apply caps: operation not permitted". This wrapper drops
    # that one capability from the OCI bundle (create/run) or process file (exec).
    f="$ROOT/usr/local/sbin/runc-testbed"
    new=$(cat <<'EOF'
#!/bin/sh
# runc for dockerd in the testbed (test/testbed/docker.sh): drops CAP_SYS_RESOURCE, which the
# machine's bounding set lacks, from the bundle's config.json or exec's process file.
prev=""
for a in "$@"; do
    f=""
    case "$prev" in --bundle|-b) f="$a/config.json";; --process|-p) f="$a";; esac
    case "$a" in --bundle=*) f="${a#--bundle=}/config.json";; --process=*) f="${a#--process=}";; esac
    [ -n "$f" ] && [ -f "$f" ] && sed -i -e 's/,"CAP_SYS_RESOURCE"//g' -e 's/"CAP_SYS_RESOURCE",//g' -e 's/"CAP_SYS_RESOURCE"//g' "$f"
    prev=$a
done
exec /usr/bin/runc "$@"
EOF
)
    if [ "$(cat "$f" 2>/dev/null)" != "$new" ]; then printf '%s\n' "$new" > "$f"; changed=1; fi
    chmod 755 "$f"
    f="$ROOT/etc/systemd/system/docker.service.d/testbed.conf"
    new=$(printf '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock %s\n' "$DOCKERD_FLAGS")
    if [ "$(cat "$f" 2>/dev/null)" != "$new" ]; then printf '%s\n' "$new" > "$f"; changed=1; fi
    echo "$changed"
}

install() {
    need_running
    local d changed i
    d=$(debs)
    changed=$(configure)
    ct systemctl daemon-reload
    if [ "$(ct dpkg-query -W -f='${Status}' docker.io 2>/dev/null)" != "install ok installed" ]; then
        rm -rf "$ROOT/var/cache/docker-debs"
        mkdir -p "$ROOT/var/cache/docker-debs"
        cp "$d"/*.deb "$ROOT/var/cache/docker-debs/"
        ct sh -c 'dpkg -i /var/cache/docker-debs/*.deb >/dev/null' || { echo "docker.sh: dpkg -i failed" >&2; exit 1; }
        rm -rf "$ROOT/var/cache/docker-debs"
        changed=1
    fi
    ct systemctl reset-failed docker.service docker.socket 2>/dev/null || true
    if [ "$changed" = 1 ]; then ct systemctl restart docker.socket docker.service; else ct systemctl start docker.socket docker.service; fi
    for i in $(seq 1 40); do
        ct docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && break
        sleep 0.5
    done
    status
}

status() {
    need_running
    local v
    if v=$(ct docker version --format '{{.Server.Version}}' 2>&1); then
        echo "testbed: dockerd $v (docker.service $(ct systemctl is-active docker.service 2>/dev/null || true))"
    else
        echo "testbed: no dockerd: $v" >&2
        return 1
    fi
}

load() {
    need_running
    local name
    for name in "$@"; do
        ct bash -c "set -o pipefail; podman save '$name' | docker load"
    done
}

case "${1:-}" in
    install) install ;;
    status) status ;;
    load) shift; load "$@" ;;
    debs) debs ;;
    *) echo "usage: $0 install|status|load IMAGE...|debs" >&2; exit 2 ;;
esac
