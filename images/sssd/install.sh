#!/bin/bash
# The INSTALL label's command: enroll or configure the host, copy the results back, write
# /etc/systemd/system/$NAME.service and reload systemd. It does not enable or start the unit.
#
#   install.sh ipa [ipa-client-install options...]   enroll into FreeIPA (ipa-client-install -U)
#   install.sh realm [realm join options...] DOMAIN  join Active Directory (or IPA) with realmd
#   install.sh ldap --uri URI --base DN [--domain NAME] [--schema rfc2307|rfc2307bis|IPA|AD]
#                   [--starttls] [--tls-reqcert never|allow|try|demand|hard] [--bind-dn DN]
#                   [--insecure-auth] [--force]       sssd.conf for id_provider = ldap
#   install.sh --migrate                              adopt the host's SSSD configuration as it is
#   install.sh --uninstall                            same as the UNINSTALL label
#
# Passwords (enrollment, realm join, LDAP bind) are read from /run/secrets/enroll-password when
# it is mounted, never from arguments. Env (from the label): HOST=/host, NAME, IMAGE.
set -euo pipefail
# shellcheck source=lib.sh
. /usr/lib/sssd-container/lib.sh

usage() { sed -n '5,11s/^# \{0,1\}//p' "$0"; }

mode=${1:-}
case "$mode" in
    ipa|realm|ldap|--migrate) shift ;;
    --uninstall) shift; exec /bin/uninstall.sh "$@" ;;
    -h|--help) usage; exit 0 ;;
    "") usage >&2; die "say how to configure SSSD: ipa, realm, ldap or --migrate" ;;
    *) usage >&2; die "unknown mode '$mode'" ;;
esac
check_name
# a list the page would refuse stops here, before anything changes (copy_in/copy_out read it in a subshell)
listed_paths >/dev/null

# --- refusals before anything changes ---------------------------------------------------------
for d in lib/systemd/system usr/lib/systemd/system; do
    [ -e "$HOST/$d/$NAME.service" ] && die "the host has a native unit $NAME.service (/$d): choose another name, e.g. $NAME-container"
done
[ -f "$STATE/mode" ] && die "$NAME is installed already (mode $(cat "$STATE/mode")): uninstall it first"
if [ -e "$HOST/$UNIT_REL" ] || [ -L "$HOST/$UNIT_REL" ]; then
    die "/$UNIT_REL exists and was not written by this image: choose another name"
fi
[ -x "$HOST/usr/bin/podman" ] || die "the host has no /usr/bin/podman, which the unit runs"
if ! HOST=$HOST /bin/host-check.sh; then
    say "warning: the host lacks parts of SSSD's client side (above): lookups will not reach the container"
fi
have_conf=false
[ -e "$HOST/etc/sssd/sssd.conf" ] && have_conf=true
case "$mode" in
    ipa) [ -e "$HOST/etc/ipa/default.conf" ] && die "the host is enrolled already (/etc/ipa/default.conf): use --migrate" ;;
    --migrate)
        $have_conf || die "--migrate adopts an existing configuration, and the host has no /etc/sssd/sssd.conf"
        [ "$(stat -c '%u %a' "$HOST/etc/sssd/sssd.conf")" = "0 600" ] ||
            say "warning: /etc/sssd/sssd.conf is not 0600 and owned by root: sssd will refuse it" ;;
esac

# --- ldap arguments ------------------------------------------------------------------------------
uri="" base="" domain="" schema=rfc2307 starttls=false reqcert="" binddn="" insecure=false force=false
if [ "$mode" = ldap ]; then
    while [ $# -gt 0 ]; do
        case "$1" in
            --uri) uri=${2:?--uri needs a value}; shift 2 ;;
            --base) base=${2:?--base needs a value}; shift 2 ;;
            --domain) domain=${2:?--domain needs a value}; shift 2 ;;
            --schema) schema=${2:?--schema needs a value}; shift 2 ;;
            --starttls) starttls=true; shift ;;
            --tls-reqcert) reqcert=${2:?--tls-reqcert needs a value}; shift 2 ;;
            --bind-dn) binddn=${2:?--bind-dn needs a value}; shift 2 ;;
            --insecure-auth) insecure=true; shift ;;
            --force) force=true; shift ;;
            *) die "ldap: unknown option '$1'" ;;
        esac
    done
    [ -n "$uri" ] && [ -n "$base" ] || die "ldap needs --uri and --base"
    [[ $uri =~ ^ldaps?://[^[:space:]]+$ ]] || die "ldap: --uri must be ldap://… or ldaps://…"
    if [ -z "$domain" ]; then
        domain=$(echo "$base" | tr ',' '\n' | sed -n 's/^[[:space:]]*[dD][cC]=//p' | paste -sd. -)
        [ -n "$domain" ] || domain=default
    fi
    [[ $domain =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ ]] || die "ldap: invalid --domain '$domain'"
    case "$schema" in rfc2307|rfc2307bis|IPA|AD) ;; *) die "ldap: --schema is rfc2307, rfc2307bis, IPA or AD" ;; esac
    case "$reqcert" in ""|never|allow|try|demand|hard) ;; *) die "ldap: --tls-reqcert is never, allow, try, demand or hard" ;; esac
    for v in "$base" "$binddn"; do [[ $v != *$'\n'* && $v != *[\[\]]* ]] || die "ldap: a value has a newline or a bracket"; done
    if $have_conf && ! $force; then
        die "the host has /etc/sssd/sssd.conf already: --migrate adopts it, --force replaces it (uninstall puts it back)"
    fi
    [ -n "$binddn" ] && [ -z "$(secret)" ] && die "ldap: --bind-dn needs the password in $SECRET"
fi

# --- state: what uninstall needs ------------------------------------------------------------------
# A failed install leaves the host as it found it: no state (so a next install is not refused),
# no unit of ours, and /etc/sssd put back from the copy taken first when copy_out had begun
# changing it. The state's "mode" file is written last: it means "installed".
copying_out=false
unit_written=false
failed() {
    local rc=$?
    [ "$rc" = 0 ] && return
    if $copying_out && [ -f "$STATE/etc-sssd.tar" ]; then
        rm -rf "${HOST:?}/etc/sssd"
        tar -C "$HOST" --numeric-owner -xpf "$STATE/etc-sssd.tar" && say "put /etc/sssd back as it was"
    elif $copying_out; then
        say "copy_out had begun: the page's backup of the listed files puts them back"
    fi
    rm -f "$HOST/$UNIT_REL.tmp"
    $unit_written && rm -f "$HOST/$UNIT_REL"
    rm -rf "$STATE"
    say "failed (exit $rc): $NAME is not installed"
}
trap failed EXIT
install -d -m 0700 "$STATE"
if [ "$mode" != --migrate ]; then
    # etc/sssd as it was, to put back on uninstall (root only: it may hold a bind password)
    if [ -e "$HOST/etc/sssd" ]; then
        (umask 077; tar -C "$HOST" --numeric-owner -cpf "$STATE/etc-sssd.tar" etc/sssd)
    fi
fi
echo "$IMAGE" > "$STATE/image"

# --- configure ------------------------------------------------------------------------------------
if [ "$mode" != --migrate ]; then
    copy_in
    case "$mode" in
        ipa)
            say "ipa-client-install -U $*"
            pw=$(secret)
            # the password goes in through Python, not argv: with --pid=host the host sees argv
            IPA_PW=$pw python3 - "$@" <<'PY'
import os, runpy, sys
args = ["ipa-client-install", "-U"] + sys.argv[1:]
pw = os.environ.pop("IPA_PW", "")
if pw:
    args += ["--password", pw]
sys.argv = args
runpy.run_path("/usr/sbin/ipa-client-install", run_name="__main__")
PY
            ;;
        realm)
            start_dbus
            say "realm join -v $*"
            secret | realm join -v "$@"
            ;;
        ldap)
            say "writing /etc/sssd/sssd.conf for $uri, $base (domain $domain)"
            [ -d /etc/sssd ] || install -d -m 0711 /etc/sssd
            rm -f /etc/sssd/sssd.conf
            (
                umask 077
                {
                    echo "# Written by the SSSD system container ($IMAGE, install.sh ldap)"
                    echo "[sssd]"
                    echo "config_file_version = 2"
                    echo "services = nss, pam"
                    echo "domains = $domain"
                    echo
                    echo "[nss]"
                    echo "filter_users = root"
                    echo "filter_groups = root"
                    echo
                    echo "[domain/$domain]"
                    echo "id_provider = ldap"
                    echo "auth_provider = ldap"
                    echo "ldap_uri = $uri"
                    echo "ldap_search_base = $base"
                    echo "ldap_schema = $schema"
                    echo "ldap_id_use_start_tls = $starttls"
                    if [ -n "$reqcert" ]; then echo "ldap_tls_reqcert = $reqcert"; fi
                    if [ -n "$binddn" ]; then
                        echo "ldap_default_bind_dn = $binddn"
                        echo "ldap_default_authtok_type = password"
                        echo "ldap_default_authtok = $(secret)"
                    fi
                    echo "enumerate = false"
                    echo "cache_credentials = false"
                    if $insecure; then echo "ldap_auth_disable_tls_never_use_in_production = true"; fi
                } > /etc/sssd/sssd.conf
            )
            chown 0:0 /etc/sssd/sssd.conf
            chmod 0600 /etc/sssd/sssd.conf
            sssctl config-check || say "warning: sssctl config-check reported the above"
            ;;
    esac
    copying_out=true
    copy_out
fi

# --- host side: directories, unit -----------------------------------------------------------------
for d in var/lib/sss:0755 var/lib/sss/db:0700 var/lib/sss/pipes:0755 var/lib/sss/pipes/private:0700 var/lib/sss/mc:0775 var/log/sssd:0750; do
    [ -d "$HOST/${d%:*}" ] || install -d -m "${d#*:}" "$HOST/${d%:*}"
done
sed -e "s|@NAME@|$NAME|g" -e "s|@IMAGE@|$IMAGE|g" -e "s|@RUN_OPTIONS@|$RUN_OPTIONS|g" "$TEMPLATE" > "$HOST/$UNIT_REL.tmp"
chmod 0644 "$HOST/$UNIT_REL.tmp"
mv "$HOST/$UNIT_REL.tmp" "$HOST/$UNIT_REL"
unit_written=true
say "wrote /$UNIT_REL"
daemon_reload
echo "$mode" | sed 's/^--//' > "$STATE/mode"
say "installed $NAME ($mode): systemctl enable --now $NAME.service starts it"
