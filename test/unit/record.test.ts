import QUnit from "qunit";
import { looksLikeSecret, newRecord, overridePath, parseRecord, recordDir, recordPath, RecordError, serializeRecord } from "../../src/core/record";
import type { ServiceRecord } from "../../src/core/model";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5));
const DEMO_ID = "c8d96cbd050039d9e1cc99fbc7f9dfe35f365d195e846dca2c40102cdf1e2358";

// The record the page writes after installing the demo image of the testbed.
const DEMO: ServiceRecord = newRecord({
    name: "demo-service",
    image: "localhost/demo-service:latest",
    imageId: DEMO_ID,
    engine: "podman",
    unit: "demo-service.service",
}, NOW);

const DEMO_TEXT = `{
    "version": 1,
    "name": "demo-service",
    "image": "localhost/demo-service:latest",
    "imageId": "${DEMO_ID}",
    "engine": "podman",
    "installedAt": "2026-11-29T03:04:05.000Z",
    "unit": "demo-service.service",
    "options": {},
    "extraArgs": [],
    "previousImageId": null
}
`;

function withField(field: string, value: unknown): string {
    const obj = JSON.parse(DEMO_TEXT) as Record<string, unknown>;
    if (value === undefined)
        delete obj[field];
    else
        obj[field] = value;
    return JSON.stringify(obj);
}

QUnit.module("record: paths", () => {
    QUnit.test("keeps each service in its folder under /etc/containers/system-services", assert => {
        assert.equal(recordDir("sssd"), "/etc/containers/system-services/sssd");
        assert.equal(recordPath("sssd"), "/etc/containers/system-services/sssd/service.json");
        assert.equal(overridePath("sssd"), "/etc/containers/system-services/sssd/host-data-list");
    });
    QUnit.test("refuses a name that would leave the folder", assert => {
        assert.throws(() => recordPath("../../shadow"), RecordError);
        assert.throws(() => recordDir(""), /Not a valid service name: The name is empty\./);
        assert.throws(() => overridePath("a/b"), RecordError);
    });
});

QUnit.module("record: writing", () => {
    QUnit.test("writes the demo record as 4-space JSON in a fixed key order with a final newline", assert => {
        assert.equal(serializeRecord(DEMO), DEMO_TEXT);
    });
    QUnit.test("writes the same bytes whatever order the fields were set in", assert => {
        const shuffled: ServiceRecord = {
            previousImageId: null, unit: DEMO.unit, extraArgs: [], options: {}, installedAt: DEMO.installedAt,
            engine: "podman", imageId: DEMO_ID, image: DEMO.image, name: DEMO.name, version: 1,
        };
        assert.equal(serializeRecord(shuffled), DEMO_TEXT);
    });
    QUnit.test("writes options in the order OPT1, OPT2, OPT3", assert => {
        const text = serializeRecord({ ...DEMO, options: { OPT3: "c", OPT1: "a" } });
        assert.ok(text.includes("\"options\": {\n        \"OPT1\": \"a\",\n        \"OPT3\": \"c\"\n    }"));
    });
    QUnit.test("stamps a new record with the time given, in UTC", assert => {
        assert.equal(DEMO.installedAt, "2026-11-29T03:04:05.000Z");
    });
    QUnit.test("starts a new record without a previous image", assert => {
        assert.equal(DEMO.previousImageId, null);
    });
    QUnit.test("keeps a docker image ID without sha256:", assert => {
        const r = newRecord({ name: "sssd", image: "registry.example.test/sssd:2.8", imageId: "sha256:" + DEMO_ID, engine: "docker" }, NOW);
        assert.equal(r.imageId, DEMO_ID);
    });
    QUnit.test("leaves empty options out of a new record", assert => {
        const r = newRecord({ ...DEMO, options: { OPT1: "", OPT2: "--migrate" } }, NOW);
        assert.deepEqual(r.options, { OPT2: "--migrate" });
    });
    QUnit.test("refuses to write a password option of ipa-client-install", assert => {
        assert.throws(() => serializeRecord({ ...DEMO, extraArgs: ["--principal=admin", "--password=Secret123"] }),
                      /The argument "--password" passes a password; passwords are never written to the install record\./);
    });
    QUnit.test("refuses a password given as the next word, without showing it", assert => {
        const e = (() => {
            try {
                newRecord({ ...DEMO, extraArgs: ["realm", "join", "--one-time-password", "Xy7!otp"] }, NOW);
            } catch (e) {
                return e as Error;
            }
            return null;
        })();
        assert.ok(e instanceof RecordError);
        assert.notOk(e?.message.includes("Xy7!otp"));
    });
    QUnit.test("refuses an option key that looks like a password", assert => {
        const r = { ...DEMO, options: { OPT1: "x", ADMIN_PASSWORD: "Secret123" } as ServiceRecord["options"] };
        assert.throws(() => serializeRecord(r), /The option "ADMIN_PASSWORD" looks like a password/);
    });
    QUnit.test("tells password options from their look-alikes", assert => {
        const secrets = ["--password", "-w", "-wS3cret", "--admin-password=x", "--bind-pw", "--otp", "--one-time-password", "--token", "--passwd-file"];
        assert.deepEqual(secrets.map(looksLikeSecret), [true, true, true, true, true, true, true, true, true]);
        assert.deepEqual(["--mkhomedir", "--domain", "--footprint", "--passthrough", "--no-ntp", "-p", "-U", "--with"].map(looksLikeSecret),
                         [false, false, false, false, false, false, false, false]);
    });
    QUnit.test("refuses a name that cannot be a path or unit", assert => {
        assert.throws(() => serializeRecord({ ...DEMO, name: "demo service" }), RecordError);
    });
});

QUnit.module("record: reading", () => {
    QUnit.test("reads back what it writes", assert => {
        assert.deepEqual(parseRecord(serializeRecord(DEMO)), DEMO);
    });
    QUnit.test("reads a record with options, arguments and a previous image", assert => {
        const r: ServiceRecord = { ...DEMO, options: { OPT1: "--migrate" }, extraArgs: ["realm", "join", "ad.example.test"], previousImageId: "a4b0366002b9" };
        assert.deepEqual(parseRecord(serializeRecord(r)), r);
    });
    QUnit.test("refuses text that is not JSON", assert => {
        assert.throws(() => parseRecord(DEMO_TEXT.slice(0, 40)), /The install record is not JSON: /);
    });
    QUnit.test("refuses another version", assert => {
        assert.throws(() => parseRecord(withField("version", 2)), /has version 2; this page reads version 1\./);
    });
    QUnit.test("refuses a name that could escape its folder", assert => {
        assert.throws(() => parseRecord(withField("name", "../../etc")), /Not a valid service name: The name "..\/..\/etc" must start/);
    });
    QUnit.test("refuses a record that names another service than its folder", assert => {
        assert.throws(() => parseRecord(DEMO_TEXT, "sssd"), /The install record in the folder of "sssd" names another service, "demo-service"\./);
        assert.equal(parseRecord(DEMO_TEXT, "demo-service").name, "demo-service");
    });
    QUnit.test("refuses a missing field, naming it", assert => {
        assert.throws(() => parseRecord(withField("imageId", undefined)), /The install record has no "imageId"\./);
    });
    QUnit.test("refuses an unknown field, naming it", assert => {
        assert.throws(() => parseRecord(withField("password", "Secret123")), /unknown field "password"/);
    });
    QUnit.test("refuses an engine other than podman or docker", assert => {
        assert.throws(() => parseRecord(withField("engine", "atomic")), /"engine" is a string, not "podman" or "docker"/);
    });
    QUnit.test("refuses an install time that is not ISO 8601 UTC", assert => {
        assert.throws(() => parseRecord(withField("installedAt", "Sun Nov 29 03:04:05 UTC 2026")), /"installedAt" is a string/);
    });
    QUnit.test("refuses a unit that is not a service unit", assert => {
        assert.throws(() => parseRecord(withField("unit", "../../x.service\nExecStart=/bin/sh")), /"unit" is a string, not a service unit name/);
        assert.throws(() => parseRecord(withField("unit", "demo.timer")), RecordError);
    });
    QUnit.test("refuses an option other than OPT1 to OPT3", assert => {
        assert.throws(() => parseRecord(withField("options", { OPT4: "x" })), /unknown option "OPT4"/);
    });
    QUnit.test("refuses extra arguments that are not all strings", assert => {
        assert.throws(() => parseRecord(withField("extraArgs", ["realm", 1])), /"extraArgs" is an array, not a list of strings/);
    });
});
