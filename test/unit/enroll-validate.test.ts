import QUnit from "qunit";
import { enrollSupport, type AdForm, type EnrollForm, type IpaForm, type LdapForm } from "../../src/core/enroll";
import { validateEnroll, type EnrollField } from "../../src/core/enrollValidate";
import { problemText } from "../../src/core/enrollNames";

const SUPPORT = enrollSupport({
    "io.github.system-services.enroll": "ipa realm ldap",
    "io.github.system-services.enroll-secret": "/run/secrets/enroll-password",
});
// the reference image as it is today: no secret label
const NO_SECRET = enrollSupport({ "io.github.system-services.enroll": "ipa realm ldap" });

const AD: AdForm = { mode: "realm", domain: "adprobe.test", credential: "password", user: "administrator", computerOu: "", computerName: "" };
const IPA: IpaForm = {
    mode: "ipa", domain: "ipa.example.test", server: "", realm: "", credential: "password", principal: "admin",
    mkhomedir: false, enableDnsUpdates: false, forceJoin: false, noSsh: false, noSshd: false, additionalOptions: "",
};
const LDAP: LdapForm = { mode: "ldap", uri: "ldaps://ldap.example.test", base: "dc=example,dc=test", schema: "", starttls: false, bindDn: "" };
const PW = "Adprobe-Pass1";

function problems(form: EnrollForm, secret = PW, support = SUPPORT): [EnrollField, string][] {
    return validateEnroll(form, secret, support).map(p => [p.field, problemText(p)]);
}

// [what, form, secret, the field of the one problem expected (null: valid), its text]
type Row = [string, EnrollForm, string, EnrollField | null, RegExp?];

const AD_ROWS: Row[] = [
    ["the README's join", AD, PW, null],
    ["a one-time password join without a user", { ...AD, credential: "one-time-password", user: "" }, "Yz7-otp", null],
    ["a user with the realm", { ...AD, user: "administrator@ADPROBE.TEST" }, PW, null],
    ["a user with a space (AD allows it)", { ...AD, user: "John Smith" }, PW, null],
    ["an OU with its DC= parts", { ...AD, computerOu: "OU=Linux Servers,DC=adprobe,DC=test" }, PW, null],
    ["an OU relative to the domain", { ...AD, computerOu: "OU=Linux,OU=Servers" }, PW, null],
    ["an OU with an escaped comma and spaces around the parts", { ...AD, computerOu: "OU=Paris\\, France , DC=adprobe, DC=test" }, PW, null],
    ["an OU with a hex escape", { ...AD, computerOu: "OU=Gr\\C3\\BC\\C3\\9Fe" }, PW, null],
    ["the default computers container", { ...AD, computerOu: "CN=Computers,DC=adprobe,DC=test" }, PW, null],
    ["a computer name of 15 characters", { ...AD, computerName: "ADPROBE-MEMBER1" }, PW, null],
    ["a domain with capitals", { ...AD, domain: "ADPROBE.Test" }, PW, null],
    ["a domain of 253 characters", { ...AD, domain: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}` }, PW, null],
    ["no domain", { ...AD, domain: "  " }, PW, "domain", /^Enter the domain to join/],
    ["a domain with a space", { ...AD, domain: "adprobe .test" }, PW, "domain", /contains " "/],
    ["a domain with an underscore", { ...AD, domain: "ad_probe.test" }, PW, "domain", /contains "_"/],
    ["a domain with two dots in a row", { ...AD, domain: "adprobe..test" }, PW, "domain", /empty part/],
    ["a domain with a final dot", { ...AD, domain: "adprobe.test." }, PW, "domain", /empty part/],
    ["a domain part starting with -", { ...AD, domain: "-adprobe.test" }, PW, "domain", /starts or ends with "-"/],
    ["a domain part of 64 characters", { ...AD, domain: "a".repeat(64) + ".test" }, PW, "domain", /64 characters long; a part between dots has at most 63/],
    ["a domain of 254 characters", { ...AD, domain: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}` }, PW, "domain", /254 characters long; at most 253/],
    ["an internationalized domain", { ...AD, domain: "grüße.test" }, PW, "domain", /xn-- form/],
    ["a domain with a line break inside", { ...AD, domain: "adprobe\n.test" }, PW, "domain", /control character/],
    ["no user", { ...AD, user: "" }, PW, "user", /^Enter the name of a user who may join computers/],
    ["a user starting with -", { ...AD, user: "-w" }, PW, "user", /cannot start with "-"/],
    ["a user with a backslash (NetBIOS style)", { ...AD, user: "ADPROBE\\administrator" }, PW, "user", /cannot contain "\\"/],
    ["a user with a lowercase realm", { ...AD, user: "administrator@adprobe.test" }, PW, "user", /realm is written in capitals: ADPROBE\.TEST/],
    ["a user with two @", { ...AD, user: "a@b@ADPROBE.TEST" }, PW, "user", /user name and the realm/],
    ["a user that is only a realm", { ...AD, user: "@ADPROBE.TEST" }, PW, "user", /user name and the realm/],
    ["a user with a tab", { ...AD, user: "admin\tistrator" }, PW, "user", /control character/],
    ["an OU without =", { ...AD, computerOu: "Linux" }, PW, "computerOu", /"Linux" has no "="/],
    ["an OU with an unescaped comma in a value", { ...AD, computerOu: "OU=Paris, France,DC=adprobe,DC=test" }, PW, "computerOu", /"France" has no "="/],
    ["an OU with an empty part", { ...AD, computerOu: "OU=Linux,,DC=adprobe,DC=test" }, PW, "computerOu", /empty part: two commas/],
    ["an OU with no value", { ...AD, computerOu: "OU=,DC=adprobe,DC=test" }, PW, "computerOu", /"OU=" has no value/],
    ["an OU with a bad attribute type", { ...AD, computerOu: "O U=Linux" }, PW, "computerOu", /"O U" is not an attribute type/],
    ["an OU ending in a lone backslash", { ...AD, computerOu: "OU=Linux\\" }, PW, "computerOu", /not an escape/],
    ["an OU with a bad escape", { ...AD, computerOu: "OU=Li\\nux" }, PW, "computerOu", /"\\n" is not an escape/],
    ["an OU with an unescaped <", { ...AD, computerOu: "OU=<Linux>" }, PW, "computerOu", /A "<" in a value is written with a "\\" before it/],
    ["an OU that is the domain itself", { ...AD, computerOu: "DC=adprobe,DC=test" }, PW, "computerOu", /starts with OU=/],
    ["an OU of another domain", { ...AD, computerOu: "OU=Linux,DC=example,DC=com" }, PW, "computerOu", /name the domain example\.com, not adprobe\.test/],
    ["a computer name of 16 characters", { ...AD, computerName: "ADPROBE-MEMBER12" }, PW, "computerName", /at most 15 characters .* this one has 16/],
    ["a computer name with dots", { ...AD, computerName: "web1.adprobe.test" }, PW, "computerName", /one word without dots, such as WEB1/],
    ["a computer name with an underscore", { ...AD, computerName: "WEB_1" }, PW, "computerName", /contains "_"/],
    ["a computer name ending in -", { ...AD, computerName: "WEB-" }, PW, "computerName", /starts or ends with "-"/],
    ["no password", AD, "", "secret", /^Enter the password of administrator\.$/],
    ["no one-time password", { ...AD, credential: "one-time-password" }, "", "secret", /^Enter the one-time password\.$/],
    ["a password with a line break", AD, "Adprobe-Pass1\n", "secret", /control character/],
];

const IPA_ROWS: Row[] = [
    ["a principal's enrollment", IPA, PW, null],
    ["a one-time password enrollment", { ...IPA, credential: "one-time-password", principal: "" }, "Yz7-otp", null],
    ["everything given", { ...IPA, server: "ipa1.ipa.example.test", realm: "IPA.EXAMPLE.TEST", principal: "admin@IPA.EXAMPLE.TEST", additionalOptions: "--ca-cert-file=/etc/ipa/ca.crt\n\n--fixed-primary" }, PW, null],
    ["a server given by its address", { ...IPA, server: "127.0.0.9" }, PW, null],
    ["a principal with an instance", { ...IPA, principal: "admin/admin" }, PW, null],
    ["an option and its value on two lines", { ...IPA, additionalOptions: "--ca-cert-file\n/etc/ipa/ca.crt" }, PW, null],
    ["a keytab to enroll with", { ...IPA, additionalOptions: "--keytab=/etc/krb5.keytab" }, PW, null],
    ["no domain", { ...IPA, domain: "" }, PW, "domain", /^Enter the IPA domain/],
    ["a server with a space", { ...IPA, server: "ipa 1.example.test" }, PW, "server", /contains " "/],
    ["a lowercase realm", { ...IPA, realm: "ipa.example.test" }, PW, "realm", /^A realm is written in capitals: IPA\.EXAMPLE\.TEST\.$/],
    ["a realm with a space", { ...IPA, realm: "IPA EXAMPLE" }, PW, "realm", /contains " "/],
    ["no principal", { ...IPA, principal: " " }, PW, "principal", /^Enter the principal to enroll as/],
    ["a principal with a space", { ...IPA, principal: "ad min" }, PW, "principal", /no spaces/],
    ["a principal starting with -", { ...IPA, principal: "-admin" }, PW, "principal", /cannot start with "-"/],
    ["a principal with a lowercase realm", { ...IPA, principal: "admin@ipa.example.test" }, PW, "principal", /capitals: IPA\.EXAMPLE\.TEST/],
    ["a principal with a bad realm", { ...IPA, principal: "admin@IPA..TEST" }, PW, "principal", /empty part/],
    ["no password of the principal", IPA, "", "secret", /^Enter the password of admin\.$/],
    ["no one-time password", { ...IPA, credential: "one-time-password" }, "", "secret", /^Enter the one-time password\.$/],
    ["two words on a line", { ...IPA, additionalOptions: "--fixed-primary\n--ca-cert-file /etc/ipa/ca.crt" }, PW, "additionalOptions", /^Line 2 has more than one word/],
    ["a tab on a line", { ...IPA, additionalOptions: "--ca-cert-file\t/etc/ipa/ca.crt" }, PW, "additionalOptions", /^Line 1 contains a control character/],
    ["--hostname", { ...IPA, additionalOptions: "--hostname=client.ipa.example.test" }, PW, "additionalOptions", /^Line 1: --hostname would change the host's name/],
    ["--hostname abbreviated", { ...IPA, additionalOptions: "\n--host=client.ipa.example.test" }, PW, "additionalOptions", /^Line 2: --host would change the host's name/],
    ["--password", { ...IPA, additionalOptions: "--password=Secret123" }, PW, "additionalOptions", /^Line 1: --password would put a password on the command line.*password field/],
    ["--password abbreviated", { ...IPA, additionalOptions: "--passw" }, PW, "additionalOptions", /^Line 1: --passw would put a password/],
    ["-w", { ...IPA, additionalOptions: "-w\nSecret123" }, PW, "additionalOptions", /^Line 1: -w would put a password/],
    ["-wSecret", { ...IPA, additionalOptions: "-wSecret123" }, PW, "additionalOptions", /^Line 1: -wSecret123 would put a password/],
    ["-W (asks for a password)", { ...IPA, additionalOptions: "-W" }, PW, "additionalOptions", /would put a password/],
    ["a one-time password option", { ...IPA, additionalOptions: "--one-time-password=abc" }, PW, "additionalOptions", /^Line 1: --one-time-password would put a password/],
    ["--uninstall", { ...IPA, additionalOptions: "--uninstall" }, PW, "additionalOptions", /undoes an enrollment/],
    ["-U", { ...IPA, additionalOptions: "-U" }, PW, "additionalOptions", /^Line 1: -U is always given by the image\.$/],
    ["-U among short options", { ...IPA, additionalOptions: "-NU" }, PW, "additionalOptions", /-NU is always given by the image/],
    ["--unattended", { ...IPA, additionalOptions: "--unattended" }, PW, "additionalOptions", /always given by the image/],
    ["--domain again", { ...IPA, additionalOptions: "--domain=other.test" }, PW, "additionalOptions", /--domain has its own field/],
    ["-p again", { ...IPA, additionalOptions: "-padmin" }, PW, "additionalOptions", /-padmin has its own field/],
    ["--ntp-server", { ...IPA, additionalOptions: "--ntp-server=ntp.example.test" }, PW, "additionalOptions", /a container cannot run/],
    ["--help", { ...IPA, additionalOptions: "--help" }, PW, "additionalOptions", /only prints help/],
];

const LDAP_ROWS: Row[] = [
    ["anonymous", LDAP, "", null],
    ["with a bind DN", { ...LDAP, bindDn: "cn=reader,dc=example,dc=test" }, "reader-pw", null],
    ["several servers", { ...LDAP, uri: "ldap://a.example.test,ldaps://b.example.test:636" }, "", null],
    ["every schema", { ...LDAP, schema: "rfc2307bis", starttls: true }, "", null],
    ["no address", { ...LDAP, uri: "" }, "", "uri", /^Enter the directory's address/],
    ["an http address", { ...LDAP, uri: "https://ldap.example.test" }, "", "uri", /not an LDAP address/],
    ["a capitalised scheme (the image takes only ldap:// and ldaps://)", { ...LDAP, uri: "LDAP://ldap.example.test" }, "", "uri", /not an LDAP address/],
    ["a space in the address", { ...LDAP, uri: "ldap://a.example.test ldap://b.example.test" }, "", "uri", /no spaces/],
    ["no server in the address", { ...LDAP, uri: "ldaps://" }, "", "uri", /names no server/],
    ["no search base", { ...LDAP, base: "" }, "", "base", /^Enter the search base/],
    ["a search base that is no DN", { ...LDAP, base: "example.test" }, "", "base", /has no "="/],
    ["a search base with a bracket", { ...LDAP, base: "dc=ex[1],dc=test" }, "", "base", /cannot hold "\[" or "\]"/],
    ["an unknown schema", { ...LDAP, schema: "nis" as LdapForm["schema"] }, "", "schema", /rfc2307, rfc2307bis, IPA, AD/],
    ["a bind DN that is no DN", { ...LDAP, bindDn: "reader" }, "reader-pw", "bindDn", /has no "="/],
    ["a bind DN without its password", { ...LDAP, bindDn: "cn=reader,dc=example,dc=test" }, "", "secret", /^Enter the password of the bind DN\.$/],
    ["a bind password without a bind DN", LDAP, "reader-pw", "bindDn", /without a bind DN/],
];

QUnit.module("enroll: validation before anything runs", () => {
    for (const [what, form, secret, field, text] of [...AD_ROWS, ...IPA_ROWS, ...LDAP_ROWS]) {
        QUnit.test(`${form.mode}: ${what} → ${field ?? "valid"}`, assert => {
            const found = problems(form, secret);
            if (field === null) {
                assert.deepEqual(found, []);
                return;
            }
            assert.deepEqual(found.map(([f]) => f), [field], JSON.stringify(found));
            assert.true(text === undefined || text.test(found[0]?.[1] ?? ""), found[0]?.[1]);
        });
    }
    QUnit.test("no message ever shows the password", assert => {
        for (const secret of ["Adprobe-Pass1\n", "p\x07w"]) {
            for (const form of [AD, IPA, { ...LDAP, bindDn: "cn=r,dc=example,dc=test" }] as EnrollForm[]) {
                for (const [, text] of problems(form, secret))
                    assert.false(text.includes(secret.slice(0, 4)), text);
            }
        }
    });
    QUnit.test("all problems are listed, in the form's order", assert => {
        const ad = problems({ ...AD, domain: "", user: "", computerOu: "Linux", computerName: "x.y" }, "");
        assert.deepEqual(ad.map(([f]) => f), ["domain", "user", "computerOu", "computerName", "secret"]);
        assert.equal(ad[4][1], "Enter the password.");
        assert.deepEqual(problems({ ...IPA, additionalOptions: "--hostname=x\n-U\n--fixed-primary\n-w" }).map(([f, t]) => f + " " + t.split(":")[0]),
                         ["additionalOptions Line 1", "additionalOptions Line 2", "additionalOptions Line 4"]);
    });
});

QUnit.module("enroll: an image without a secret file", () => {
    QUnit.test("a join that needs a password cannot be run, and says why", assert => {
        assert.deepEqual(problems(AD, "", NO_SECRET), [["secret", "This needs a password, and this image does not say where it reads one from (it has no io.github.system-services.enroll-secret label)."]]);
        assert.deepEqual(problems({ ...IPA, credential: "one-time-password" }, "", NO_SECRET).map(([f]) => f), ["secret"]);
    });
    QUnit.test("a password given all the same is refused", assert => {
        assert.deepEqual(problems(LDAP, "reader-pw", NO_SECRET), [
            ["bindDn", "A bind password was given without a bind DN: enter the DN it belongs to, or clear the password to bind anonymously."],
            ["secret", "This image takes no password (it has no io.github.system-services.enroll-secret label)."],
        ]);
    });
    QUnit.test("an anonymous LDAP configuration needs no secret and runs", assert => {
        assert.deepEqual(problems(LDAP, "", NO_SECRET), []);
    });
});

QUnit.module("enroll: modes the image offers", () => {
    QUnit.test("a mode the image does not list is refused", assert => {
        const realmOnly = enrollSupport({ "io.github.system-services.enroll": "realm", "io.github.system-services.enroll-secret": "/run/secrets/pw" });
        assert.deepEqual(problems(IPA, PW, realmOnly), [["mode", "This image does not offer this; it offers realm."]]);
    });
    QUnit.test("an image without the enroll label offers nothing", assert => {
        assert.deepEqual(problems(LDAP, "", enrollSupport({})), [["mode", "This image offers no enrollment (it has no io.github.system-services.enroll label)."]]);
    });
});
