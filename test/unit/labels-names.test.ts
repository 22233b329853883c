import QUnit from "qunit";
import { defaultName, findLabel, validateName } from "../../src/core/labels";
import { FREEIPA_LABELS, FREEIPA_IMAGE, SSSD, SSSD_IMAGE, DEMO_IMAGE } from "./labels-fixtures";

const DEFAULT_NAMES: [string, string][] = [
    [SSSD_IMAGE, "sssd"],
    ["quay.io/fedora/sssd:latest", "sssd"],
    ["localhost:5000/x/y@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "y"],
    ["localhost:5000/x/y:1.2@sha256:0123456789abcdef", "y"],
    [FREEIPA_IMAGE, "freeipa-server"],
    [DEMO_IMAGE, "demo-service"],
    ["sssd", "sssd"],
    ["docker.io/library/busybox", "busybox"],
];

const VALID_NAMES = ["sssd", "ipa", "demo-service", "a", "0day", "my_service.v2", "A".repeat(63)];

const INVALID_NAMES: [string, RegExp][] = [
    ["", /empty/],
    ["A".repeat(64), /63/],
    ["-sssd", /start with a letter or a digit/],
    [".hidden", /start with a letter or a digit/],
    ["_x", /start with a letter or a digit/],
    ["sssd@host", /may contain only/],
    ["a b", /may contain only/],
    ["../etc", /start with a letter or a digit/],
    ["x/y", /may contain only/],
    ["sssd\n", /may contain only/],
    ["grüße", /may contain only/],
];

QUnit.module("labels: defaultName (rule 3)", () => {
    for (const [ref, name] of DEFAULT_NAMES)
        QUnit.test(`the default name of ${ref} is ${name}`, assert => { assert.equal(defaultName(ref), name); });
});

QUnit.module("labels: validateName (rule 4)", () => {
    for (const name of VALID_NAMES)
        QUnit.test(`"${name.length > 20 ? name.slice(0, 8) + "…(" + name.length + ")" : name}" is a valid name`, assert => { assert.strictEqual(validateName(name), null); });
    for (const [name, why] of INVALID_NAMES)
        QUnit.test(`${JSON.stringify(name.length > 20 ? name.slice(0, 8) + "…" : name)} is refused and the message says why`, assert => {
            const message = validateName(name);
            assert.ok(message !== null && why.test(message), String(message));
        });
});

QUnit.module("labels: findLabel (rule 5)", () => {
    QUnit.test("an upper-case key finds freeipa's lower-case label", assert => {
        assert.equal(findLabel(FREEIPA_LABELS, "RUN"), FREEIPA_LABELS.run);
        assert.equal(findLabel(FREEIPA_LABELS, "INSTALL"), FREEIPA_LABELS.install);
    });
    QUnit.test("a lower-case key finds an upper-case label", assert => {
        assert.equal(findLabel({ ...SSSD }, "stop"), SSSD.STOP);
        assert.equal(findLabel(FREEIPA_LABELS, "run_opts_file"), FREEIPA_LABELS.RUN_OPTS_FILE);
    });
    QUnit.test("a mixed-case key matches any spelling", assert => {
        assert.equal(findLabel({ UnInstall: "x" }, "UNINSTALL"), "x");
    });
    QUnit.test("an exact match wins over other spellings", assert => {
        assert.equal(findLabel({ run: "lower", RUN: "upper" }, "RUN"), "upper");
        assert.equal(findLabel({ run: "lower", RUN: "upper" }, "run"), "lower");
    });
    QUnit.test("a missing label, null and undefined give undefined", assert => {
        assert.strictEqual(findLabel(FREEIPA_LABELS, "HELP"), undefined);
        assert.strictEqual(findLabel(null, "RUN"), undefined);
        assert.strictEqual(findLabel(undefined, "RUN"), undefined);
    });
    QUnit.test("an empty label is found as empty", assert => {
        assert.strictEqual(findLabel({ STOP: "" }, "stop"), "");
    });
    QUnit.test("names of Object's prototype are not labels", assert => {
        assert.strictEqual(findLabel({}, "constructor"), undefined);
        assert.strictEqual(findLabel({}, "toString"), undefined);
    });
});
