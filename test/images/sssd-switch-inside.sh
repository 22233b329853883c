#!/bin/bash
# What test/e2e/sssd-switch.spec.mjs does inside the testbed (at /srv/ctx/sssd-switch-inside.sh).
# A file, not `bash -c`: testbed.sh exec goes through systemd-run, whose systemd (252) expands
# every $ of a command line (and a daemon-reload run by the page re-reads a transient unit's
# command line: the spec's commands stay one line).
#   save DIR           the host's SSSD as the testbed has it: /etc/sssd, /var/lib/sss, /var/log/sssd
#                      (tar, sockets left out) and the native units' enablement (DIR/units)
#   restore DIR        native SSSD stopped and disabled, the units masked (or whatever DIR/units
#                      says) again, the three folders exactly as saved; DIR removed
#   native-setup       native SSSD (Debian's sssd) for slapd's directory: units unmasked and enabled
#                      as Debian's postinst enables them (sssd.service and its socket units),
#                      sssd.conf (ldap, 0600 root), sssd.service started; waits until alice resolves
#   units              "UNIT ACTIVE ENABLED" of sssd.service and each of its socket units
#   unit NAME          "NAME.service ACTIVE ENABLED"
#   fingerprint        path, type, mode, owner, link target and sha256 of every entry of /etc/sssd,
#                      /etc/nsswitch.conf and /etc/pam.d (sockets are live state: left out)
#   sample FLAG USER   every 100 ms while FLAG exists: one live lookup of USER (below); prints
#                      "EPOCH_MS EXIT" per lookup, as it ends
#   probe USER         "cached EXIT live EXIT": getent -s sss passwd USER with and without the memory cache
#   stop-native-keep-mc  sssd.service stopped WITHOUT flushing its caches (to probe the memory cache)
#   user-add UID NUMBER / user-del UID     a posixAccount in slapd's directory (ou=people)
#   build-broken       localhost/sssd-broken from /srv/ctx/sssd-broken.Containerfile
#   uninstall NAME     the containerized service NAME removed the way sssd.spec.mjs cleans up
#                      (UNINSTALL when the image recorded an install, then unit, record, state,
#                      backups, operation files)
set -uo pipefail
LDAP=(-x -H ldap://127.0.0.1 -D cn=admin,dc=example,dc=test -w secret)
IMAGE=localhost/sssd:latest

native_units() {
    local u
    echo sssd.service
    for u in /lib/systemd/system/sssd-*.socket; do [ -e "$u" ] && basename "$u"; done
}

# A lookup that a running SSSD daemon must answer: SSS_NSS_USE_MEMCACHE=NO makes libnss_sss skip
# the memory cache (/var/lib/sss/mc, which answers names looked up before for minutes after every
# daemon is gone) and ask the nss responder through /var/lib/sss/pipes/nss each time. The
# responder may answer from its own cache: that is SSSD answering.
live_lookup() { SSS_NSS_USE_MEMCACHE=NO timeout 5 getent -s sss passwd "$1" >/dev/null 2>&1; }

case "${1:-}" in
    save)
        dir=$2
        rm -rf "$dir"
        install -d -m 0700 "$dir"
        tar -C / --numeric-owner --warning=no-file-ignored -cpf "$dir/state.tar" etc/sssd var/lib/sss var/log/sssd ||
            { echo "save: tar failed" >&2; exit 1; }
        for u in $(native_units); do echo "$u $(systemctl is-enabled "$u" 2>/dev/null)"; done > "$dir/units"
        cat "$dir/units" ;;
    restore)
        dir=$2
        [ -f "$dir/units" ] || { echo "restore: nothing saved in $dir" >&2; exit 1; }
        mapfile -t units < <(native_units)
        systemctl stop "${units[@]}" 2>/dev/null
        systemctl unmask "${units[@]}" >/dev/null 2>&1
        systemctl disable "${units[@]}" >/dev/null 2>&1
        while read -r u state; do
            case "$state" in
                masked) systemctl mask "$u" >/dev/null 2>&1 ;;
                enabled) systemctl enable "$u" >/dev/null 2>&1 ;;
            esac
        done < "$dir/units"
        systemctl reset-failed "${units[@]}" 2>/dev/null
        rm -rf /etc/sssd /var/lib/sss /var/log/sssd
        tar -C / --numeric-owner -xpf "$dir/state.tar" || { echo "restore: tar failed" >&2; exit 1; }
        rm -rf "$dir"
        systemctl daemon-reload ;;
    native-setup)
        mapfile -t units < <(native_units)
        systemctl unmask "${units[@]}" >/dev/null
        install -d -m 0711 /etc/sssd
        rm -f /etc/sssd/sssd.conf
        (
            umask 077
            cat > /etc/sssd/sssd.conf <<'EOF'
# native SSSD for the testbed's slapd (sssd-switch.spec.mjs)
[sssd]
config_file_version = 2
services = nss, pam
domains = example.test

[nss]
filter_users = root
filter_groups = root

[domain/example.test]
id_provider = ldap
auth_provider = ldap
ldap_uri = ldap://127.0.0.1
ldap_search_base = dc=example,dc=test
ldap_schema = rfc2307
ldap_id_use_start_tls = false
ldap_tls_reqcert = never
enumerate = false
cache_credentials = false
ldap_auth_disable_tls_never_use_in_production = true
EOF
        )
        chown 0:0 /etc/sssd/sssd.conf
        chmod 0600 /etc/sssd/sssd.conf
        # as Debian's sssd-common postinst leaves them: the daemon and every socket unit enabled
        systemctl enable "${units[@]}" >/dev/null 2>&1 || { echo "native-setup: enable failed" >&2; exit 1; }
        systemctl start sssd.service || { journalctl -u sssd.service -n 30 --no-pager; exit 1; }
        for _ in $(seq 1 120); do
            getent passwd alice >/dev/null && break
            sleep 0.25
        done
        getent passwd alice || { echo "native-setup: alice does not resolve" >&2; journalctl -u sssd.service -n 30 --no-pager; exit 1; }
        for u in "${units[@]}"; do echo "$u $(systemctl is-active "$u") $(systemctl is-enabled "$u")"; done ;;
    units)
        for u in $(native_units); do echo "$u $(systemctl is-active "$u") $(systemctl is-enabled "$u" 2>/dev/null)"; done ;;
    unit)
        u=$2.service
        e=$(systemctl is-enabled "$u" 2>/dev/null)
        echo "$u $(systemctl is-active "$u") ${e:-none}" ;;
    fingerprint)
        for p in /etc/sssd /etc/nsswitch.conf /etc/pam.d; do
            [ -e "$p" ] || [ -L "$p" ] || { echo "none $p"; continue; }
            find "$p" ! -type s -printf '%p %y %m %U %G %l\n'
            find "$p" -type f -exec sha256sum {} +
        done | LC_ALL=C sort ;;
    sample)
        flag=$2 user=$3
        touch "$flag"
        while [ -e "$flag" ]; do
            live_lookup "$user"
            rc=$?
            echo "$(date +%s%3N) $rc"
            sleep 0.1
        done ;;
    probe)
        getent -s sss passwd "$2" >/dev/null 2>&1
        cached=$?
        live_lookup "$2"
        echo "cached $cached live $?" ;;
    stop-native-keep-mc)
        # no sss_cache -E first: what the memory cache keeps is the point
        systemctl stop sssd.service ;;
    user-add)
        ldapadd "${LDAP[@]}" <<L
dn: uid=$2,ou=people,dc=example,dc=test
objectClass: inetOrgPerson
objectClass: posixAccount
objectClass: shadowAccount
uid: $2
cn: $2 Example
sn: Example
uidNumber: $3
gidNumber: 20000
homeDirectory: /home/$2
loginShell: /bin/bash
L
        ;;
    user-del) ldapdelete "${LDAP[@]}" "uid=$2,ou=people,dc=example,dc=test" ;;
    build-broken)
        podman build --quiet --pull=never -f /srv/ctx/sssd-broken.Containerfile -t localhost/sssd-broken /srv/ctx >/dev/null &&
            podman image inspect --format '{{index .Labels "io.github.system-services.enroll"}}' localhost/sssd-broken ;;
    uninstall)
        name=$2
        systemctl disable --now "$name.service" >/dev/null 2>&1
        podman rm -f "$name" >/dev/null 2>&1
        if [ -f "/var/lib/sssd-container/$name/mode" ]; then
            podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME="$name" -e IMAGE="$IMAGE" \
                "$IMAGE" /bin/uninstall.sh >/dev/null 2>&1
        fi
        rm -rf "/etc/systemd/system/$name.service" "/etc/containers/system-services/$name" "/var/lib/sssd-container/$name" \
            "/var/lib/containers/system-services/backups/$name" "/run/system-services/$name"
        rm -f /var/lib/containers/system-services/ops/system-services-op-"$name"-* "/var/lib/containers/system-services/ops/$name.busy"
        rmdir /var/lib/sssd-container 2>/dev/null
        systemctl daemon-reload
        systemctl reset-failed "$name.service" "system-services-op-$name-*" 2>/dev/null
        true ;;
    *) echo "usage: $0 save DIR | restore DIR | native-setup | units | unit NAME | fingerprint | sample FLAG USER | probe USER | stop-native-keep-mc | user-add UID NUMBER | user-del UID | build-broken | uninstall NAME" >&2; exit 2 ;;
esac
