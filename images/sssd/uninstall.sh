#!/bin/bash
# The UNINSTALL label's command: stop and disable the unit, undo what install.sh did
# (ipa-client-install --uninstall, realm leave, or the ldap configuration put back as it was),
# copy the results back, remove the unit install.sh wrote and reload systemd. A --migrate
# install only loses its unit: the configuration was the host's before and stays.
# Env (from the label): HOST=/host, NAME, IMAGE.
set -euo pipefail
# shellcheck source=lib.sh
. /usr/lib/sssd-container/lib.sh
check_name
# a list the page would refuse stops here, before anything changes (copy_in/copy_out read it in a subshell)
listed_paths >/dev/null

mode=$(cat "$STATE/mode" 2>/dev/null || true)
[ -n "$mode" ] || say "no install of $NAME recorded in /$STATE_REL: only removing its unit, if this image wrote it"

if unit_is_ours; then
    host_systemctl disable --now "$NAME.service" 2>/dev/null || true
fi

case "$mode" in
    ipa)
        copy_in
        say "ipa-client-install --uninstall -U $*"
        ipa-client-install --uninstall -U "$@" || say "warning: ipa-client-install --uninstall failed (exit $?)"
        copy_out ;;
    realm)
        copy_in
        start_dbus
        # the domain and realm install.sh joined (an install older than that file: realm's only one)
        { read -r ad_domain; read -r ad_realm; } < "$STATE/realm" 2>/dev/null || true
        leave=(realm leave -v --install=/ "$@")
        [ -n "${ad_domain:-}" ] && leave+=("$ad_domain")
        say "${leave[*]}"
        "${leave[@]}" || say "warning: realm leave failed (exit $?)"
        if [ -n "${ad_domain:-}" ] && "$REALM_CONF" has "$ad_domain"; then
            say "removing [domain/$ad_domain] from sssd.conf, which realm leave left"
            "$REALM_CONF" leave "$ad_domain"
            # the keytab goes too when it holds nothing but this realm's keys
            # (read whole first: a grep -q quitting early would fail the pipeline under pipefail,
            # and a keytab that holds other keys would go)
            if [ -f /etc/krb5.keytab ] && [ -n "${ad_realm:-}" ] &&
               principals=$(klist -k /etc/krb5.keytab 2>/dev/null | awk 'NR > 3 { print $2 }') &&
               [ -z "$(grep -v "@$ad_realm\$" <<<"$principals")" ]; then
                rm -f /etc/krb5.keytab
            fi
        fi
        copy_out ;;
    ldap)
        copy_in
        say "putting /etc/sssd back as it was before the install"
        rm -rf /etc/sssd
        [ -f "$STATE/etc-sssd.tar" ] && tar -C / --numeric-owner -xpf "$STATE/etc-sssd.tar"
        copy_out ;;
    migrate|"") ;;
    *) die "unknown install mode '$mode' in /$STATE_REL/mode" ;;
esac

if unit_is_ours; then
    rm -f "$HOST/$UNIT_REL"
    say "removed /$UNIT_REL"
    daemon_reload
elif [ -e "$HOST/$UNIT_REL" ]; then
    say "left /$UNIT_REL: this image did not write it"
fi
rm -rf "$STATE"
rmdir "$(dirname "$STATE")" 2>/dev/null || true
say "uninstalled $NAME"
