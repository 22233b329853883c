import QUnit from "qunit";
import { enrollArguments, EnrollError, enrollSupport, secretKind, type AdForm, type IpaForm, type LdapForm } from "../../src/core/enroll";

// The labels of the reference SSSD image (images/sssd/Containerfile) as it is today …
const SSSD_LABELS = {
    INSTALL: "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/install.sh",
    "io.github.system-services.enroll": "ipa realm ldap",
    "io.github.system-services.host-check": "podman run --rm -v /:/host:ro -e HOST=/host ${IMAGE} /bin/host-check.sh",
};
// … and with the secret file and discovery the enrollment issue adds.
const SSSD_ENROLL_LABELS = {
    ...SSSD_LABELS,
    "io.github.system-services.enroll-secret": "/run/secrets/enroll-password",
    "io.github.system-services.discover": "podman run --rm --net=host ${IMAGE} /bin/discover.sh",
};

QUnit.module("enroll: what an image offers", () => {
    QUnit.test("the reference image offers ipa, realm and ldap, and without its secret label no secret", assert => {
        assert.deepEqual(enrollSupport(SSSD_LABELS), { modes: ["ipa", "realm", "ldap"], secretPath: null, discover: null });
    });
    QUnit.test("the secret path and the discover command come from their labels", assert => {
        assert.deepEqual(enrollSupport(SSSD_ENROLL_LABELS), {
            modes: ["ipa", "realm", "ldap"],
            secretPath: "/run/secrets/enroll-password",
            discover: "podman run --rm --net=host ${IMAGE} /bin/discover.sh",
        });
    });
    QUnit.test("an image without labels offers nothing", assert => {
        assert.deepEqual(enrollSupport({}), { modes: [], secretPath: null, discover: null });
        assert.deepEqual(enrollSupport(null), { modes: [], secretPath: null, discover: null });
    });
    QUnit.test("unknown modes are ignored; extra white space, commas, capitals and repeats are tolerated", assert => {
        const support = enrollSupport({ "io.github.system-services.enroll": "  REALM\tkerberos, ipa  ipa\nsamba ldap " });
        assert.deepEqual(support.modes, ["realm", "ipa", "ldap"]);
    });
    QUnit.test("labels are found whatever their case, as podman looks them up", assert => {
        const support = enrollSupport({ "IO.GITHUB.SYSTEM-SERVICES.ENROLL": "realm", "io.github.system-services.Enroll-Secret": " /run/secrets/pw " });
        assert.deepEqual(support.modes, ["realm"]);
        assert.equal(support.secretPath, "/run/secrets/pw");
    });
    QUnit.test("a blank discover label is no discover label", assert => {
        assert.strictEqual(enrollSupport({ "io.github.system-services.discover": "   " }).discover, null);
    });
    for (const path of ["run/secrets/pw", "/run/secrets/../../etc/shadow", "/run/secrets/a:b", "/run/secrets/a,ro", "/run/my secret", "/run/x\ny", "/", "", "   "]) {
        QUnit.test(`a secret path the mount cannot take safely (${JSON.stringify(path)}) counts as none`, assert => {
            assert.strictEqual(enrollSupport({ "io.github.system-services.enroll-secret": path }).secretPath, null);
        });
    }
});

const AD: AdForm = { mode: "realm", domain: "adprobe.test", credential: "password", user: "administrator", computerOu: "", computerName: "" };
const OU = "OU=Linux Servers,DC=adprobe,DC=test";

// Every combination of the AD form: credential × computer OU × computer name
const AD_TABLE: [Partial<AdForm>, string[]][] = [
    [{}, ["realm", "-U", "administrator", "adprobe.test"]],
    [{ computerOu: OU }, ["realm", "-U", "administrator", "--computer-ou=" + OU, "adprobe.test"]],
    [{ computerName: "ADPROBE-WEB1" }, ["realm", "-U", "administrator", "--computer-name=ADPROBE-WEB1", "adprobe.test"]],
    [{ computerOu: OU, computerName: "ADPROBE-WEB1" }, ["realm", "-U", "administrator", "--computer-ou=" + OU, "--computer-name=ADPROBE-WEB1", "adprobe.test"]],
    [{ credential: "one-time-password" }, ["realm", "--login-type", "computer", "adprobe.test"]],
    [{ credential: "one-time-password", computerOu: OU }, ["realm", "--login-type", "computer", "--computer-ou=" + OU, "adprobe.test"]],
    [{ credential: "one-time-password", computerName: "ADPROBE-OTP" }, ["realm", "--login-type", "computer", "--computer-name=ADPROBE-OTP", "adprobe.test"]],
    [{ credential: "one-time-password", computerOu: OU, computerName: "ADPROBE-OTP" },
        ["realm", "--login-type", "computer", "--computer-ou=" + OU, "--computer-name=ADPROBE-OTP", "adprobe.test"]],
];

QUnit.module("enroll: the words of an Active Directory join", () => {
    for (const [change, words] of AD_TABLE) {
        QUnit.test(`${JSON.stringify(change)} → ${words.join(" ")}`, assert => {
            assert.deepEqual(enrollArguments({ ...AD, ...change }), words);
        });
    }
    QUnit.test("values are trimmed and blank optional fields left out", assert => {
        assert.deepEqual(enrollArguments({ ...AD, domain: " adprobe.test\n", user: "\tadministrator ", computerOu: "  ", computerName: " " }),
                         ["realm", "-U", "administrator", "adprobe.test"]);
    });
    QUnit.test("a one-time password join ignores the user name", assert => {
        assert.deepEqual(enrollArguments({ ...AD, credential: "one-time-password", user: "administrator" }),
                         ["realm", "--login-type", "computer", "adprobe.test"]);
    });
    QUnit.test("the secret is needed as the user's password or as the one-time password", assert => {
        assert.equal(secretKind(AD), "user-password");
        assert.equal(secretKind({ ...AD, credential: "one-time-password" }), "one-time-password");
    });
});

const IPA: IpaForm = {
    mode: "ipa", domain: "ipa.example.test", server: "", realm: "", credential: "one-time-password", principal: "",
    mkhomedir: false, enableDnsUpdates: false, forceJoin: false, noSsh: false, noSshd: false, additionalOptions: "",
};
const FLAGS: [keyof IpaForm, string][] = [
    ["mkhomedir", "--mkhomedir"], ["enableDnsUpdates", "--enable-dns-updates"], ["forceJoin", "--force-join"],
    ["noSsh", "--no-ssh"], ["noSshd", "--no-sshd"],
];

QUnit.module("enroll: the words of a FreeIPA enrollment", () => {
    QUnit.test("the least: the domain and --no-ntp", assert => {
        assert.deepEqual(enrollArguments(IPA), ["ipa", "--domain=ipa.example.test", "--no-ntp"]);
    });
    QUnit.test("every field given", assert => {
        assert.deepEqual(enrollArguments({
            ...IPA, server: "ipa1.ipa.example.test", realm: "IPA.EXAMPLE.TEST", credential: "password", principal: "admin",
            mkhomedir: true, enableDnsUpdates: true, forceJoin: true, noSsh: true, noSshd: true,
            additionalOptions: "--ca-cert-file=/etc/ipa/ca.crt\n--fixed-primary",
        }), ["ipa", "--domain=ipa.example.test", "--server=ipa1.ipa.example.test", "--realm=IPA.EXAMPLE.TEST", "--principal=admin",
            "--mkhomedir", "--enable-dns-updates", "--force-join", "--no-ssh", "--no-sshd", "--no-ntp",
            "--ca-cert-file=/etc/ipa/ca.crt", "--fixed-primary"]);
    });
    const optionals: [Partial<IpaForm>, string][] = [
        [{ server: "ipa1.ipa.example.test" }, "--server=ipa1.ipa.example.test"],
        [{ realm: "IPA.EXAMPLE.TEST" }, "--realm=IPA.EXAMPLE.TEST"],
        [{ credential: "password", principal: "admin@IPA.EXAMPLE.TEST" }, "--principal=admin@IPA.EXAMPLE.TEST"],
    ];
    for (let mask = 0; mask < 8; mask++) {
        const chosen = optionals.filter((_, i) => mask & (1 << i));
        QUnit.test(`optional fields ${chosen.map(([, w]) => w.split("=")[0]).join(" ") || "(none)"} appear after the domain, in order`, assert => {
            const form = Object.assign({}, IPA, ...chosen.map(([change]) => change)) as IpaForm;
            assert.deepEqual(enrollArguments(form), ["ipa", "--domain=ipa.example.test", ...chosen.map(([, w]) => w), "--no-ntp"]);
        });
    }
    for (let mask = 0; mask < 32; mask++) {
        const on = FLAGS.filter((_, i) => mask & (1 << i));
        QUnit.test(`options ${on.map(([, o]) => o).join(" ") || "(none)"} come in a fixed order before --no-ntp`, assert => {
            const form = Object.assign({}, IPA, ...on.map(([key]) => ({ [key]: true }))) as IpaForm;
            assert.deepEqual(enrollArguments(form), ["ipa", "--domain=ipa.example.test", ...on.map(([, o]) => o), "--no-ntp"]);
        });
    }
    QUnit.test("a one-time password enrollment gives no principal, even when one was typed", assert => {
        assert.deepEqual(enrollArguments({ ...IPA, principal: "admin" }), ["ipa", "--domain=ipa.example.test", "--no-ntp"]);
        assert.equal(secretKind({ ...IPA, principal: "admin" }), "one-time-password");
        assert.equal(secretKind({ ...IPA, credential: "password", principal: "admin" }), "principal-password");
    });
    QUnit.test("additional options: one word a line, trimmed, blank lines and Windows line ends ignored, after --no-ntp", assert => {
        assert.deepEqual(enrollArguments({ ...IPA, additionalOptions: "\n  --fixed-primary\r\n\n  --ca-cert-file=/etc/ipa/ca.crt  \r\n   \n" }).slice(2),
                         ["--no-ntp", "--fixed-primary", "--ca-cert-file=/etc/ipa/ca.crt"]);
    });
    QUnit.test("values are trimmed and blank optional fields left out", assert => {
        assert.deepEqual(enrollArguments({ ...IPA, domain: " ipa.example.test ", server: " ", realm: "\t", credential: "password", principal: " admin " }),
                         ["ipa", "--domain=ipa.example.test", "--principal=admin", "--no-ntp"]);
    });
    for (const option of ["--password=Secret123", "-w", "--one-time-password=abc", "--otp", "--admin-password=x"]) {
        QUnit.test(`an additional option that passes a password (${option}) is never built into the command`, assert => {
            assert.throws(() => enrollArguments({ ...IPA, additionalOptions: option }), EnrollError);
            assert.throws(() => enrollArguments({ ...IPA, additionalOptions: option }), (e: Error) => !e.message.includes("Secret123") && !e.message.includes("=abc"));
        });
    }
});

const LDAP: LdapForm = { mode: "ldap", uri: "ldaps://ldap.example.test", base: "dc=example,dc=test", schema: "", starttls: false, bindDn: "" };

QUnit.module("enroll: the words of an LDAP configuration", () => {
    QUnit.test("the least: the address and the search base", assert => {
        assert.deepEqual(enrollArguments(LDAP), ["ldap", "--uri", "ldaps://ldap.example.test", "--base", "dc=example,dc=test"]);
        assert.strictEqual(secretKind(LDAP), null);
    });
    for (const schema of ["", "rfc2307", "rfc2307bis", "IPA", "AD"] as const) {
        for (const starttls of [false, true]) {
            for (const bindDn of ["", "cn=reader,dc=example,dc=test"]) {
                QUnit.test(`schema ${schema || "(default)"}, ${starttls ? "" : "no "}StartTLS, ${bindDn === "" ? "anonymous" : "bind DN"}`, assert => {
                    assert.deepEqual(enrollArguments({ ...LDAP, uri: "ldap://ldap.example.test", schema, starttls, bindDn }), [
                        "ldap", "--uri", "ldap://ldap.example.test", "--base", "dc=example,dc=test",
                        ...(schema === "" ? [] : ["--schema", schema]),
                        ...(starttls ? ["--starttls"] : []),
                        ...(bindDn === "" ? [] : ["--bind-dn", bindDn]),
                    ]);
                    assert.strictEqual(secretKind({ ...LDAP, bindDn }), bindDn === "" ? null : "bind-password");
                });
            }
        }
    }
    QUnit.test("values are trimmed; a blank bind DN is none and needs no password", assert => {
        assert.deepEqual(enrollArguments({ ...LDAP, uri: " ldaps://ldap.example.test ", base: " dc=example,dc=test\n", bindDn: "  " }),
                         ["ldap", "--uri", "ldaps://ldap.example.test", "--base", "dc=example,dc=test"]);
        assert.strictEqual(secretKind({ ...LDAP, bindDn: "  " }), null);
    });
});
