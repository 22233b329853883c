#!/bin/sh
# Does the host have SSSD's client side, which a containerized sssd needs to serve it?
#   libnss_sss (NSS module), pam_sss (PAM module), and "sss" in nsswitch.conf's passwd and group.
# Runs on the host (HOST=/, the default outside the image) or in the image with the host's root
# mounted: podman run --rm -v /:/host:ro -e HOST=/host IMAGE /bin/host-check.sh
# Prints one line per check ("ok NAME: where" / "missing NAME: what to do"); exits 1 when any is missing.
HOST=${HOST:-/}
HOST=${HOST%/}
rc=0

find_lib() {   # find_lib FILE DIR...: the first DIR/FILE that exists on the host
    f=$1; shift
    for d in "$@"; do
        for p in "$HOST"$d/$f; do [ -e "$p" ] && { echo "${p#"$HOST"}"; return 0; }; done
    done
    return 1
}
check() {      # check NAME WHERE-OR-EMPTY REMEDY
    if [ -n "$2" ]; then echo "ok $1: $2"; else echo "missing $1: $3"; rc=1; fi
}

libdirs="/lib/*-linux-gnu /usr/lib/*-linux-gnu /lib64 /usr/lib64 /lib /usr/lib"
secdirs="/lib/*-linux-gnu/security /usr/lib/*-linux-gnu/security /lib64/security /usr/lib64/security /lib/security /usr/lib/security"
# shellcheck disable=SC2086   # the lists are word lists with globs, split on purpose
check libnss_sss "$(find_lib 'libnss_sss.so.2' $libdirs)" "install libnss-sss (Debian) or sssd-client (Fedora)"
# shellcheck disable=SC2086
check pam_sss "$(find_lib 'pam_sss.so' $secdirs)" "install libpam-sss (Debian) or sssd-client (Fedora)"
for db in passwd group; do
    line=$(sed -n "s/^[[:space:]]*$db:[[:space:]]*//p" "$HOST/etc/nsswitch.conf" 2>/dev/null | head -n1)
    case " $line " in
        *" sss "*) check "nsswitch $db" "/etc/nsswitch.conf: $line" "" ;;
        *) check "nsswitch $db" "" "add sss to the $db line of /etc/nsswitch.conf (installing libnss-sss does)" ;;
    esac
done
exit $rc
