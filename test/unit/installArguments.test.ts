import QUnit from "qunit";
import { runPlan } from "../../src/app/service";
import { recordContext } from "../../src/core/expansion";
import { parsePodmanImages } from "../../src/core/inventory";
import type { Image, ServiceRecord } from "../../src/core/model";
import { planInstall, planRun, planUninstall } from "../../src/core/planLifecycle";
import { planUpdate } from "../../src/core/planMaintenance";
import { newRecord } from "../../src/core/record";
import { runArgvFor } from "../../src/core/unitGen";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 30, 6, 0, 0));
const images = parsePodmanImages(JSON.stringify(podmanImages));
const DEMO = images.find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const RUN_ONLY = images.find(i => i.names[0] === "localhost/run-only:latest") as Image;
// installed with INSTALL-only arguments (an ipa-client-install option)
const RECORD: ServiceRecord = {
    ...newRecord({ name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman" }, NOW),
    extraArgs: ["--mkhomedir"],
};
const base = { name: "demo-service", engine: "podman" as const, containers: [], record: null };

QUnit.module("install arguments", () => {
    QUnit.test("RUN of an installed service does not replay INSTALL's extra arguments", assert => {
        const plan = runPlan({ record: RECORD, image: DEMO, containers: [], engine: "podman" }, false);
        const argv = plan.kind === "steps" && plan.steps[0].kind === "exec" ? plan.steps[0].argv : [];
        assert.ok(argv.length > 0, "RUN is planned");
        assert.notOk(argv.includes("--mkhomedir"));
    });
    QUnit.test("the unit generated for an installed service does not get INSTALL's extra arguments", assert => {
        assert.notOk(runArgvFor(DEMO.labels, recordContext(RECORD)).includes("--mkhomedir"));
    });
    QUnit.test("update without a unit runs RUN without INSTALL's extra arguments", assert => {
        const plan = planUpdate(RECORD, DEMO, "podman");
        const step = plan.kind === "steps" ? plan.steps.find(s => s.kind === "switch-image") : undefined;
        assert.notOk(step?.kind === "switch-image" && step.runArgv?.includes("--mkhomedir"));
        assert.ok(step?.kind === "switch-image" && step.runArgv !== null, "RUN is run again");
    });
    QUnit.test("an install with a password option is refused before anything runs", assert => {
        for (const extraArgs of [["ipa", "--principal", "admin", "-w", "S3cret"], ["--password=S3cret"], ["realm", "join", "--one-time-password=x"]]) {
            const plan = planInstall({ ...base, image: DEMO, extraArgs, now: NOW });
            assert.deepEqual(plan.kind === "refused" ? plan.code : plan.kind, "secret-argument", extraArgs.join(" "));
            assert.notOk(plan.kind === "refused" && plan.reason.includes("S3cret"), "the password is not repeated");
        }
    });
    QUnit.test("a run with a password option is refused too: argv is readable by every user", assert => {
        const plan = planRun({ ...base, image: RUN_ONLY, extraArgs: ["-wS3cret"] });
        assert.equal(plan.kind === "refused" ? plan.code : plan.kind, "secret-argument");
    });
    QUnit.test("options that only look alike go through", assert => {
        const plan = planInstall({ ...base, image: DEMO, extraArgs: ["ipa", "-p", "admin", "--mkhomedir"], now: NOW });
        assert.equal(plan.kind, "steps");
    });
});

QUnit.module("uninstall of a Quadlet service", () => {
    QUnit.test("removes the .container file systemd would generate the unit from at the next boot", assert => {
        const plan = planUninstall({ ...base, image: DEMO, record: { ...RECORD, unit: "demo-service.service" } });
        const removed = plan.kind === "steps" ? plan.steps.flatMap(s => s.kind === "remove-unit-file" ? [s.path] : []) : [];
        assert.deepEqual(removed, ["/etc/systemd/system/demo-service.service", "/etc/containers/systemd/demo-service.container"]);
    });
    QUnit.test("a unit of another name is removed by its own name only", assert => {
        const plan = planUninstall({ ...base, image: DEMO, record: { ...RECORD, unit: "other.service" } });
        const removed = plan.kind === "steps" ? plan.steps.flatMap(s => s.kind === "remove-unit-file" ? [s.path] : []) : [];
        assert.deepEqual(removed, ["/etc/systemd/system/other.service"]);
    });
});
