import QUnit from "qunit";
import { parseRealmDiscover } from "../../src/core/realmDiscover";

// The outputs recorded in the testbed's AD README (section 4), verbose lines included.
const FOUND = `* Resolving: _ldap._tcp.adprobe.test
* Performing LDAP DSE lookup on: 127.0.0.2
* Successfully discovered: adprobe.test
adprobe.test
  type: kerberos
  realm-name: ADPROBE.TEST
  domain-name: adprobe.test
  configured: no
  server-software: active-directory
  client-software: sssd
  required-package: sssd-tools
  required-package: sssd
  required-package: libnss-sss
  required-package: libpam-sss
  required-package: adcli
  required-package: samba-common-bin
`;

const NOT_FOUND = `* Resolving: _ldap._tcp.nonexistent.invalid
* Resolving: nonexistent.invalid
* No results: nonexistent.invalid
realm: No such realm found: nonexistent.invalid
`;

const NOT_AUTHORIZED = "realm: Couldn't discover realms: Not authorized to perform this action\n";

const ADPROBE = {
    name: "adprobe.test",
    domainName: "adprobe.test",
    realmName: "ADPROBE.TEST",
    type: "kerberos",
    serverSoftware: "active-directory",
    clientSoftware: "sssd",
    requiredPackages: ["sssd-tools", "sssd", "libnss-sss", "libpam-sss", "adcli", "samba-common-bin"],
    configured: null,
};

QUnit.module("realm discover", () => {
    QUnit.test("reads the Samba AD DC's answer", assert => {
        assert.deepEqual(parseRealmDiscover(FOUND), { status: "found", realm: ADPROBE, others: 0 });
    });
    QUnit.test("reads stdout alone, without the verbose lines", assert => {
        assert.deepEqual(parseRealmDiscover(FOUND.split("\n").filter(l => !l.startsWith("*")).join("\n")), { status: "found", realm: ADPROBE, others: 0 });
    });
    QUnit.test("reads verbose lines interleaved with the answer and Windows line ends", assert => {
        const mixed = FOUND.replace("  configured: no\n", "  configured: no\n * LDAP DSE lookup again\n").replace(/\n/g, "\r\n");
        assert.deepEqual(parseRealmDiscover(mixed), { status: "found", realm: ADPROBE, others: 0 });
    });
    QUnit.test("says no such realm for a name that is none", assert => {
        assert.deepEqual(parseRealmDiscover(NOT_FOUND), { status: "no-such-realm", name: "nonexistent.invalid" });
    });
    QUnit.test("says no such realm from the DNS line alone", assert => {
        assert.deepEqual(parseRealmDiscover("* Resolving: example.test\n* No results: example.test\n"), { status: "no-such-realm", name: "example.test" });
    });
    QUnit.test("an output that is neither is unreadable (realm without --install=/ in a container)", assert => {
        assert.deepEqual(parseRealmDiscover(NOT_AUTHORIZED), { status: "unreadable" });
        assert.deepEqual(parseRealmDiscover(""), { status: "unreadable" });
    });
    QUnit.test("of several realms the first is the answer", assert => {
        const two = FOUND + `ipa.adprobe.test
  type: kerberos
  realm-name: IPA.ADPROBE.TEST
  domain-name: ipa.adprobe.test
  configured: no
  server-software: ipa
  client-software: sssd
`;
        assert.deepEqual(parseRealmDiscover(two), { status: "found", realm: ADPROBE, others: 1 });
    });
    QUnit.test("a joined realm says how it is configured", assert => {
        // realm list after the join (README section 4): the same realm, now configured
        const joined = FOUND.replace("configured: no", "configured: kerberos-member") +
            "  login-formats: %U@adprobe.test\n  login-policy: allow-realm-logins\n";
        const found = parseRealmDiscover(joined);
        assert.equal(found.status === "found" ? found.realm.configured : "", "kerberos-member");
    });
    QUnit.test("a realm without domain-name is named by its heading; missing fields are null", assert => {
        assert.deepEqual(parseRealmDiscover("example.test\n  type: kerberos\n"), {
            status: "found",
            realm: {
                name: "example.test", domainName: "example.test", realmName: null, type: "kerberos",
                serverSoftware: null, clientSoftware: null, requiredPackages: [], configured: null,
            },
            others: 0,
        });
    });
});
