import QUnit from "qunit";
import { planOverrideSave, planRestore, planRollback, planUnitWrite, planUpdate, type UnitWrite } from "../../src/core/planMaintenance";
import { mainStepIndex, restoreStepsFor, undoSteps, type Refusal, type Step, type StepsPlan } from "../../src/core/plan";
import { parseDockerImageInspect, parsePodmanImages } from "../../src/core/inventory";
import { formatCommand } from "../../src/core/labels";
import { newRecord } from "../../src/core/record";
import type { Image, ServiceRecord } from "../../src/core/model";
import { ATOMIC_SSSD_UNIT } from "./unit-fixtures";
import dockerInspect from "../fixtures/docker-image-inspect.json";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5, 6));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const [SSSD] = parseDockerImageInspect(JSON.stringify(dockerInspect));
const PREVIOUS_ID = "a4b0366002b9c3d1e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1";

// The testbed's demo service, installed from a local image, with and without a unit.
const DEMO_RECORD = newRecord({ name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman", unit: "demo-service.service" }, NOW);
const DEMO_NO_UNIT: ServiceRecord = { ...DEMO_RECORD, unit: null, options: { OPT1: "x" } };
// SSSD from a registry, run by docker without a unit.
const SSSD_RECORD = newRecord({ name: "sssd", image: "registry.example.test/sssd:latest", imageId: SSSD.id, engine: "docker" }, NOW);

function steps(plan: StepsPlan | Refusal): Step[] {
    if (plan.kind !== "steps")
        throw new Error("refused: " + plan.reason);
    return plan.steps;
}

function switchOf(plan: StepsPlan | Refusal): (Step & { kind: "switch-image" }) | null {
    const found = steps(plan).find(s => s.kind === "switch-image");
    return found?.kind === "switch-image" ? found : null;
}

QUnit.module("planMaintenance: update", () => {
    QUnit.test("a local reference is not pulled: the plan is one switch to what it names now", assert => {
        const plan = planUpdate(DEMO_RECORD, DEMO, "podman");
        assert.deepEqual(steps(plan).map(s => s.kind), ["switch-image"]);
        assert.deepEqual(switchOf(plan), {
            kind: "switch-image", title: "Move the service to the image its reference names now",
            record: DEMO_RECORD, engine: "podman", target: null, runArgv: null,
        });
    });
    QUnit.test("a local reference has no long command: it all runs in the page", assert => {
        assert.strictEqual(mainStepIndex(steps(planUpdate(DEMO_RECORD, DEMO, "podman"))), -1);
    });
    QUnit.test("a registry reference is pulled first, and the pull is the long command", assert => {
        const plan = planUpdate(SSSD_RECORD, SSSD, "docker");
        assert.deepEqual(steps(plan).map(s => s.kind === "exec" ? formatCommand(s.argv) : s.kind),
                         ["docker pull registry.example.test/sssd:latest", "switch-image"]);
        assert.strictEqual(mainStepIndex(steps(plan)), 0);
    });
    QUnit.test("a service with a unit is moved by restarting its unit: no run command", assert => {
        assert.strictEqual(switchOf(planUpdate(DEMO_RECORD, DEMO, "podman"))?.runArgv, null);
    });
    QUnit.test("a service without a unit is run again with its RUN label, expanded from the record", assert => {
        assert.deepEqual(switchOf(planUpdate(SSSD_RECORD, SSSD, "docker"))?.runArgv, [
            "docker", "run", "-d", "--restart=always", "--privileged", "--net=host", "--name", "sssd", "-e", "NAME=sssd",
            "-e", "IMAGE=registry.example.test/sssd:latest", "-v", "/etc/sssd/:/etc/sssd/:ro", "-v", "/var/lib/sss/:/var/lib/sss/",
            "-v", "/var/log/sssd/:/var/log/sssd/", "registry.example.test/sssd:latest", "/bin/run.sh",
        ]);
    });
    QUnit.test("a service without a unit whose image is gone runs the default command", assert => {
        assert.deepEqual(switchOf(planUpdate(DEMO_NO_UNIT, null, "podman"))?.runArgv,
                         ["podman", "run", "-d", "--name", "demo-service", "localhost/demo-service:latest"]);
    });
    QUnit.test("a RUN label that does not parse refuses the update", assert => {
        const bad: Image = { ...DEMO, labels: { RUN: "podman run 'never closed ${IMAGE}" } };
        const plan = planUpdate(DEMO_NO_UNIT, bad, "podman");
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "bad-label");
    });
    QUnit.test("an update carries no undo: a failed switch leaves the previous image recorded, for a rollback", assert => {
        assert.deepEqual(restoreStepsFor(planUpdate(SSSD_RECORD, SSSD, "docker") as StepsPlan), []);
    });
});

QUnit.module("planMaintenance: rollback", () => {
    QUnit.test("refuses when no previous image is recorded", assert => {
        const plan = planRollback(DEMO_RECORD, DEMO, "podman");
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "no-previous");
    });
    QUnit.test("tags the previous image with the record's reference, then moves the service to it", assert => {
        const plan = planRollback({ ...DEMO_RECORD, previousImageId: PREVIOUS_ID }, DEMO, "podman");
        assert.deepEqual(steps(plan).map(s => s.kind === "exec" ? formatCommand(s.argv) : s.kind),
                         [`podman tag ${PREVIOUS_ID} localhost/demo-service:latest`, "switch-image"]);
        assert.deepEqual(switchOf(plan)?.target, PREVIOUS_ID);
    });
    QUnit.test("a service without a unit is run again on the previous image with its RUN label", assert => {
        const plan = planRollback({ ...SSSD_RECORD, previousImageId: PREVIOUS_ID }, SSSD, "docker");
        assert.deepEqual(switchOf(plan)?.runArgv?.slice(-2), ["registry.example.test/sssd:latest", "/bin/run.sh"]);
    });
});

QUnit.module("planMaintenance: writing a unit file", () => {
    const PATH = "/etc/systemd/system/sssd.service";
    const TAG = "1764385445000000-812";
    const GENERATED = ATOMIC_SSSD_UNIT.replace("ExecStart=/usr/bin/atomic run --name=sssd fedora/sssd",
                                               "ExecStart=/usr/bin/docker start -a sssd");
    const write = (over: Partial<UnitWrite> = {}): UnitWrite => ({
        path: PATH, unit: "sssd.service", content: GENERATED,
        disk: { content: ATOMIC_SSSD_UNIT, tag: TAG }, record: SSSD_RECORD, recordExists: true, ...over,
    });

    QUnit.test("writes the file if unchanged since read, names the unit in the record, reloads systemd", assert => {
        const plan = planUnitWrite(write());
        assert.deepEqual(steps(plan).map(s => s.kind), ["write-file", "write-record", "daemon-reload"]);
        const [file, record] = steps(plan);
        assert.deepEqual(file.kind === "write-file" ? [file.path, file.content, file.tag] : null, [PATH, GENERATED, TAG]);
        assert.deepEqual(record.kind === "write-record" ? record.record : null, { ...SSSD_RECORD, unit: "sssd.service" });
    });
    QUnit.test("runs no long command: every step runs in the page", assert => {
        assert.strictEqual(mainStepIndex(steps(planUnitWrite(write()))), -1);
    });
    QUnit.test("a failure puts the record back as it was, then the file with its old content", assert => {
        assert.deepEqual(restoreStepsFor(planUnitWrite(write())), [
            { kind: "write-record", title: "Put the install record back", record: SSSD_RECORD },
            { kind: "write-file", title: "Put the unit file back", path: PATH, content: ATOMIC_SSSD_UNIT, tag: null },
        ]);
    });
    QUnit.test("a failure of the record puts back only the file", assert => {
        assert.deepEqual(undoSteps(steps(planUnitWrite(write())), 1).map(s => s.title), ["Put the unit file back"]);
    });
    QUnit.test("a file that did not exist is removed again", assert => {
        const [undo] = undoSteps(steps(planUnitWrite(write({ disk: { content: null, tag: "-" } }))), 1);
        assert.deepEqual(undo.kind === "write-file" ? [undo.path, undo.content] : null, [PATH, null]);
    });
    QUnit.test("a record written for an image without one is removed again", assert => {
        const plan = planUnitWrite(write({ recordExists: false }));
        assert.deepEqual(restoreStepsFor(plan)[0], { kind: "remove-record", title: "Remove the install record", name: "sssd" });
    });
    QUnit.test("without a record only the file is written and reloaded", assert => {
        const plan = planUnitWrite(write({ record: null, recordExists: false }));
        assert.deepEqual(steps(plan).map(s => s.kind), ["write-file", "daemon-reload"]);
        assert.deepEqual(restoreStepsFor(plan).map(s => s.kind), ["write-file"]);
    });
});

QUnit.module("planMaintenance: saving the host-data-list override", () => {
    const OVERRIDE = "/etc/containers/system-services/demo-service/host-data-list";

    QUnit.test("writes this host's list to the service's override, if unchanged since read", assert => {
        assert.deepEqual(steps(planOverrideSave("demo-service", "etc/demo-service/\n", "1764385445000000-20")), [{
            kind: "write-file", title: "Write this host's host-data-list", path: OVERRIDE,
            content: "etc/demo-service/\n", tag: "1764385445000000-20",
        }]);
    });
    QUnit.test("removes the override when saving none: the image's list applies again", assert => {
        const [step] = steps(planOverrideSave("demo-service", null, "1764385445000000-20"));
        assert.deepEqual(step.kind === "write-file" ? [step.title, step.path, step.content] : null,
                         ["Remove this host's host-data-list", OVERRIDE, null]);
    });
    QUnit.test("refuses a name that is not a service name, before any path is made of it", assert => {
        assert.throws(() => planOverrideSave("../demo", null, "-"));
    });
});

QUnit.module("planMaintenance: restoring a backup", () => {
    const STAMP = "20261128T120000.000Z";
    const LISTED = ["etc/demo-service/", "etc/demo-extra/"];

    QUnit.test("backs up the listed paths as they are now first, then restores the backup", assert => {
        const plan = planRestore("demo-service", STAMP, LISTED, NOW);
        assert.deepEqual(steps(plan).map(s => s.kind), ["backup", "restore"]);
        const [backup, restore] = steps(plan);
        assert.deepEqual(backup.kind === "backup" ? [backup.name, backup.paths, backup.stamp, backup.keep] : null,
                         ["demo-service", LISTED, "20261129T030405.006Z", 10]);
        assert.deepEqual(restore, { kind: "restore", title: "Restore the host files from the backup", name: "demo-service", stamp: STAMP });
    });
    QUnit.test("the new backup never drops the backup being restored", assert => {
        const [backup] = steps(planRestore("demo-service", STAMP, LISTED, NOW));
        assert.deepEqual(backup.kind === "backup" ? backup.protect : null, [STAMP]);
    });
    QUnit.test("a failed restore puts back the files as they were, from the backup just taken", assert => {
        assert.deepEqual(restoreStepsFor(planRestore("demo-service", STAMP, LISTED, NOW)), [
            { kind: "restore", title: "Restore the host files from the backup", name: "demo-service", stamp: "20261129T030405.006Z" },
        ]);
    });
});
