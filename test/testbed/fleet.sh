#!/bin/bash
# A fleet of two managed hosts for the host-switcher tests: Debian 12 booted twice with
# systemd-nspawn (fleet-a, fleet-b), each in its own network namespace, joined by a bridge in a
# control namespace where the browser and ansible-playbook run. fleet-a's Cockpit 287 knows
# fleet-b (/etc/cockpit/machines.d) and reaches it over ssh with admin's key, so the page
# installed on fleet-b opens through fleet-a's shell at /@$NET.12/system-services.
#
#   netns syssvc-fleet    br0 $NET.1/24     the controller: node + Chromium, ansible-playbook
#   netns syssvc-fleet-a  eth0 $NET.11/24   machine fleet-a: the Cockpit the browser logs in to
#   netns syssvc-fleet-b  eth0 $NET.12/24   machine fleet-b: the managed host, with the demo image
#
# Both hosts: admin / foobar123 in group sudo (a password for sudo: switching to administrative
# access on fleet-b asks for it), root's authorized_keys = the controller's key (Ansible), sshd,
# python3, Cockpit with AllowUnencrypted (the browser is not on their loopback), the built page
# (PLUGIN_DIR, default dist/, served read-only as testbed.sh does). fleet-b only: the demo image
# localhost/demo-service:latest; the same image is on the controller as an oci-archive
# ($BASE/demo-service.tar) for playbooks to load. fleet-a has no image.
#
# The roots come from the testbed's cached rootfs (testbed.sh setup, default package list) plus
# openssh-server and python3, cached as a tarball keyed by content, extracted once and kept as
# the lower layer of an overlay per host; the demo image is cached as an oci-archive keyed like
# test/images/build.sh's stamps. Cold (nothing cached, ansible installed) `up` takes about 20 s;
# warm about 3 s: mount, boot, load the image. Each machine runs in a cgroup of its own
# (join_cgroup). The hosts have no DNS and reach nothing but each other and the controller.
#
# Usage: fleet.sh up | down | status | exec a|b CMD... | journal a|b | run CMD...
#   up        build what is not cached, fresh roots, boot both, wait for systemd, sshd and
#             Cockpit; idempotent (a running fleet is left as it is)
#   down      power both off; remove their roots, the namespaces (and with them the veths and
#             the bridge); idempotent; leaves no process or mount behind
#   exec      a command on a host, as root (nsenter + systemd-run: systemd-run expands every $
#             in argv, so give scripts on stdin: `fleet.sh exec b /bin/bash -s < script`)
#   run       a command in the control namespace, with ANSIBLE_CONFIG and a UTF-8 locale set
#             (ansible fleet -m ping)
# Env: PLUGIN_DIR, CTX_DIR (default test/images), FLEET_BASE (default /var/tmp/system-services-fleet),
#      FLEET_NET (first three octets, default 10.77.20), CACHE (default /var/cache/system-services-testbed)
# Ansible: $BASE/ansible/ansible.cfg (inventory.ini, group fleet; pipelining, forks 10; the
# controller's key; StrictHostKeyChecking=yes against $BASE/ansible/known_hosts).
# One fleet per machine (fixed names): wrap runs in `flock -w 1800 /tmp/system-services-fleet.lock`.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=machine.sh
. "$HERE/machine.sh"
REPO=$(cd "$HERE/../.." && pwd)
BASE=${FLEET_BASE:-/var/tmp/system-services-fleet}
CACHE=${CACHE:-/var/cache/system-services-testbed}
PLUGIN_NAME=system-services
PLUGIN_DIR=${PLUGIN_DIR:-$REPO/dist}
CTX_DIR=${CTX_DIR:-$REPO/test/images}
NET=${FLEET_NET:-10.77.20}
NETNS=syssvc-fleet
BRIDGE=br0
FLEET_PKGS="openssh-server python3"
KEYS=$BASE/keys
ANSIBLE_DIR=$BASE/ansible
ARCHIVE=$BASE/demo-service.tar
DEMO=localhost/demo-service:latest
export DEBIAN_FRONTEND=noninteractive

say() { echo "fleet.sh: $*" >&2; }
ip_of() { case "$1" in a) echo "$NET.11" ;; b) echo "$NET.12" ;; *) say "no host '$1' (a or b)"; return 2 ;; esac; }
root_of() { echo "$BASE/root-$1"; }
state_of() { echo "$BASE/state-$1"; }
ctl() { ip netns exec "$NETNS" "$@"; }

# the testbed's tools, and what the fleet adds: its network, its keys, Ansible
host_packages() {
    "$HERE/testbed.sh" host-packages ip:iproute2 ssh-keygen:openssh-client ansible-playbook:ansible >&2
}

# --- the root both hosts start from ---------------------------------------------------------------
# The testbed's root as `testbed.sh setup` makes it (its cached rootfs; admin, containers.conf),
# plus sshd and python3 (Ansible's targets need it) and what is the same on both hosts.
build_root() {
    local dir=$1
    rm -rf "$dir"
    env -u EXTRA_PKGS ROOT="$dir" STATE="$BASE/build-state" PLUGIN_DIR= "$HERE/testbed.sh" setup >&2
    rm -rf "$BASE/build-state"
    cp -a "$dir/etc/resolv.conf" "$dir/etc/resolv.conf.fleet"
    cp --remove-destination /etc/resolv.conf "$dir/etc/resolv.conf"
    printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
    chmod 755 "$dir/usr/sbin/policy-rc.d"
    mount -t proc proc "$dir/proc"
    local rc=0
    # shellcheck disable=SC2086
    { chroot "$dir" apt-get update -q && chroot "$dir" apt-get install -y -q --no-install-recommends $FLEET_PKGS; } >&2 || rc=$?
    umount "$dir/proc"
    [ "$rc" = 0 ] || return "$rc"
    rm -f "$dir/usr/sbin/policy-rc.d"
    mv -f "$dir/etc/resolv.conf.fleet" "$dir/etc/resolv.conf"
    chroot "$dir" apt-get clean
    rm -rf "$dir"/var/lib/apt/lists/*
    # each host gets host keys of its own (up)
    rm -f "$dir"/etc/ssh/ssh_host_*
    mkdir -p "$dir/etc/cockpit"
    # the browser reaches Cockpit over the bridge, not on the host's loopback: plain http
    printf '[WebService]\nAllowUnencrypted = true\n' > "$dir/etc/cockpit/cockpit.conf"
}

ROOT_TAR=
root_tarball() {
    local key
    key=$({ cat "$HERE/testbed.sh"; declare -f build_root; echo "$FLEET_PKGS"; } | sha256sum | cut -c1-12)
    ROOT_TAR=$CACHE/fleet-rootfs-$key.tar.zst
    [ -f "$ROOT_TAR" ] && return 0
    local t0=$SECONDS dir=$BASE/build
    mkdir -p "$CACHE"
    say "building the fleet's root (once)"
    build_root "$dir"
    tar -I 'zstd -T0' -cpf "$ROOT_TAR.tmp" -C "$dir" .
    mv "$ROOT_TAR.tmp" "$ROOT_TAR"
    rm -rf "$dir"
    say "fleet root $(basename "$ROOT_TAR") built in $((SECONDS - t0)) s"
}

# --- keys (kept across runs, so known_hosts stays the same) --------------------------------------
keys() {
    mkdir -p "$KEYS"
    chmod 700 "$KEYS"
    [ -f "$KEYS/controller_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C fleet-controller -f "$KEYS/controller_ed25519"
    [ -f "$KEYS/admin_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C admin@fleet-a -f "$KEYS/admin_ed25519"
    local h
    for h in a b; do
        if [ ! -f "$KEYS/host-$h/etc/ssh/ssh_host_ed25519_key" ]; then
            mkdir -p "$KEYS/host-$h/etc/ssh"
            ssh-keygen -A -f "$KEYS/host-$h"
        fi
    done
}

# "ADDRESS KEYTYPE KEY" lines for host $1, every type it has
known_host_lines() {
    local f
    for f in "$KEYS/host-$1"/etc/ssh/ssh_host_*_key.pub; do
        echo "$(ip_of "$1") $(cut -d' ' -f1,2 "$f")"
    done
}

ansible_files() {
    mkdir -p "$ANSIBLE_DIR"
    { known_host_lines a; known_host_lines b; } > "$ANSIBLE_DIR/known_hosts"
    cat > "$ANSIBLE_DIR/inventory.ini" <<EOF
[fleet]
fleet-a ansible_host=$(ip_of a)
fleet-b ansible_host=$(ip_of b)

[fleet:vars]
ansible_user=root
ansible_python_interpreter=/usr/bin/python3
ansible_ssh_private_key_file=$KEYS/controller_ed25519
ansible_ssh_common_args=-o UserKnownHostsFile=$ANSIBLE_DIR/known_hosts -o StrictHostKeyChecking=yes
EOF
    cat > "$ANSIBLE_DIR/ansible.cfg" <<EOF
[defaults]
inventory = $ANSIBLE_DIR/inventory.ini
forks = 10
host_key_checking = True
retry_files_enabled = False

[ssh_connection]
pipelining = True
EOF
}

# --- one host's root ------------------------------------------------------------------------------
# An overlay of the extracted fleet root (kept, read-only) and an empty upper layer per host, so a
# warm `up` extracts nothing; podman's store is a bind-mounted folder of its own (an overlayfs
# cannot be the upper layer of podman's overlay driver). Without overlayfs: the tarball extracted.
LOWER=
lower() {
    LOWER=$BASE/$(basename "$ROOT_TAR" .tar.zst)
    [ -d "$LOWER/etc" ] && return 0
    rm -rf "$BASE"/fleet-rootfs-*
    mkdir -p "$LOWER.tmp"
    tar -I zstd -xpf "$ROOT_TAR" -C "$LOWER.tmp"
    mv "$LOWER.tmp" "$LOWER"
}

unmount_root() {
    local root
    root=$(root_of "$1")
    while mountpoint -q "$root" 2>/dev/null; do umount "$root" || { umount -l "$root"; break; }; done
}

prepare_host() {
    local h=$1 root
    root=$(root_of "$h")
    unmount_root "$h"
    rm -rf "$root" "$BASE/upper-$h" "$BASE/work-$h" "$BASE/containers-$h" "$BASE/.#root-$h.lck"
    mkdir -p "$root" "$BASE/upper-$h" "$BASE/work-$h" "$BASE/containers-$h"
    if ! mount -t overlay "fleet-$h" -o "lowerdir=$LOWER,upperdir=$BASE/upper-$h,workdir=$BASE/work-$h" "$root" 2>/dev/null; then
        say "no overlayfs here: extracting fleet-$h's root"
        tar -I zstd -xpf "$ROOT_TAR" -C "$root"
    fi
    echo "fleet-$h" > "$root/etc/hostname"
    printf '127.0.0.1 localhost\n127.0.1.1 fleet-%s\n%s fleet-a\n%s fleet-b\n::1 localhost ip6-localhost ip6-loopback\n' \
        "$h" "$(ip_of a)" "$(ip_of b)" > "$root/etc/hosts"
    rm -f "$root/etc/resolv.conf"
    echo "# no DNS on the fleet's network" > "$root/etc/resolv.conf"
    tr -d '-' < /proc/sys/kernel/random/uuid > "$root/etc/machine-id"
    cp "$KEYS/host-$h"/etc/ssh/ssh_host_* "$root/etc/ssh/"
    install -d -m 700 "$root/root/.ssh"
    install -m 600 "$KEYS/controller_ed25519.pub" "$root/root/.ssh/authorized_keys"
    install -d -m 700 "$root/home/admin/.ssh"
    if [ "$h" = a ]; then
        mkdir -p "$root/etc/cockpit/machines.d"
        cat > "$root/etc/cockpit/machines.d/50-fleet.json" <<EOF
{
    "$(ip_of b)": { "address": "$(ip_of b)", "visible": true, "color": "rgb(0, 136, 206)" }
}
EOF
        install -m 600 "$KEYS/admin_ed25519" "$root/home/admin/.ssh/id_ed25519"
        install -m 644 "$KEYS/admin_ed25519.pub" "$root/home/admin/.ssh/id_ed25519.pub"
        known_host_lines b > "$root/home/admin/.ssh/known_hosts"
    else
        install -m 600 "$KEYS/admin_ed25519.pub" "$root/home/admin/.ssh/authorized_keys"
    fi
    chroot "$root" chown -R admin:admin /home/admin/.ssh
    # the page, read-only through a symlink into its bind-mounted parent (as testbed.sh serves it)
    local pd
    pd=$(realpath -m "$PLUGIN_DIR")
    rm -rf "${root:?}/usr/share/cockpit/$PLUGIN_NAME"
    ln -s "/srv/plugin-parent/$(basename "$pd")" "$root/usr/share/cockpit/$PLUGIN_NAME"
}

# --- network ----------------------------------------------------------------------------------------
net_up() {
    ip netns add "$NETNS"
    ip -n "$NETNS" link set lo up
    ip -n "$NETNS" link add "$BRIDGE" type bridge
    ip -n "$NETNS" addr add "$NET.1/24" dev "$BRIDGE"
    ip -n "$NETNS" link set "$BRIDGE" up
    local h
    for h in a b; do
        ip netns add "$NETNS-$h"
        ip -n "$NETNS-$h" link set lo up
        ip -n "$NETNS" link add "veth-$h" type veth peer name eth0 netns "$NETNS-$h"
        ip -n "$NETNS" link set "veth-$h" master "$BRIDGE" up
        ip -n "$NETNS-$h" addr add "$(ip_of "$h")/24" dev eth0
        ip -n "$NETNS-$h" link set eth0 up
    done
}
# deleting a namespace deletes its veth ends and the bridge
net_down() {
    local ns
    for ns in "$NETNS-a" "$NETNS-b" "$NETNS"; do
        [ -e "/run/netns/$ns" ] && ip netns del "$ns"
    done
    return 0
}

# --- machines ----------------------------------------------------------------------------------------
running() { machine_running "$(state_of "$1")"; }

start_machine() {
    local h=$1 state pd binds=()
    state=$(state_of "$h")
    mkdir -p "$state"
    pd=$(realpath -m "$PLUGIN_DIR")
    binds+=("--bind-ro=$(dirname "$pd"):/srv/plugin-parent" "--bind=$BASE/containers-$h:/var/lib/containers")
    [ "$h" = b ] && binds+=("--bind-ro=$(realpath "$CTX_DIR"):/srv/ctx")
    # testbed.sh's options, in the host's own network namespace and cgroup; setsid: a Ctrl-C in
    # the caller's terminal must not reach nspawn (down powers it off)
    (
        join_cgroup "$h"
        SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 exec setsid bash -c "$CLOSE_FDS" close-fds systemd-nspawn --boot -D "$(root_of "$h")" \
            --machine="fleet-$h" --register=no --keep-unit --private-users=no --capability=all \
            --system-call-filter=@keyring --system-call-filter=bpf "${binds[@]}" \
            --network-namespace-path="/run/netns/$NETNS-$h" --resolv-conf=off \
            --console=read-only
    ) > "$state/nspawn.log" 2>&1 < /dev/null &
    echo $! > "$state/nspawn.pid"
}

# With --keep-unit nspawn puts the machine in a "payload" cgroup beside its own, below the
# caller's: two machines started from one cgroup would share one tree, and each one's systemd
# would manage the other's units of the same name (user@1000.service). Each host gets its own.
cgroup_dirs() {
    local d
    for d in $(awk '$3 == "cgroup2" || ($3 == "cgroup" && $4 ~ /(^|,)name=systemd(,|$)/) { print $2 }' /proc/mounts); do
        echo "$d/$NETNS-$1"
    done
}
join_cgroup() {
    local d
    for d in $(cgroup_dirs "$1"); do
        mkdir -p "$d"
        echo "$BASHPID" > "$d/cgroup.procs"
    done
}
# whatever is left in a host's cgroups is killed, then the cgroups go
remove_cgroup() {
    local d p i
    for d in $(cgroup_dirs "$1"); do
        [ -d "$d" ] || continue
        for i in $(seq 1 20); do
            p=$(find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null)
            [ -z "$p" ] && break
            # shellcheck disable=SC2086
            kill -KILL $p 2>/dev/null || true
            sleep 0.1
        done
        find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
}

wait_machine() { machine_wait "$(state_of "$1")" "fleet.sh: fleet-$1" 60; }

ct_exec() {
    local h=$1; shift
    ip_of "$h" >/dev/null
    running "$h" || { say "fleet-$h is not running (fleet.sh up)"; return 1; }
    machine_exec "$(state_of "$h")" "$@"
}

# both asked to power off at once, then waited for
poweroff_all() {
    local h
    for h in a b; do
        running "$h" && kill -TERM "$(machine_pid "$(state_of "$h")")" 2>/dev/null || true
    done
    for h in a b; do machine_gone "$(state_of "$h")" "fleet.sh: fleet-$h"; done
    for h in a b; do remove_cgroup "$h"; done
}

# --- the demo image ----------------------------------------------------------------------------------
# keyed as test/images/build.sh keys its stamp: busybox and the build context
demo_sum() {
    local bb
    bb=$(sha256sum "$(root_of b)/bin/busybox" | cut -c1-64)
    { echo "$bb"; tar -C "$CTX_DIR/demo-service" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . ; } | sha256sum | cut -c1-64
}

# the image ID an oci-archive holds: the digest of its manifest's config
archive_image_id() {
    local manifest
    manifest=$(tar -xOf "$1" index.json | grep -o '"digest":"sha256:[0-9a-f]*"' | head -n1 | cut -d: -f3 | tr -d '"')
    tar -xOf "$1" "blobs/sha256/$manifest" | grep -o '"config":{[^}]*"digest":"sha256:[0-9a-f]*"' | grep -o '[0-9a-f]\{64\}'
}

demo_image() {
    local sum cached id
    sum=$(demo_sum)
    cached=$CACHE/fleet-demo-service-${sum:0:12}.tar
    if [ -f "$cached" ]; then
        cp "$cached" "$(root_of b)/var/tmp/demo-service.tar"
        ct_exec b podman load -q -i /var/tmp/demo-service.tar >/dev/null
        ct_exec b mkdir -p /var/lib/system-services-test-images
        echo "$sum" > "$(root_of b)/var/lib/system-services-test-images/demo-service"
    else
        ct_exec b /bin/bash /srv/ctx/build.sh demo-service >&2
        ct_exec b podman save -q --format oci-archive -o /var/tmp/demo-service.tar "$DEMO"
        cp "$(root_of b)/var/tmp/demo-service.tar" "$cached.tmp"
        mv "$cached.tmp" "$cached"
    fi
    rm -f "$(root_of b)/var/tmp/demo-service.tar"
    cp "$cached" "$ARCHIVE"
    id=$(ct_exec b podman image inspect --format '{{.Id}}' "$DEMO")
    if [ "$id" != "$(archive_image_id "$ARCHIVE")" ]; then
        say "$ARCHIVE does not hold fleet-b's $DEMO ($id)"
        return 1
    fi
}

# --- up, down ------------------------------------------------------------------------------------------
wait_services() {
    local h i ip code
    for h in a b; do
        ip=$(ip_of "$h")
        for i in $(seq 1 80); do
            ctl ssh -q -o BatchMode=yes -o ConnectTimeout=2 -i "$KEYS/controller_ed25519" \
                -o UserKnownHostsFile="$ANSIBLE_DIR/known_hosts" -o StrictHostKeyChecking=yes "root@$ip" true 2>/dev/null && break
            [ "$i" = 80 ] && { say "no ssh to root@$ip"; return 1; }
            sleep 0.25
        done
        for i in $(seq 1 80); do
            code=$(ctl curl -s -o /dev/null -w '%{http_code}' "http://$ip:9090/" || true)
            [ "$code" = 200 ] && break
            [ "$i" = 80 ] && { say "Cockpit on http://$ip:9090/ answers '$code'"; return 1; }
            sleep 0.25
        done
    done
    # what fleet-a's Cockpit does to reach fleet-b: admin's key, fleet-b's host key known
    ct_exec a runuser -u admin -- ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes "admin@$(ip_of b)" true ||
        { say "fleet-a's admin cannot ssh to fleet-b"; return 1; }
}

where() {
    echo "fleet: fleet-a http://$(ip_of a):9090 (admin / foobar123; the page on fleet-b: /@$(ip_of b)/system-services)," \
         "fleet-b $(ip_of b); browser and ansible in netns $NETNS; ANSIBLE_CONFIG=$ANSIBLE_DIR/ansible.cfg; image archive $ARCHIVE"
}

up() {
    if running a && running b; then where; return 0; fi
    [ -f "$PLUGIN_DIR/manifest.json" ] || { say "no built page in $PLUGIN_DIR (make)"; return 1; }
    [ -f "$CTX_DIR/demo-service/Containerfile" ] || { say "no demo image context in $CTX_DIR/demo-service"; return 1; }
    local t0=$SECONDS
    host_packages
    down
    root_tarball
    keys
    ansible_files
    lower
    local t1=$SECONDS
    prepare_host a
    prepare_host b
    local t2=$SECONDS
    net_up
    start_machine a
    start_machine b
    wait_machine a && wait_machine b || return 1
    local t3=$SECONDS
    demo_image
    wait_services
    say "up in $((SECONDS - t0)) s (cache and keys $((t1 - t0)) s, roots $((t2 - t1)) s, boot $((t3 - t2)) s, image and services $((SECONDS - t3)) s)"
    where
}

down() {
    poweroff_all
    net_down
    local h
    for h in a b; do
        unmount_root "$h"
        rm -rf "$(root_of "$h")" "$(state_of "$h")" "$BASE/upper-$h" "$BASE/work-$h" "$BASE/containers-$h" "$BASE/.#root-$h.lck"
    done
}

status() {
    local h
    for h in a b; do
        if running "$h"; then echo "fleet-$h: running"; else echo "fleet-$h: stopped"; fi
    done
    if running a && running b; then where; fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    exec) shift; h=${1:-}; shift || true; ct_exec "$h" "$@" ;;
    journal) ct_exec "${2:-}" journalctl -b --no-pager ;;
    # (ansible-core starts only in a UTF-8 locale that exists; Debian's libc has C.UTF-8 built in)
    run) shift; export ANSIBLE_CONFIG=$ANSIBLE_DIR/ansible.cfg LC_ALL=C.UTF-8 LANG=C.UTF-8; exec ip netns exec "$NETNS" "$@" ;;
    *) echo "usage: $0 up|down|status|exec a|b CMD...|journal a|b|run CMD..." >&2; exit 2 ;;
esac
