#!/bin/bash
# The INSTALL label's command: enroll or configure the host, copy the results back, write
# /etc/systemd/system/$NAME.service and reload systemd. It does not enable or start the unit.
#
#   install.sh ipa [ipa-client-install options...]   enroll into FreeIPA (ipa-client-install -U)
#   install.sh realm [-U USER] [--computer-name NAME] [--computer-ou OU] [realm join options] DOMAIN
#                                                     join Active Directory with realmd (USER's password)
#   install.sh realm --login-type computer [--computer-name NAME] [--computer-ou OU] DOMAIN
#                                                     join with a preset account's one-time password (adcli)
#   install.sh ldap --uri URI --base DN [--domain NAME] [--schema rfc2307|rfc2307bis|IPA|AD]
#                   [--starttls] [--tls-reqcert never|allow|try|demand|hard] [--bind-dn DN]
#                   [--insecure-auth] [--force]       sssd.conf for id_provider = ldap
#   install.sh --migrate                              adopt the host's SSSD configuration as it is
#   install.sh --uninstall                            same as the UNINSTALL label
#
# Passwords (enrollment, realm join, one-time password, LDAP bind) are read from
# /run/secrets/enroll-password when it is mounted, never from arguments, and go to no argv.
# Options take their value as --opt VALUE or --opt=VALUE. Env (from the label): HOST=/host, NAME, IMAGE.
set -euo pipefail
# shellcheck source=lib.sh
. /usr/lib/sssd-container/lib.sh

usage() { sed -n '5,14s/^# \{0,1\}//p' "$0"; }

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
        opt_value ldap "uri base domain schema tls-reqcert bind-dn" "$@"
        shift "$OPT_SHIFT"
        case "$OPT" in
            --uri) uri=$VAL ;;
            --base) base=$VAL ;;
            --domain) domain=$VAL ;;
            --schema) schema=$VAL ;;
            --starttls) starttls=true ;;
            --tls-reqcert) reqcert=$VAL ;;
            --bind-dn) binddn=$VAL ;;
            --insecure-auth) insecure=true ;;
            --force) force=true ;;
            *) die "ldap: unknown option '$OPT'" ;;
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

# --- realm arguments -----------------------------------------------------------------------------
# Parsed here, not handed to realm as they came: --install=/ is added (realmd has no polkit in a
# container), and a one-time password never goes to realm (it would put it in argv): adcli reads it.
login_type=user realm_user="" computer_name="" computer_ou="" realm_extra=() no_password=false ad_domain=""
if [ "$mode" = realm ]; then
    while [ $# -gt 0 ]; do
        opt_value realm "U user login-type computer-name computer-ou client-software server-software membership-software os-name os-version user-principal automatic-id-mapping install" "$@"
        shift "$OPT_SHIFT"
        case "$OPT" in
            -U|--user) realm_user=$VAL ;;
            --login-type) login_type=$VAL ;;
            --computer-name) computer_name=$VAL ;;
            --computer-ou) computer_ou=$VAL ;;
            --client-software|--server-software|--membership-software|--os-name|--os-version|--user-principal|--automatic-id-mapping)
                realm_extra+=("$OPT=$VAL") ;;
            --install) [ "$VAL" = / ] || die "realm: --install is always / (the container's root)" ;;
            -v|--verbose) ;;
            --unattended) realm_extra+=(--unattended) ;;
            --no-password) no_password=true; realm_extra+=(--no-password) ;;
            --one-time-password) die "realm: a one-time password is read from $SECRET, never from arguments: use --login-type computer" ;;
            -*) die "realm: unknown option '$OPT'" ;;
            *) [ -z "$ad_domain" ] || die "realm: one domain only ('$ad_domain', then '$OPT')"; ad_domain=$OPT ;;
        esac
    done
    [ -n "$ad_domain" ] || die "realm: say which domain to join"
    [[ $ad_domain =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$ ]] ||
        die "realm: '$ad_domain' is not a domain name"
    ad_domain=${ad_domain%.}
    for v in "$realm_user" "$computer_ou" "${realm_extra[@]}"; do
        [[ $v != *[[:cntrl:]]* ]] || die "realm: a value has a control character"
    done
    [ -z "$computer_name" ] || [[ $computer_name =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,14}$ ]] ||
        die "realm: --computer-name is 1-15 letters, digits and hyphens"
    case "$login_type" in
        user) ;;
        computer)
            [ -z "$realm_user" ] || die "realm: --login-type computer joins with the account's one-time password, not as -U $realm_user"
            for v in "${realm_extra[@]}"; do
                case "$v" in --os-name=*|--os-version=*) ;; *) die "realm: ${v%%=*} is not for --login-type computer" ;; esac
            done ;;
        *) die "realm: --login-type is user or computer" ;;
    esac
    if [ -z "$(secret)" ] && ! $no_password; then
        if [ "$login_type" = computer ]; then
            die "realm: the one-time password is read from $SECRET, which is missing or empty"
        fi
        die "realm: the password${realm_user:+ of $realm_user} is read from $SECRET, which is missing or empty"
    fi
    if SSSD_CONF=$HOST/etc/sssd/sssd.conf "$REALM_CONF" has "$ad_domain"; then
        die "the host has [domain/$ad_domain] in /etc/sssd/sssd.conf: it is joined to $ad_domain already"
    fi
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
            if [ "$login_type" = computer ]; then
                # adcli reads the one-time password on stdin; realm would take it in argv
                ad_realm=$(adcli info "$ad_domain" | sed -n 's/^domain-realm = //p' | head -n1) ||
                    die "realm: $ad_domain: no Active Directory domain found (adcli info)"
                [ -n "$ad_realm" ] || ad_realm=${ad_domain^^}
                join=(adcli join --verbose --login-type computer --stdin-password --domain "$ad_domain" --domain-realm "$ad_realm")
                [ -n "$computer_name" ] && join+=(--computer-name "$computer_name")
                if [ -n "$computer_ou" ]; then
                    # realm takes an OU relative to the domain; adcli wants the whole DN
                    shopt -s nocasematch
                    [[ $computer_ou =~ (^|,)[[:space:]]*DC= ]] || computer_ou="$computer_ou,DC=${ad_domain//./,DC=}"
                    shopt -u nocasematch
                    join+=(--domain-ou "$computer_ou")
                fi
                for v in "${realm_extra[@]}"; do join+=("$v"); done
                say "${join[*]}"
                secret | "${join[@]}"
                say "writing sssd.conf and krb5.conf for $ad_domain ($ad_realm) as realm would"
                "$REALM_CONF" join "$ad_domain" "$ad_realm"
            else
                start_dbus
                join=(realm join -v --install=/)
                [ -n "$realm_user" ] && join+=(--user="$realm_user")
                [ -n "$computer_name" ] && join+=(--computer-name="$computer_name")
                [ -n "$computer_ou" ] && join+=(--computer-ou="$computer_ou")
                for v in "${realm_extra[@]}"; do join+=("$v"); done
                join+=("$ad_domain")
                say "${join[*]}"
                # realm reads the password from stdin when stdin is not a terminal
                secret | "${join[@]}"
                ad_realm=$(sed -n 's/^[[:space:]]*krb5_realm[[:space:]]*=[[:space:]]*//p' /etc/sssd/sssd.conf 2>/dev/null | tail -n1)
            fi
            printf '%s\n%s\n' "$ad_domain" "${ad_realm:-${ad_domain^^}}" > "$STATE/realm"
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
                        # obfuscated as sss_obfuscate does: the password itself is in no file
                        echo "ldap_default_bind_dn = $binddn"
                        echo "ldap_default_authtok_type = obfuscated_password"
                        echo "ldap_default_authtok = $(secret | obfuscate)"
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
