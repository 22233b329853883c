#!/bin/bash
# The checks of test/images/ad-join.sh that run inside the testbed (at /srv/ctx/ad-inside.sh).
# A file, not `bash -c`: testbed.sh exec goes through systemd-run, whose systemd (252) expands
# every $ of a command line. Secrets come on stdin, one a line, and go to no argv.
#   ad-inside.sh fingerprint        sha256 of the host-data-list paths (stdin), NAME's unit and state
#   ad-inside.sh sample FLAG        every 100 ms while FLAG exists: `ps -eo args` searched (in bash)
#                                   for the secrets; prints "samples=N hits=N"
#   ad-inside.sh ldap-bind-user DN  a bind account in slapd's directory, password on stdin (stored hashed)
#   ad-inside.sh ldap-bind-user-delete DN
#   ad-inside.sh journal|files|inspect   lines or files holding a secret: journalctl -b; /etc /var
#                                   /run; podman inspect of every container
set -uo pipefail
NAME=${NAME:-sssd-ad}

grep_args() { mapfile -t P; A=(); local p; for p in "${P[@]}"; do [ -n "$p" ] && A+=(-e "$p"); done; [ ${#A[@]} -gt 0 ]; }

case "${1:-}" in
    fingerprint)
        while read -r p; do
            [ -n "$p" ] || continue
            [ -e "/$p" ] || [ -L "/$p" ] || { echo "none /$p"; continue; }
            find "/$p" -printf '%p %y %m %U %G\n' | sort
            find "/$p" -type f -exec sha256sum {} + | sort
        done
        ls -la "/etc/systemd/system/$NAME.service" "/var/lib/sssd-container/$NAME" 2>&1
        ;;
    sample)
        flag=$2
        mapfile -t P
        n=0 hits=0
        touch "$flag"
        while [ -e "$flag" ]; do
            out=$(ps -eo args)
            n=$((n + 1))
            for p in "${P[@]}"; do [ -n "$p" ] && [[ $out == *"$p"* ]] && hits=$((hits + 1)); done
            sleep 0.1
        done
        echo "samples=$n hits=$hits" ;;
    journal) grep_args || { echo "ad-inside.sh: no secrets on stdin"; exit 2; }; journalctl -b --no-pager -o cat | grep -F "${A[@]}" ;;
    files) grep_args || { echo "ad-inside.sh: no secrets on stdin"; exit 2; }; grep -rlsF --devices=skip "${A[@]}" /etc /var /run ;;
    inspect)
        grep_args || { echo "ad-inside.sh: no secrets on stdin"; exit 2; }
        ids=$(podman ps -aq)
        [ -z "$ids" ] || podman inspect $ids | grep -F "${A[@]}" ;;
    ldap-bind-user)   # DN: a bind account in slapd's directory with the password on stdin (hashed)
        dn=$2 pw=$(cat) cn=${2%%,*}
        hash=$(slappasswd -T <(printf '%s' "$pw")) || exit 1
        ldapadd -x -H ldap://127.0.0.1 -D cn=admin,dc=example,dc=test -w secret <<L
dn: $dn
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: ${cn#cn=}
userPassword: $hash
L
        ;;
    ldap-bind-user-delete) ldapdelete -x -H ldap://127.0.0.1 -D cn=admin,dc=example,dc=test -w secret "$2" ;;
    *) echo "usage: $0 fingerprint | sample FLAG | journal | files | inspect" >&2; exit 2 ;;
esac
