import QUnit from "qunit";
import { recognizeEnrollFailure, type EnrollFailureId } from "../../src/core/enrollErrors";
import { problemText } from "../../src/core/enrollNames";

const IPA_FAILED = "The ipa-client-install command failed. See /var/log/ipaclient-install.log for more information";

// [what, output, exit code, the failure, its summary, the line it was recognised by]
// Outputs as recorded in the testbed's AD README (sections 4, 5, 7, 8) unless noted.
const CASES: [string, string, number, EnrollFailureId, string, string][] = [
    ["realm join with a wrong password",
        "Password for administrator: \n ! Couldn't authenticate as: administrator@ADPROBE.TEST: Preauthentication failed\nrealm: Couldn't join realm: Failed to join the domain\n", 1,
        "wrong-password", "The password of administrator@ADPROBE.TEST is wrong.",
        "! Couldn't authenticate as: administrator@ADPROBE.TEST: Preauthentication failed"],
    ["a second use of a one-time password",
        "Couldn't authenticate as machine account: ADPROBE-OTP: Preauthentication failed\n", 3,
        "one-time-password", "The one-time password of the computer account ADPROBE-OTP is wrong or was used already.",
        "Couldn't authenticate as machine account: ADPROBE-OTP: Preauthentication failed"],
    ["a second use of a one-time password, as realm's verbose output shows it",
        " * Using GSS-SPNEGO for SASL bind\n ! Couldn't authenticate as machine account: ADPROBE-OTP: Preauthentication failed\nrealm: Couldn't join realm: Failed to join the domain\n", 1,
        "one-time-password", "The one-time password of the computer account ADPROBE-OTP is wrong or was used already.",
        "! Couldn't authenticate as machine account: ADPROBE-OTP: Preauthentication failed"],
    ["a join after a leave that failed",
        "realm: Already joined to this domain\n", 1,
        "already-joined", "The host is a member of this domain already.", "realm: Already joined to this domain"],
    ["realm without --install=/ (discover)",
        "realm: Couldn't discover realms: Not authorized to perform this action\n", 1,
        "not-authorized", "The image ran realm in a way that needs polkit, which a container does not have: the image is too old.",
        "realm: Couldn't discover realms: Not authorized to perform this action"],
    ["realm without --install=/ (leave)",
        "realm: Couldn't leave realm: Not authorized to perform this action\n", 1,
        "not-authorized", "The image ran realm in a way that needs polkit, which a container does not have: the image is too old.",
        "realm: Couldn't leave realm: Not authorized to perform this action"],
    ["realm join of a domain that does not exist",
        "* Resolving: _ldap._tcp.nonexistent.invalid\n* Resolving: nonexistent.invalid\n* No results: nonexistent.invalid\nrealm: No such realm found: nonexistent.invalid\n", 1,
        "no-such-realm", "No domain named nonexistent.invalid was found: DNS knows no domain controller for it.",
        "realm: No such realm found: nonexistent.invalid"],
    ["ipa-client-install -U without a password",
        `One of password / principal / keytab is required.\n${IPA_FAILED}\n`, 1,
        "missing-password", "The enrollment received no password.", "One of password / principal / keytab is required."],
    ["ipa-client-install for a domain without an IPA server",
        `The sudo binary does not seem to be present on this system. Please consider installing sudo if required.\nUnable to find IPA Server to join\n${IPA_FAILED}\ninstall.sh: failed (exit 1): nothing was copied back to the host\n`, 1,
        "no-ipa-server", "No IPA server of this domain was found in DNS.", "Unable to find IPA Server to join"],
    ["ipa-client-install's log for a domain without an IPA server",
        "Search DNS for SRV record of _ldap._tcp.nonexistent.invalid\nDNS record not found: NXDOMAIN\n", 1,
        "no-ipa-server", "No IPA server of this domain was found in DNS.", "DNS record not found: NXDOMAIN"],
    ["ipa-client-install with a server that does not answer",
        `Skip ipa.nonexistent.invalid: LDAP server is not responding, unable to verify if this is an IPA server\nFailed to verify that ipa.nonexistent.invalid is an IPA Server.\n${IPA_FAILED}\n`, 1,
        "unreachable", "The server ipa.nonexistent.invalid could not be reached.",
        "Failed to verify that ipa.nonexistent.invalid is an IPA Server."],
    ["ipa-client-install with an address that does not answer",
        "Skip 127.0.0.9: LDAP server is not responding, unable to verify if this is an IPA server\n", 1,
        "unreachable", "The server 127.0.0.9 could not be reached.",
        "Skip 127.0.0.9: LDAP server is not responding, unable to verify if this is an IPA server"],
    ["an option realm does not know",
        "realm: Unknown option --stdin-password\n", 2,
        "unknown-option", "The enrollment tool does not know the option --stdin-password.", "realm: Unknown option --stdin-password"],
    // Not recorded in the README: the image's own messages (images/sssd/install.sh) and the
    // standard Kerberos library messages, as adcli and kinit print them.
    ["the image's ldap mode without the bind password",
        "install.sh: ldap: --bind-dn needs the password in /run/secrets/enroll-password\n", 1,
        "missing-password", "The enrollment received no password.",
        "install.sh: ldap: --bind-dn needs the password in /run/secrets/enroll-password"],
    ["the image's realm mode without the password",
        "install.sh: realm: the password of administrator is read from /run/secrets/enroll-password, which is missing or empty\n", 1,
        "missing-password", "The enrollment received no password.",
        "install.sh: realm: the password of administrator is read from /run/secrets/enroll-password, which is missing or empty"],
    ["the image's realm mode without the one-time password",
        "install.sh: realm: the one-time password is read from /run/secrets/enroll-password, which is missing or empty\n", 1,
        "missing-password", "The enrollment received no password.",
        "install.sh: realm: the one-time password is read from /run/secrets/enroll-password, which is missing or empty"],
    ["the image finding the domain in the host's sssd.conf",
        "install.sh: the host has [domain/adprobe.test] in /etc/sssd/sssd.conf: it is joined to adprobe.test already\n", 1,
        "already-joined", "The host is a member of this domain already.",
        "install.sh: the host has [domain/adprobe.test] in /etc/sssd/sssd.conf: it is joined to adprobe.test already"],
    ["the image's one-time password join of a domain adcli does not find",
        "install.sh: realm: nonexistent.invalid: no Active Directory domain found (adcli info)\n", 1,
        "no-such-realm", "No domain named nonexistent.invalid was found: DNS knows no domain controller for it.",
        "install.sh: realm: nonexistent.invalid: no Active Directory domain found (adcli info)"],
    ["clock skew",
        " ! Couldn't authenticate as: administrator@ADPROBE.TEST: Clock skew too great\nrealm: Couldn't join realm: Failed to join the domain\n", 1,
        "clock-skew", "The clocks of this host and of the domain's server differ by more than Kerberos allows (5 minutes).",
        "! Couldn't authenticate as: administrator@ADPROBE.TEST: Clock skew too great"],
    ["no KDC reachable",
        " ! Couldn't get kerberos ticket for: administrator@ADPROBE.TEST: Cannot contact any KDC for realm 'ADPROBE.TEST'\n", 1,
        "unreachable", "No Kerberos server of the realm ADPROBE.TEST could be reached.",
        "! Couldn't get kerberos ticket for: administrator@ADPROBE.TEST: Cannot contact any KDC for realm 'ADPROBE.TEST'"],
    ["an option ipa-client-install does not know (optparse)",
        "Usage: ipa-client-install [options]\n\nipa-client-install: error: no such option: --no-such-thing\n", 2,
        "unknown-option", "The enrollment tool does not know the option --no-such-thing.",
        "ipa-client-install: error: no such option: --no-such-thing"],
];

QUnit.module("enroll: failures in words", () => {
    for (const [what, output, code, id, summary, line] of CASES) {
        QUnit.test(`${what} → ${id}`, assert => {
            const failure = recognizeEnrollFailure(output, code);
            assert.equal(failure?.id, id);
            assert.equal(failure ? problemText(failure.summary) : null, summary);
            assert.equal(failure?.line, line);
            assert.true((failure?.advice.template.length ?? 0) > 20, "says what to do");
        });
    }
    QUnit.test("a one-time password that failed is not reported as a user's wrong password", assert => {
        assert.equal(recognizeEnrollFailure(CASES[1][1], 3)?.id, "one-time-password");
    });
    QUnit.test("a missing polkit is reported before what follows from it", assert => {
        const leave = "realm: Couldn't leave realm: Not authorized to perform this action\n";
        assert.equal(recognizeEnrollFailure(leave + "realm: Already joined to this domain\n", 1)?.id, "not-authorized");
    });
    QUnit.test("a success is no failure, whatever it printed", assert => {
        assert.strictEqual(recognizeEnrollFailure("* Successfully enrolled machine in realm\n", 0), null);
        assert.strictEqual(recognizeEnrollFailure("realm: Already joined to this domain\n", 0), null);
    });
    QUnit.test("an output not known gives null, so the log is shown as it is", assert => {
        const chrony = "CalledProcessError(Command ['/bin/systemctl', 'restart', 'chrony.service'] returned non-zero exit status 1: 'System has not been booted with systemd as init system (PID 1). Can\\'t operate.\\nFailed to connect to bus: Host is down\\n')\n";
        assert.strictEqual(recognizeEnrollFailure(chrony + IPA_FAILED + "\n", 1), null);
        assert.strictEqual(recognizeEnrollFailure("", 1), null);
        assert.strictEqual(recognizeEnrollFailure("install.sh: failed (exit 1): nothing was copied back to the host\n", null), null);
    });
});
