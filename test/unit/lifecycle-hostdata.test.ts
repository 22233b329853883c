import QUnit from "qunit";
import { planInstall, planUninstall, type LifecycleInput } from "../../src/core/planLifecycle";
import { parsePodmanImages } from "../../src/core/inventory";
import { formatCommand } from "../../src/core/labels";
import { newRecord } from "../../src/core/record";
import { restoreStepsFor, splitPlan, type Step } from "../../src/core/plan";
import type { Image } from "../../src/core/model";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5, 6));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const OVERRIDE = "/etc/containers/system-services/demo-service/host-data-list";
const RECORD = newRecord({ name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman", unit: "demo-service.service" }, NOW);
const BACKUP = { paths: ["etc/demo-service/", "etc/demo-extra/"], at: NOW };

function demo(over: Partial<LifecycleInput> = {}): LifecycleInput {
    return { image: DEMO, name: "demo-service", engine: "podman", containers: [], record: null, ...over };
}

function execs(steps: Step[]): string[] {
    return steps.flatMap(s => s.kind === "exec" ? [formatCommand(s.argv)] : []);
}

QUnit.module("lifecycle: the host-data-list override and backups", () => {
    QUnit.test("INSTALL gets the override mounted read-only over /etc/host-data-list, before the image", assert => {
        const plan = planInstall({ ...demo({ override: OVERRIDE }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? execs(plan.steps) : null, [
            "podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=demo-service -e IMAGE=localhost/demo-service:latest " +
            `-v ${OVERRIDE}:/etc/host-data-list:ro --label io.github.system-services.label-run=demo-service localhost/demo-service:latest /bin/sh /install.sh`,
        ]);
    });
    QUnit.test("without an override the command is the label's", assert => {
        const plan = planInstall({ ...demo({ override: null }), now: NOW });
        assert.notOk(plan.kind === "steps" && execs(plan.steps)[0].includes("host-data-list"));
    });
    QUnit.test("the backup comes before INSTALL and names the paths and the archive", assert => {
        const plan = planInstall({ ...demo({ backup: BACKUP }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? plan.steps.map(s => s.kind) : null, ["backup", "exec", "write-record", "daemon-reload"]);
        assert.deepEqual(plan.kind === "steps" ? plan.steps[0] : null, {
            kind: "backup", title: "Back up the host files the list names", name: "demo-service",
            paths: ["etc/demo-service/", "etc/demo-extra/"], stamp: "20261129T030405.006Z", keep: 10,
            undo: [{ kind: "restore", title: "Restore the host files from the backup", name: "demo-service", stamp: "20261129T030405.006Z" }],
        });
    });
    QUnit.test("a failed INSTALL restores exactly the backup its plan took", assert => {
        const plan = planInstall({ ...demo({ backup: { ...BACKUP, keep: 3 } }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? restoreStepsFor(plan) : null, [
            { kind: "restore", title: "Restore the host files from the backup", name: "demo-service", stamp: "20261129T030405.006Z" },
        ]);
        const none = planInstall({ ...demo(), now: NOW });
        assert.deepEqual(none.kind === "steps" ? restoreStepsFor(none) : null, [], "nothing to restore without a backup");
    });
    QUnit.test("an INSTALL told not to restore on failure still backs up, and restores nothing", assert => {
        const plan = planInstall({ ...demo({ backup: BACKUP, restoreOnFailure: false }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? plan.steps.map(s => s.kind) : null, ["backup", "exec", "write-record", "daemon-reload"]);
        assert.deepEqual(plan.kind === "steps" ? restoreStepsFor(plan) : null, []);
    });
    QUnit.test("a failed UNINSTALL restores nothing unless asked to", assert => {
        const plan = planUninstall({ ...demo({ record: RECORD, backup: BACKUP }) });
        assert.deepEqual(plan.kind === "steps" ? restoreStepsFor(plan) : null, []);
    });
    QUnit.test("a failed UNINSTALL asked to restore on failure restores the backup its plan took", assert => {
        const plan = planUninstall({ ...demo({ record: RECORD, backup: BACKUP, restoreOnFailure: true }) });
        assert.deepEqual(plan.kind === "steps" ? restoreStepsFor(plan) : null, [
            { kind: "restore", title: "Restore the host files from the backup", name: "demo-service", stamp: "20261129T030405.006Z" },
        ]);
    });
    QUnit.test("the backup runs before the operation; INSTALL is still the operation", assert => {
        const plan = planInstall({ ...demo({ backup: BACKUP }), now: NOW });
        const split = splitPlan(plan.kind === "steps" ? plan.steps : []);
        assert.deepEqual(split.before.map(s => s.kind), ["backup"]);
        assert.true(split.main?.argv.includes("/install.sh"));
        assert.deepEqual(split.after.map(s => s.kind), ["write-record", "daemon-reload"]);
    });
    QUnit.test("UNINSTALL gets the override too, and the backup right before it", assert => {
        const plan = planUninstall({ ...demo({ record: RECORD, override: OVERRIDE, backup: BACKUP }) });
        assert.deepEqual(plan.kind === "steps" ? plan.steps.map(s => s.kind) : null,
                         ["unit-disable", "backup", "exec", "remove-record", "remove-unit-file", "remove-unit-file", "daemon-reload"]);
        assert.true(plan.kind === "steps" && execs(plan.steps)[0].includes(`-v ${OVERRIDE}:/etc/host-data-list:ro --label io.github.system-services.label-run=demo-service localhost/demo-service:latest /bin/sh /uninstall.sh`));
        const split = splitPlan(plan.kind === "steps" ? plan.steps : []);
        assert.deepEqual(split.before.map(s => s.kind), ["unit-disable", "backup"]);
        assert.true(split.main?.argv.includes("/uninstall.sh"));
    });
    QUnit.test("an override for a label that is not a run of the image is refused, not ignored", assert => {
        const image: Image = { ...DEMO, labels: { INSTALL: "/usr/bin/atomic install ${IMAGE}" } };
        const plan = planInstall({ ...demo({ image, override: OVERRIDE }), now: NOW });
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "override-mount");
    });
});
