#!/bin/bash
# A real managed host for end-to-end tests: Debian 12 booted with systemd-nspawn, running
# systemd, D-Bus, Cockpit 287 (cockpit.socket on port 9090, host network) and podman 4.3.
# Works on a Debian 12 machine where PID 1 is not systemd (cgroup v1/hybrid, no
# CAP_SYS_RESOURCE), as root, reaching only Debian's archive.
#
# Adapted from the verified recipe in ../shared/testbed/testbed.sh. Additions: slapd,
# ldap-utils, libnss-sss, libpam-sss and sssd in the rootfs (sssd disabled and masked, sockets
# included, so native SSSD never runs unless a test unmasks it); `images` builds the test
# images of test/images/ inside; `reset` gives a pristine rootfs from the cache; `journal`.
#
# slapd gets its small directory at boot (slapd-setup.sh: dc=example,dc=test, alice, bob, group
# staff); `sssd-image` builds the reference SSSD image of images/sssd/ inside (cached, idempotent).
#
# Usage: testbed.sh setup | boot | images | sssd-image | directory | exec CMD... | journal | stop | reset | destroy | status
#                   | host-packages [COMMAND:PACKAGE...]
# Env:   ROOT         rootfs folder            (default /var/tmp/system-services-testbed/root)
#        PLUGIN_DIR   built plugin to serve    (read-only at /usr/share/cockpit/$PLUGIN_NAME: a symlink
#                                              into its parent folder, bind-mounted at /srv/plugin-parent)
#        PLUGIN_DEB   a .deb of the plugin     (make deb; takes precedence over PLUGIN_DIR): installed with
#                                              dpkg -i at boot, served from /usr/share/cockpit/$PLUGIN_NAME
#        PLUGIN_NAME  Cockpit package name     (default system-services)
#        CTX_DIR      image build contexts, read-only at /srv/ctx (default: this repo's test/images)
#        EXTRA_PKGS   more Debian packages for the rootfs, comma-separated
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=machine.sh
. "$HERE/machine.sh"
BASE=${BASE:-/var/tmp/system-services-testbed}
ROOT=${ROOT:-$BASE/root}
STATE=${STATE:-$BASE/state}
CACHE=${CACHE:-/var/cache/system-services-testbed}
PLUGIN_NAME=${PLUGIN_NAME:-system-services}
PLUGIN_DIR=${PLUGIN_DIR:-}
PLUGIN_DEB=${PLUGIN_DEB:-}
CTX_DIR=${CTX_DIR:-$HERE/../images}
PKGS=systemd,systemd-sysv,dbus,dbus-user-session,libpam-systemd,cockpit-ws,cockpit-bridge,cockpit-system,podman,netavark,aardvark-dns,iptables,runc,busybox-static,sudo,iproute2,procps,curl
# for the SSSD issues: an LDAP server on the host and the host side of SSSD (native sssd is
# installed but masked; a later issue switches between native and containerized SSSD)
PKGS="$PKGS,slapd,ldap-utils,libnss-sss,libpam-sss,sssd"
[ -n "${EXTRA_PKGS:-}" ] && PKGS="$PKGS,$EXTRA_PKGS"
export DEBIAN_FRONTEND=noninteractive

# The Debian mirror this machine's apt already uses (one script for the whole repository).
mirror() { "$HERE/../../tools/debian-mirror.sh"; }

# What this machine needs to run testbeds, and more as COMMAND:PACKAGE pairs (fleet.sh's):
# each package whose command is missing is installed.
host_packages() {
    local need=() pair
    for pair in systemd-nspawn:systemd-container debootstrap:debootstrap chromium:chromium zstd:zstd curl:curl \
                nsenter:util-linux pgrep:procps "$@"; do
        command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
    done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get update -q
        apt-get install -y -q "${need[@]}"
    fi
}

setup() {
    host_packages
    [ -x "$ROOT/lib/systemd/systemd" ] && { echo "rootfs present: $ROOT"; return 0; }
    mkdir -p "$BASE" "$CACHE"
    local key tarball
    key=$(echo "$PKGS" | sha256sum | cut -c1-12)
    tarball="$CACHE/rootfs-$key.tar.zst"
    if [ -f "$tarball" ]; then
        rm -rf "$ROOT"
        mkdir -p "$ROOT"
        tar -I zstd -xpf "$tarball" -C "$ROOT"
        echo "rootfs from cache $tarball"
    else
        # debootstrap does not resolve virtual packages: dbus-user-session, netavark and
        # iptables must be named (dconf, containers-common and netavark need them).
        rm -rf "$ROOT.new"
        debootstrap --variant=minbase --include="$PKGS" bookworm "$ROOT.new" "$(mirror)"
        chroot "$ROOT.new" apt-get clean
        tar -I 'zstd -T0' -cpf "$tarball.tmp" -C "$ROOT.new" .
        mv "$tarball.tmp" "$tarball"
        rm -rf "$ROOT"
        mv "$ROOT.new" "$ROOT"
        echo "rootfs built and cached as $tarball"
    fi
    echo testbed > "$ROOT/etc/hostname"
    chroot "$ROOT" id admin >/dev/null 2>&1 || chroot "$ROOT" useradd -m -s /bin/bash -G sudo admin
    # (chpasswd warns that pwquality has no cracklib dictionary; root sets the password anyway)
    echo 'admin:foobar123' | chroot "$ROOT" chpasswd 2>/dev/null
    mkdir -p "$ROOT/etc/containers" "$ROOT/usr/share/cockpit/$PLUGIN_NAME" "$ROOT/srv/ctx"
    cat > "$ROOT/etc/containers/containers.conf" <<'EOF'
[containers]
# the machine lacks CAP_SYS_RESOURCE: podman's default rlimits cannot be raised
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
# no pids controller in the container's cgroup2 tree
pids_limit = 0
# Host networking by default (builds' RUN, INSTALL containers): netavark's bridge must set
# net.ipv4.ip_forward=1, but /proc/sys is read-only inside nspawn and the testbed shares this
# machine's network namespace, so bridge networking fails wherever ip_forward is 0 out here.
netns = "host"

[engine]
# crun 1.8 needs setrlimit(MEMLOCK, infinity) for its cgroup2 device filter: EPERM here
runtime = "runc"
EOF
    # Native SSSD stays off (installing sssd enables it and its sockets): a later issue
    # switches between native and containerized SSSD and unmasks what it needs.
    local u units=()
    for u in sssd.service sssd-autofs.socket sssd-nss.socket sssd-pam.socket sssd-pam-priv.socket \
             sssd-ssh.socket sssd-sudo.socket sssd-pac.socket sssd-kcm.socket sssd-kcm.service; do
        [ -e "$ROOT/lib/systemd/system/$u" ] && units+=("$u")
    done
    if [ ${#units[@]} -gt 0 ]; then
        chroot "$ROOT" systemctl disable "${units[@]}" >/dev/null 2>&1 || true
        chroot "$ROOT" systemctl mask "${units[@]}" >/dev/null 2>&1
    fi
}

running() { machine_running "$STATE"; }

boot() {
    mkdir -p "$STATE"
    if running; then echo "already running"; return 0; fi
    if curl -s -o /dev/null http://127.0.0.1:9090/; then echo "port 9090 is taken on this machine" >&2; return 1; fi
    # a killed earlier run can leave nspawn's lock behind; nothing of ours holds it now
    rm -f "$(dirname "$ROOT")/.#$(basename "$ROOT").lck"
    local binds=()
    if [ -n "$PLUGIN_DEB" ]; then
        # the package's files go into the rootfs (install_deb below), not through a symlink
        [ -f "$PLUGIN_DEB" ] || { echo "no .deb at $PLUGIN_DEB (make deb)" >&2; return 1; }
        [ -L "$ROOT/usr/share/cockpit/$PLUGIN_NAME" ] && rm -f "$ROOT/usr/share/cockpit/$PLUGIN_NAME"
        rm -rf "$ROOT/var/cache/plugin-deb"
        mkdir -p "$ROOT/var/cache/plugin-deb"
        cp "$PLUGIN_DEB" "$ROOT/var/cache/plugin-deb/"
    elif [ -n "$PLUGIN_DIR" ]; then
        # Serve PLUGIN_DIR through a symlink into its bind-mounted parent, not as a bind mount
        # of its own: a build that deletes and recreates dist/ would leave a bind mount on the
        # deleted folder (empty to Cockpit). Cockpit follows symlinked package folders.
        local pd
        pd=$(realpath -m "$PLUGIN_DIR")
        binds+=("--bind-ro=$(dirname "$pd"):/srv/plugin-parent")
        rm -rf "${ROOT:?}/usr/share/cockpit/$PLUGIN_NAME"
        ln -s "/srv/plugin-parent/$(basename "$pd")" "$ROOT/usr/share/cockpit/$PLUGIN_NAME"
    fi
    [ -n "$CTX_DIR" ] && binds+=("--bind-ro=$(realpath "$CTX_DIR"):/srv/ctx")
    # unified cgroup hierarchy inside; keyring and bpf syscalls are needed by runc.
    # setsid: a Ctrl-C in the caller's terminal must not reach nspawn; stop() powers it off.
    SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 setsid bash -c "$CLOSE_FDS" close-fds systemd-nspawn --boot -D "$ROOT" --machine=testbed \
        --register=no --keep-unit --private-users=no --capability=all \
        --system-call-filter=@keyring --system-call-filter=bpf \
        "${binds[@]}" --console=read-only > "$STATE/nspawn.log" 2>&1 < /dev/null &
    echo $! > "$STATE/nspawn.pid"
    machine_wait "$STATE" testbed 120 || return 1
    local i s=$MACHINE_STATE
    for i in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:9090/ && break; sleep 0.25; done
    [ -z "$PLUGIN_DEB" ] || install_deb
    directory
    echo "testbed: systemd $s, cockpit on http://127.0.0.1:9090 (admin / foobar123)"
}

# A command inside, as a transient unit (machine_exec)
ct_exec() {
    running || { echo "testbed is not running" >&2; return 1; }
    machine_exec "$STATE" "$@"
}

# PLUGIN_DEB installed as an administrator would (dpkg -i; its Depends are in the rootfs), then
# checked to be the copy Cockpit serves: the bridge takes a package from ~/.local/share/cockpit
# first, then from each of XDG_DATA_DIRS (/usr/local/share before /usr/share), and any such
# copy would shadow the installed one. `cockpit-bridge --packages` lists the one it picked.
install_deb() {
    local deb out
    deb=/var/cache/plugin-deb/$(basename "$PLUGIN_DEB")
    out=$(ct_exec dpkg -i "$deb" 2>&1) || { echo "$out" >&2; return 1; }
    out=$(ct_exec runuser -u admin -- cockpit-bridge --packages 2>&1) || { echo "$out" >&2; return 1; }
    if ! grep -qE "^$PLUGIN_NAME:?[[:space:]](.*[[:space:]])?/usr/share/cockpit/$PLUGIN_NAME\$" <<<"$out"; then
        echo "Cockpit does not serve $PLUGIN_NAME from /usr/share/cockpit/$PLUGIN_NAME:" >&2
        echo "$out" >&2
        return 1
    fi
    echo "testbed: $(basename "$PLUGIN_DEB") installed, Cockpit serves /usr/share/cockpit/$PLUGIN_NAME"
}

# Build the test images (test/images/build.sh, read from /srv/ctx) inside the testbed.
images() { ct_exec /bin/bash /srv/ctx/build.sh "$@"; }

# slapd's directory for the SSSD tests (slapd-setup.sh), unless it has it already.
directory() {
    ct_exec ldapsearch -x -H ldap://127.0.0.1 -b dc=example,dc=test -s base dn >/dev/null 2>&1 && return 0
    local out
    out=$(ct_exec /bin/bash -s < "$HERE/slapd-setup.sh" 2>&1) || { echo "$out" >&2; return 1; }
    echo "testbed: LDAP directory dc=example,dc=test (alice, bob, group staff) at ldap://127.0.0.1"
}

# localhost/sssd (images/sssd/build.sh): debootstraps its root out here, builds it inside.
sssd_image() { PODMAN_EXEC="$HERE/testbed.sh exec" "$HERE/../../images/sssd/build.sh" "$@"; }

stop() { machine_poweroff "$STATE" testbed; }

# A pristine rootfs from the cached tarball (tests change the host; every check starts clean).
reset() {
    if running; then echo "testbed is running: stop it first" >&2; return 1; fi
    rm -rf "$ROOT" "$(dirname "$ROOT")/.#$(basename "$ROOT").lck"
    setup
}

destroy() { stop; rm -rf "$ROOT" "$STATE" "$(dirname "$ROOT")/.#$(basename "$ROOT").lck"; }

case "${1:-}" in
    setup) setup ;;
    boot) boot ;;
    images) shift; images "$@" ;;
    sssd-image) shift; sssd_image "$@" ;;
    directory) directory ;;
    exec) shift; ct_exec "$@" ;;
    journal) ct_exec journalctl -b --no-pager ;;
    stop) stop ;;
    reset) reset ;;
    destroy) destroy ;;
    status) if running; then echo running; else echo stopped; fi ;;
    host-packages) shift; host_packages "$@" ;;
    *) echo "usage: $0 setup|boot|images|sssd-image|directory|exec CMD...|journal|stop|reset|destroy|status|host-packages [COMMAND:PACKAGE...]" >&2; exit 2 ;;
esac
