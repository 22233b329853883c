#!/bin/bash
# A real Active Directory domain for the tests: a Samba 4.17 AD DC (Debian 12's samba-ad-dc)
# booted with systemd-nspawn in a private network namespace, reached from this machine (and so
# from the testbed, which shares its network namespace) over a veth pair. Recipe and facts:
# ../shared/testbed/ad/README.md.
#
#   domain SYSSVC.TEST (NetBIOS SYSSVC), DC dc.syssvc.test = $NET.2, this machine's end $NET.1
#   administrator / Syssvc-Admin1, adalice / Alice-Pass1 in group adstaff (test only)
#
# Usage: ad.sh setup | up | down | status | exec CMD... | member | member-off |
#              user-add NAME PASSWORD [GROUP...] | computer-preset NAME OTP [OU] |
#              computer-delete NAME | computer-exists NAME
#   setup            rootfs (debootstrap, cached by package list) and the provisioned DC (cached
#                    as a tarball with xattrs and ACLs; key: packages, ad-provision.sh, the names)
#   up               setup, then a fresh DC from the cached tarball, booted; idempotent
#   down             power the DC off; remove its netns, veth and root (and `member-off`)
#   member           point the running testbed at the DC: /etc/resolv.conf, /etc/hosts
#                    (testbed.syssvc.test: adcli takes the computer name from it)
#   member-off       the testbed's resolv.conf and hosts as they were
#   user-add ...     the helpers of ad-helpers/, run on the DC (also: ad.sh exec ad-user-add ...)
# Env: AD_NET (first three octets, default 10.77.13), AD_BASE (default /var/tmp/system-services-ad),
#      CACHE (default /var/cache/system-services-testbed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=machine.sh
. "$HERE/machine.sh"
BASE=${AD_BASE:-/var/tmp/system-services-ad}
ROOT=$BASE/root
STATE=$BASE/state
CACHE=${CACHE:-/var/cache/system-services-testbed}
TESTBED=$HERE/testbed.sh

REALM=SYSSVC.TEST
DOMAIN=syssvc.test
NETBIOS=SYSSVC
DC_NAME=dc
ADMIN_PASSWORD=Syssvc-Admin1
MEMBER_NAME=testbed
NET=${AD_NET:-10.77.13}
HOST_IP=$NET.1
DC_IP=$NET.2
NETNS=syssvc-ad
VETH=syssvc-ad0        # this machine's end
VETH_DC=syssvc-ad1     # the DC's end, inside $NETNS
MACHINE=syssvc-dc
# samba-ad-provision is only a Recommends (debootstrap skips it) and provisioning needs it;
# adcli presets computer accounts with a one-time password
PKGS=systemd,systemd-sysv,dbus,samba,samba-ad-dc,samba-dsdb-modules,samba-vfs-modules,samba-ad-provision,winbind,krb5-user,smbclient,ldb-tools,iproute2,procps,bind9-dnsutils,acl,attr,python3-dnspython,adcli
TAR_XATTRS=(--xattrs --xattrs-include='*' --acls)
export DEBIAN_FRONTEND=noninteractive

say() { echo "ad.sh: $*" >&2; }
mirror() { "$HERE/../../tools/debian-mirror.sh"; }
key() { echo "$*" | sha256sum | cut -c1-12; }
ROOTFS_TAR="$CACHE/ad-rootfs-$(key "bookworm $PKGS").tar.zst"
DC_TAR="$CACHE/ad-dc-$(key "bookworm $PKGS" "$(sha256sum < "$HERE/ad-provision.sh")" "$REALM $NETBIOS $DC_NAME $DC_IP $ADMIN_PASSWORD").tar.zst"

# --- network: a private namespace and a veth pair ------------------------------------------------
net_up() {
    [ -e "/run/netns/$NETNS" ] || ip netns add "$NETNS"
    ip -n "$NETNS" link set lo up
    if ! ip link show "$VETH" >/dev/null 2>&1; then
        ip link add "$VETH" type veth peer name "$VETH_DC" netns "$NETNS"
        ip addr add "$HOST_IP/24" dev "$VETH"
        ip -n "$NETNS" addr add "$DC_IP/24" dev "$VETH_DC"
    fi
    ip link set "$VETH" up
    ip -n "$NETNS" link set "$VETH_DC" up
}
net_down() {
    ip link del "$VETH" 2>/dev/null || true
    [ -e "/run/netns/$NETNS" ] && ip netns del "$NETNS"
    return 0
}

# --- the machine ------------------------------------------------------------------------------------
running() { machine_running "$STATE"; }

# boot [NSPAWN-OPTION...]: boot $ROOT in $NETNS and wait for systemd
boot() {
    mkdir -p "$STATE"
    rm -f "$(dirname "$ROOT")/.#$(basename "$ROOT").lck"
    net_up
    # default capabilities serve the DC (CAP_SYS_ADMIN writes security.NTACL); no user namespace
    SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 setsid bash -c "$CLOSE_FDS" close-fds systemd-nspawn --boot -D "$ROOT" --machine="$MACHINE" \
        --register=no --keep-unit --private-users=no "$@" \
        --network-namespace-path="/run/netns/$NETNS" --resolv-conf=off \
        --console=read-only > "$STATE/nspawn.log" 2>&1 < /dev/null &
    echo $! > "$STATE/nspawn.pid"
    machine_wait "$STATE" "ad.sh: the DC" 60
}

ct_exec() {
    running || { say "the DC is not running (ad.sh up)"; return 1; }
    machine_exec "$STATE" "$@"
}

poweroff() { machine_poweroff "$STATE" "ad.sh: the DC"; }

# --- setup: rootfs, provisioned DC ----------------------------------------------------------------
rootfs() {
    [ -f "$ROOTFS_TAR" ] && return 0
    command -v debootstrap >/dev/null || { apt-get update -q; apt-get install -y -q debootstrap; }
    local dir=$BASE/rootfs.new t0=$SECONDS
    mkdir -p "$BASE" "$CACHE"
    rm -rf "$dir"
    say "debootstrap of the DC's root (once; ~80 s)"
    debootstrap --variant=minbase --include="$PKGS" bookworm "$dir" "$(mirror)" >&2
    chroot "$dir" apt-get clean
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin
    tar "${TAR_XATTRS[@]}" -I 'zstd -T0' -cpf "$ROOTFS_TAR.tmp" -C "$dir" .
    mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
    rm -rf "$dir"
    say "DC root $(basename "$ROOTFS_TAR") built in $((SECONDS - t0)) s"
}

# extract TARBALL into a new $ROOT
extract() {
    rm -rf "$ROOT"
    mkdir -p "$ROOT"
    tar "${TAR_XATTRS[@]}" -I zstd -xpf "$1" -C "$ROOT"
}

setup() {
    [ -f "$DC_TAR" ] && return 0
    running && { say "the DC is running: ad.sh down first"; return 1; }
    rootfs
    local t0=$SECONDS
    unmount_root
    extract "$ROOTFS_TAR"
    echo "$DC_NAME" > "$ROOT/etc/hostname"
    printf '127.0.0.1 localhost\n%s %s.%s %s\n' "$DC_IP" "$DC_NAME" "$DOMAIN" "$DC_NAME" > "$ROOT/etc/hosts"
    rm -f "$ROOT/etc/resolv.conf"
    printf 'search %s\nnameserver %s\n' "$DOMAIN" "$DC_IP" > "$ROOT/etc/resolv.conf"
    chroot "$ROOT" systemctl disable smbd nmbd winbind >/dev/null 2>&1 || true
    chroot "$ROOT" systemctl mask smbd nmbd winbind samba >/dev/null 2>&1
    # (/tmp is a tmpfs inside the booted machine)
    cp "$HERE/ad-provision.sh" "$ROOT/root/ad-provision.sh"
    boot --capability=all
    if ! ct_exec env REALM="$REALM" NETBIOS="$NETBIOS" DC_NAME="$DC_NAME" DC_IP="$DC_IP" \
            ADMIN_PASSWORD="$ADMIN_PASSWORD" /bin/bash /root/ad-provision.sh >&2; then
        poweroff; net_down; say "provisioning failed"; return 1
    fi
    poweroff
    net_down
    rm -f "$ROOT/root/ad-provision.sh"
    # sockets are skipped ("socket ignored"): samba makes them anew
    tar "${TAR_XATTRS[@]}" -I 'zstd -T0' -cpf "$DC_TAR.tmp" -C "$ROOT" . 2> >(grep -v 'socket ignored' >&2)
    mv "$DC_TAR.tmp" "$DC_TAR"
    say "DC provisioned and cached as $(basename "$DC_TAR") in $((SECONDS - t0)) s"
}

where() {
    echo "AD DC: $DC_NAME.$DOMAIN at $DC_IP (realm $REALM, NetBIOS $NETBIOS; administrator / $ADMIN_PASSWORD; adalice / Alice-Pass1 in adstaff); this machine's end $HOST_IP on $VETH"
}

# A fresh DC root: an overlay of the extracted provisioned DC (kept, read-only) and an empty
# upper layer, so a warm `up` extracts nothing. Without overlayfs: the tarball extracted (~10 s).
LOWER=$BASE/$(basename "$DC_TAR" .tar.zst)
fresh_root() {
    unmount_root
    rm -rf "$ROOT" "$BASE/upper" "$BASE/work"
    if [ ! -d "$LOWER/etc" ]; then
        rm -rf "$BASE"/ad-dc-*
        mkdir -p "$LOWER.tmp"
        tar "${TAR_XATTRS[@]}" -I zstd -xpf "$DC_TAR" -C "$LOWER.tmp"
        mv "$LOWER.tmp" "$LOWER"
    fi
    mkdir -p "$ROOT" "$BASE/upper" "$BASE/work"
    if ! mount -t overlay syssvc-ad -o "lowerdir=$LOWER,upperdir=$BASE/upper,workdir=$BASE/work" "$ROOT" 2>/dev/null; then
        say "no overlayfs here: extracting the DC"
        extract "$DC_TAR"
    fi
}
unmount_root() {
    while mountpoint -q "$ROOT" 2>/dev/null; do umount "$ROOT" || { umount -l "$ROOT"; break; }; done
}

up() {
    if running; then where; return 0; fi
    setup
    local t0=$SECONDS
    net_down
    fresh_root
    install -d "$ROOT/usr/local/sbin"
    install -m 0755 "$HERE"/ad-helpers/ad-* "$ROOT/usr/local/sbin/"
    printf 'AD_DOMAIN=%s\nAD_REALM=%s\nADMIN_PASSWORD=%s\n' "$DOMAIN" "$REALM" "$ADMIN_PASSWORD" > "$ROOT/etc/default/syssvc-ad"
    chmod 0600 "$ROOT/etc/default/syssvc-ad"
    boot
    # samba-ad-dc is Type=notify; wait until its DNS and LDAP answer anyway
    local i
    for i in $(seq 1 80); do
        if ct_exec host -W 1 -t SRV "_ldap._tcp.$DOMAIN" "$DC_IP" >/dev/null 2>&1 &&
           timeout 2 bash -c "</dev/tcp/$DC_IP/389" 2>/dev/null; then
            say "DC up in $((SECONDS - t0)) s"
            where
            return 0
        fi
        sleep 0.25
    done
    say "the DC booted but does not answer DNS and LDAP on $DC_IP"
    ct_exec systemctl status --no-pager samba-ad-dc >&2 || true
    return 1
}

down() {
    member_off 2>/dev/null || true
    poweroff
    net_down
    unmount_root
    rm -rf "$ROOT" "$BASE/upper" "$BASE/work" "$(dirname "$ROOT")/.#$(basename "$ROOT").lck"
}

status() {
    if running; then echo running; where; else echo stopped; fi
}

# --- the testbed as a domain member ------------------------------------------------------------------
# The testbed shares this machine's network namespace (and its containers run with --net=host),
# so its resolv.conf is all the INSTALL container needs. Kept aside as *.pre-ad, put back by member-off.
member() {
    running || { say "the DC is not running (ad.sh up)"; return 1; }
    "$TESTBED" exec /bin/bash -s "$DOMAIN" "$DC_IP" "$DC_NAME" "$MEMBER_NAME" <<'EOF'
set -e
domain=$1 dc_ip=$2 dc=$3 me=$4
for f in resolv.conf hosts; do
    [ -e /etc/$f.pre-ad ] || cp -a /etc/$f /etc/$f.pre-ad
done
# nspawn may have bind-mounted the host's resolv.conf: write the testbed's own file
while mountpoint -q /etc/resolv.conf; do umount /etc/resolv.conf; done
rm -f /etc/resolv.conf
printf 'search %s\nnameserver %s\n' "$domain" "$dc_ip" > /etc/resolv.conf
grep -v -e "[[:space:]]$me\$" -e "[[:space:]]$dc\.$domain[[:space:]]" /etc/hosts.pre-ad > /etc/hosts.new || true
printf '127.0.1.1 %s.%s %s\n%s %s.%s %s\n' "$me" "$domain" "$me" "$dc_ip" "$dc" "$domain" "$dc" >> /etc/hosts.new
mv /etc/hosts.new /etc/hosts
EOF
    echo "testbed: resolves $DOMAIN through the DC ($DC_IP); host name $MEMBER_NAME.$DOMAIN"
}

member_off() {
    [ "$("$TESTBED" status)" = running ] || return 0
    # a script on stdin, not `bash -c`: systemd-run (testbed.sh exec) expands every $ of argv
    "$TESTBED" exec /bin/bash -s <<'EOF'
for f in resolv.conf hosts; do
    if [ -e /etc/$f.pre-ad ]; then mv -f /etc/$f.pre-ad /etc/$f; fi
done
EOF
}

case "${1:-}" in
    setup) setup ;;
    up) up ;;
    down) down ;;
    status) status ;;
    exec) shift; ct_exec "$@" ;;
    member) member ;;
    member-off) member_off ;;
    user-add) shift; ct_exec ad-user-add "$@" ;;
    computer-preset) shift; ct_exec ad-computer-preset "$@" ;;
    computer-delete) shift; ct_exec ad-computer-delete "$@" ;;
    computer-exists) shift; ct_exec ad-computer-exists "$@" ;;
    *) echo "usage: $0 setup|up|down|status|exec CMD...|member|member-off|user-add NAME PASSWORD [GROUP...]|computer-preset NAME OTP [OU]|computer-delete NAME|computer-exists NAME" >&2; exit 2 ;;
esac
