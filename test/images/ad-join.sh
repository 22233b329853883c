#!/bin/bash
# The reference SSSD image (images/sssd) joining a real Active Directory domain: the Samba AD DC of
# test/testbed/ad.sh, from inside the testbed, through the image's labels run the way the page runs
# them (ad-run-label.sh: the INSTALL/UNINSTALL/discover label, the secret file mounted read-only).
# Joins with the administrator's password and with a one-time password, leaves, joins again,
# fails as it should, and finds none of the secrets in the journal, /etc, /var, /run, podman
# inspect or the process list. Last line: "sssd image AD: N passed, N failed".
#
# Boots the testbed and the DC when they are not running, and stops what it started. Callers hold
# the testbed lock (flock /tmp/system-services-testbed.lock ...), as for every use of the testbed.
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TESTBED=$REPO/test/testbed/testbed.sh
AD=$REPO/test/testbed/ad.sh
export CTX_DIR=${CTX_DIR:-$REPO/test/images}
NAME=sssd-ad
IMAGE=localhost/sssd
DOMAIN=syssvc.test
ADMIN_PW=Syssvc-Admin1
WRONG_PW="Wrong-Admin-$RANDOM$RANDOM"
OTP="Otp-$RANDOM$RANDOM-x9"
CAROL_PW="Carol-Pass-$RANDOM"
ALICE_PW=Alice-Pass1
LDAP_PW="Ldap-Bind-$RANDOM$RANDOM"
BIND_DN=cn=sssd-bind,dc=example,dc=test
RUN_LABEL=/srv/ctx/ad-run-label.sh
INSIDE=/srv/ctx/ad-inside.sh

passed=0 failed=0
STARTED_TB= STARTED_AD=
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@" | head -n 40; return 0; }
tb() { "$TESTBED" exec "$@"; }

finish() {
    trap - EXIT INT TERM
    if [ -n "$STARTED_TB" ]; then
        "$TESTBED" stop >/dev/null 2>&1
    elif [ "$("$TESTBED" status 2>/dev/null)" = running ]; then
        # a testbed someone else runs: leave it as found
        tb bash -c "systemctl stop $NAME.service; rm -rf /run/system-services/$NAME /run/ps-sampling" >/dev/null 2>&1
        tb "$RUN_LABEL" UNINSTALL "$NAME" "$IMAGE" no >/dev/null 2>&1
    fi
    [ -n "$STARTED_AD" ] && "$AD" down >/dev/null 2>&1
    echo "sssd image AD: $passed passed, $failed failed"
    [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
    exit
}
trap finish EXIT
trap 'failed=$((failed + 1)); finish' INT TERM

# --- the testbed, the image, the DC --------------------------------------------------------------
t0=$SECONDS
if [ "$("$TESTBED" status)" != running ]; then
    STARTED_TB=1
    { "$TESTBED" reset && "$TESTBED" boot; } >/dev/null || { not_ok "boot the testbed"; exit 1; }
fi
"$TESTBED" sssd-image >/dev/null || { not_ok "build the SSSD image in the testbed"; exit 1; }
if [ "$("$AD" status | head -n1)" != running ]; then
    STARTED_AD=1
    "$AD" up >/dev/null || { not_ok "bring up the AD DC"; exit 1; }
fi
"$AD" member >/dev/null || { not_ok "point the testbed at the DC"; exit 1; }
echo "# testbed, image and DC ready in $((SECONDS - t0)) s"

# run LABEL [SECRET] -- ARG...: the label's output in $out, its exit code in $rc
run() {
    local label=$1 secret=$2
    shift 3
    if [ -n "$secret" ]; then
        out=$(printf '%s' "$secret" | tb "$RUN_LABEL" "$label" "$NAME" "$IMAGE" yes "$@" 2>&1)
    else
        out=$(tb "$RUN_LABEL" "$label" "$NAME" "$IMAGE" no "$@" </dev/null 2>&1)
    fi
    rc=$?
}

# The sha256 of every host-data-list path (content, mode, owner), the unit and the install state.
fingerprint() { tb env NAME="$NAME" "$INSIDE" fingerprint < "$REPO/images/sssd/host-data-list" | sha256sum; }

# The process-list sampler: every 100 ms, `ps -eo args` searched for the secrets (given on stdin,
# matched inside bash so that no process carries them in its argv). start_sampler; ...; stop_sampler
start_sampler() {
    tb rm -f /run/ps-sampling
    secrets | tb "$INSIDE" sample /run/ps-sampling > "$SAMPLES" 2>&1 &
    SAMPLER=$!
    local i
    for i in $(seq 1 50); do tb test -e /run/ps-sampling && return 0; sleep 0.1; done
}
stop_sampler() {   # what: the report goes to ps_report (not in a subshell: it waits for the sampler)
    tb rm -f /run/ps-sampling
    wait "$SAMPLER"
    ps_report+=("$1: $(cat "$SAMPLES")")
}
SAMPLES=$(mktemp)
ps_report=()
inspect_hits=""
secrets() { printf '%s\n' "$ADMIN_PW" "$OTP" "$WRONG_PW" "$LDAP_PW"; }

join_works() {   # what a join must give: the unit runs and AD users resolve on the host
    local what=$1
    tb systemctl start "$NAME.service" || { not_ok "$what: systemctl start $NAME.service" "$(tb systemctl status --no-pager "$NAME.service" 2>&1)"; return; }
    local pw id
    pw=$(tb getent passwd "administrator@$DOMAIN" 2>&1)
    id=$(tb id "adalice@$DOMAIN" 2>&1)
    # the running container's podman inspect, while it runs
    inspect_hits+=$(secrets | tb "$INSIDE" inspect)
    if [[ $pw == "administrator@$DOMAIN:"* ]] && [[ $id == *"adstaff@$DOMAIN"* ]]; then
        ok "$what: getent passwd administrator@$DOMAIN and id adalice@$DOMAIN answer through the containerized sssd"
    else
        not_ok "$what: AD users resolve on the host" "$pw" "$id"
    fi
}

no_state() {     # what a failed install leaves: nothing
    local what=$1 before=$2 after
    after=$(fingerprint)
    if [ "$after" = "$before" ] && ! tb test -e "/var/lib/sssd-container/$NAME" && ! tb test -e "/etc/systemd/system/$NAME.service"; then
        ok "$what leaves every host-data-list path, unit and state as before"
    else
        not_ok "$what leaves the host as before" "$(tb ls -la /etc/sssd /etc/krb5.keytab /var/lib/sssd-container 2>&1)"
    fi
}

left() {         # what UNINSTALL of a join must leave
    local what=$1
    run UNINSTALL "" --
    local conf
    conf=$(tb cat /etc/sssd/sssd.conf 2>/dev/null)
    if [ "$rc" = 0 ] && ! tb test -e /etc/krb5.keytab && [[ $conf != *"[domain/$DOMAIN]"* ]] &&
       ! tb test -e "/etc/systemd/system/$NAME.service" && ! tb test -e "/var/lib/sssd-container/$NAME"; then
        ok "$what: UNINSTALL leaves the domain: no keytab, no [domain/$DOMAIN] in sssd.conf, no unit, no state"
    else
        not_ok "$what: UNINSTALL leaves the domain (rc $rc)" "$out" "sssd.conf: $conf" "$(tb ls -la /etc/krb5.keytab 2>&1)"
    fi
}

# --- discover ------------------------------------------------------------------------------------
run io.github.system-services.discover "" -- "$DOMAIN"
if [ "$rc" = 0 ] && [[ $out == *"server-software: active-directory"* ]] && [[ $out == *"realm-name: SYSSVC.TEST"* ]]; then
    ok "discover $DOMAIN: server-software: active-directory"
else
    not_ok "discover $DOMAIN (rc $rc)" "$out"
fi
run io.github.system-services.discover "" -- nosuch.invalid
if [ "$rc" != 0 ] && [[ $out == *"No such realm found"* ]]; then
    ok "discover nosuch.invalid: No such realm found (rc $rc)"
else
    not_ok "discover nosuch.invalid (rc $rc)" "$out"
fi

# --- a wrong password ----------------------------------------------------------------------------
before=$(fingerprint)
run INSTALL "$WRONG_PW" -- realm -U administrator "$DOMAIN"
if [ "$rc" != 0 ] && [[ $out == *"Preauthentication failed"* ]]; then
    ok "a wrong administrator password fails (rc $rc): Preauthentication failed"
else
    not_ok "a wrong administrator password fails with Preauthentication failed (rc $rc)" "$out"
fi
no_state "the wrong password" "$before"

# --- join with the administrator's password --------------------------------------------------------
start_sampler
run INSTALL "$ADMIN_PW" -- realm -U administrator "$DOMAIN"
stop_sampler "password join"
if [ "$rc" = 0 ] && [[ $out == *"Successfully enrolled machine in realm"* ]]; then
    ok "INSTALL realm -U administrator $DOMAIN joins with the password from the secret file"
else
    not_ok "INSTALL realm -U administrator $DOMAIN (rc $rc)" "$out"
fi
join_works "password join"

carol=adcarol$RANDOM
"$AD" user-add "$carol" - adstaff <<< "$CAROL_PW" >/dev/null
carol=$(tb getent passwd "$carol@$DOMAIN" 2>&1)
if [[ $carol == "adcarol"*"@$DOMAIN:"* ]]; then ok "a user created on the DC afterwards resolves: ${carol%%:*}"; else not_ok "a user created on the DC afterwards resolves" "$carol"; fi

# su asks as nobody; its PAM discards what was typed before the prompt: the password comes after
su_out=$( (sleep 2; printf '%s\n' "$ALICE_PW") | tb setpriv --reuid=65534 --regid=65534 --clear-groups \
    script -qec "su adalice@$DOMAIN -c 'echo AUTH-OK; id -un'" /dev/null 2>&1)
if [[ $su_out == *"AUTH-OK"*"adalice@$DOMAIN"* ]]; then
    ok "su adalice@$DOMAIN with her password works on the host (pam_sss through the container)"
else
    not_ok "su adalice@$DOMAIN with her password" "$su_out"
fi
left "password join"

# --- leave and join again ----------------------------------------------------------------------------
run INSTALL "$ADMIN_PW" -- realm --user=administrator "$DOMAIN"
if [ "$rc" = 0 ]; then ok "a second join after UNINSTALL works (--user=administrator)"; else not_ok "a second join after UNINSTALL (rc $rc)" "$out"; fi
join_works "second join"
left "second join"

# --- one-time password ---------------------------------------------------------------------------------
"$AD" computer-delete testbed >/dev/null
"$AD" computer-preset testbed - OU=Servers,DC=syssvc,DC=test <<< "$OTP" >/dev/null
start_sampler
run INSTALL "$OTP" -- realm --login-type computer --computer-ou OU=Servers "$DOMAIN"
stop_sampler "one-time password join"
if [ "$rc" = 0 ] && [[ $out == *"adcli join"*"--login-type computer"* ]]; then
    ok "INSTALL realm --login-type computer joins a preset account with the one-time password (adcli, stdin)"
else
    not_ok "INSTALL realm --login-type computer (rc $rc)" "$out"
fi
conf=$(tb cat /etc/sssd/sssd.conf 2>/dev/null)
if [[ $conf == *"[domain/$DOMAIN]"* && $conf == *"id_provider = ad"* && $conf == *"krb5_realm = SYSSVC.TEST"* ]] &&
   tb grep -q "default_realm = SYSSVC.TEST" /etc/krb5.conf; then
    ok "the one-time password join writes sssd.conf and krb5.conf as realm would"
else
    not_ok "sssd.conf and krb5.conf after the one-time password join" "$conf"
fi
join_works "one-time password join"
left "one-time password join"

before=$(fingerprint)
run INSTALL "$OTP" -- realm --login-type=computer "$DOMAIN"
if [ "$rc" != 0 ] && [[ $out == *"Preauthentication failed"* ]]; then
    ok "the one-time password used twice fails (rc $rc): Preauthentication failed"
else
    not_ok "the one-time password used twice fails with Preauthentication failed (rc $rc)" "$out"
fi
no_state "the used one-time password" "$before"

# --- LDAP with a bind password: obfuscated in sssd.conf ---------------------------------------------
tb "$INSIDE" ldap-bind-user "$BIND_DN" <<< "$LDAP_PW" >/dev/null
run INSTALL "$LDAP_PW" -- ldap --uri=ldap://127.0.0.1 --base dc=example,dc=test --bind-dn "$BIND_DN" --force
conf=$(tb cat /etc/sssd/sssd.conf 2>/dev/null)
if [ "$rc" = 0 ] && [[ $conf == *"ldap_default_authtok_type = obfuscated_password"* ]] &&
   [[ $conf == *"ldap_default_bind_dn = $BIND_DN"* ]]; then
    ok "INSTALL ldap --bind-dn writes the bind password obfuscated (ldap_default_authtok_type = obfuscated_password)"
else
    not_ok "INSTALL ldap --bind-dn with an obfuscated password (rc $rc)" "$out" "$conf"
fi
# sssd binds before it searches and does not fall back to anonymous: alice found means the bind worked
if tb systemctl start "$NAME.service" && alice=$(tb getent passwd alice 2>&1) && [[ $alice == alice:* ]]; then
    ok "sssd binds as $BIND_DN with the obfuscated password: getent passwd alice"
else
    not_ok "sssd binds with the obfuscated password" "${alice:-}" "$(tb journalctl -b -u "$NAME.service" --no-pager -o cat 2>&1 | tail -n 15)"
fi
run UNINSTALL "" --
[ "$rc" = 0 ] || not_ok "UNINSTALL of the ldap install (rc $rc)" "$out"
tb "$INSIDE" ldap-bind-user-delete "$BIND_DN" >/dev/null

# --- the secrets, nowhere ------------------------------------------------------------------------------
found=$(secrets | tb "$INSIDE" journal)
if [ -z "$found" ]; then ok "no secret in the testbed's journal (journalctl -b)"; else not_ok "no secret in the journal" "$found"; fi
found=$(secrets | tb "$INSIDE" files)
if [ -z "$found" ]; then ok "no secret in any file of /etc, /var or /run"; else not_ok "no secret in /etc, /var, /run" "$found"; fi
found=$(secrets | tb "$INSIDE" inspect)
if [ -z "$found" ] && [ -z "$inspect_hits" ]; then
    ok "no secret in podman inspect of the containers (now and while each join's service ran)"
else
    not_ok "no secret in podman inspect" "now: $found" "while running: $inspect_hits"
fi
bad=0
for r in "${ps_report[@]}"; do [[ $r =~ samples=([0-9]+)\ hits=0$ ]] && [ "${BASH_REMATCH[1]}" -ge 5 ] || bad=1; done
if [ ${#ps_report[@]} = 2 ] && [ "$bad" = 0 ]; then
    ok "no secret in ps -eo args sampled every 100 ms during the joins (${ps_report[*]})"
else
    not_ok "no secret in the process list during the joins" "${ps_report[@]}"
fi
rm -f "$SAMPLES"
echo "# done in $((SECONDS - t0)) s"
