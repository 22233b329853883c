#!/bin/bash
# Provisions the Samba AD DC, once, inside the booted DC machine (test/testbed/ad.sh runs it and
# caches the result with its xattrs and ACLs). The key of that cache includes this file's hash.
# Env: REALM NETBIOS DC_NAME DC_IP ADMIN_PASSWORD (test only).
set -euo pipefail
: "${REALM:?}" "${NETBIOS:?}" "${DC_NAME:?}" "${DC_IP:?}" "${ADMIN_PASSWORD:?}"
domain=${REALM,,}

rm -f /etc/samba/smb.conf
samba-tool domain provision --use-rfc2307 --realm="$REALM" --domain="$NETBIOS" --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-name="$DC_NAME" --host-ip="$DC_IP" \
    --adminpass="$ADMIN_PASSWORD" \
    --option="interfaces = $DC_IP" --option="bind interfaces only = yes"
cp /var/lib/samba/private/krb5.conf /etc/krb5.conf
# provision copies resolv.conf's nameserver (the DC itself) into `dns forwarder`; it has no other
sed -i '/dns forwarder/d' /etc/samba/smb.conf
# a cached DC must not see its administrator's password expire (41 days by default)
samba-tool domain passwordsettings set --max-pwd-age=0
systemctl start samba-ad-dc
samba-tool user create adalice 'Alice-Pass1' --given-name=Alice --surname=AD
samba-tool group add adstaff
samba-tool group addmembers adstaff adalice
host -t SRV "_ldap._tcp.$domain"
echo "provisioned $REALM on $DC_NAME.$domain ($DC_IP)"
