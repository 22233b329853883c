#!/bin/bash
# The RUN label's command: sssd in the foreground, sharing the host's /var/lib/sss (pipes,
# memory caches, cache db) so the host's libnss_sss and pam_sss reach it. No fake systemctl.
# The host's /etc is read-only at /host/etc: Kerberos and IPA files the enrollment left there
# are linked into place when the host has them (a bind mount of a missing file would fail).
# On SIGTERM/SIGINT (podman stop, the STOP label, systemctl stop) the caches are flushed first,
# so that lookups on the host fail at once instead of answering from the memory cache for
# minutes after the daemon is gone.
set -u
HOST_ETC=${HOST_ETC:-/host/etc}
for f in krb5.conf krb5.keytab krb5.conf.d ipa; do
    if [ -e "$HOST_ETC/$f" ]; then
        rm -rf "/etc/$f"
        ln -s "$HOST_ETC/$f" "/etc/$f"
    fi
done
[ -f /etc/sssd/sssd.conf ] || { echo "run.sh: /etc/sssd/sssd.conf is missing: install the image first (INSTALL label)" >&2; exit 1; }
mkdir -p /var/lib/sss/db /var/lib/sss/pipes/private /var/lib/sss/mc /var/log/sssd

/usr/sbin/sssd -i --logger=stderr "$@" &
pid=$!
stopping=0
stop() {
    stopping=1
    # sss_cache talks to the running responders: before the TERM, not after
    /usr/sbin/sss_cache -E >/dev/null 2>&1 || echo "run.sh: sss_cache -E failed" >&2
    kill -TERM "$pid" 2>/dev/null
}
trap stop TERM INT
while :; do
    wait "$pid"
    rc=$?
    # wait returns early (>128) when a trapped signal arrives; sssd may still be running
    if kill -0 "$pid" 2>/dev/null; then continue; fi
    break
done
[ "$stopping" = 1 ] && [ "$rc" -ge 128 ] && rc=0
exit "$rc"
