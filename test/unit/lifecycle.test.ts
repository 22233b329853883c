import QUnit from "qunit";
import { LABEL_RUN_LABEL, planInstall, planRun, planStop, planUninstall, type LifecycleInput } from "../../src/core/planLifecycle";
import { mainStepIndex } from "../../src/core/plan";
import type { Step } from "../../src/core/plan";
import { parsePodmanContainers, parsePodmanImages } from "../../src/core/inventory";
import { formatCommand } from "../../src/core/labels";
import { COPY_OUT_LABEL } from "../../src/core/hostDataList";
import { newRecord } from "../../src/core/record";
import type { Container, Image } from "../../src/core/model";
import podmanImages from "../fixtures/podman-4.3-images.json";
import podmanPs from "../fixtures/podman-4.3-ps.json";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5));
const images = parsePodmanImages(JSON.stringify(podmanImages));
function image(name: string): Image {
    const found = images.find(i => i.names[0] === `localhost/${name}:latest`);
    if (!found)
        throw new Error(name + " is not in the fixture");
    return found;
}
const DEMO = image("demo-service");
const RUN_ONLY = image("run-only");
const NO_LABELS = image("no-labels");
const BAD_LABEL = image("bad-label");

// The testbed's stopped demo-service container, and variants of it.
const [STOPPED] = parsePodmanContainers(JSON.stringify(podmanPs));
const RUNNING: Container = { ...STOPPED, state: "running", running: true };
const ON_OTHER_IMAGE: Container = { ...STOPPED, imageId: RUN_ONLY.id, image: "localhost/run-only:latest" };
const RECORD = newRecord({ name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman", unit: "demo-service.service" }, NOW);

function demo(over: Partial<LifecycleInput> = {}): LifecycleInput {
    return { image: DEMO, name: "demo-service", engine: "podman", containers: [], record: RECORD, ...over };
}

// What the preview shows: each step in one line.
function shown(steps: Step[]): string[] {
    return steps.map(s => {
        switch (s.kind) {
        case "exec":
            return formatCommand(s.argv);
        case "unit-disable":
            return "disable " + s.unit;
        case "write-record":
            return "write record " + s.record.name;
        case "remove-record":
            return "remove record " + s.name;
        case "remove-unit-file":
            return "remove " + s.path;
        case "daemon-reload":
            return "daemon-reload";
        case "remove-containers":
            return "remove containers " + s.label;
        }
        return "?";
    });
}

QUnit.module("lifecycle: install", () => {
    QUnit.test("runs the demo INSTALL label, then records the install and reloads systemd", assert => {
        const plan = planInstall({ ...demo({ record: null }), now: NOW });
        assert.equal(plan.kind, "steps");
        if (plan.kind !== "steps")
            return;
        assert.deepEqual(shown(plan.steps), [
            "podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=demo-service -e IMAGE=localhost/demo-service:latest --label io.github.system-services.label-run=demo-service localhost/demo-service:latest /bin/sh /install.sh",
            "write record demo-service",
            "daemon-reload",
        ]);
        assert.equal(plan.label, "INSTALL");
    });
    QUnit.test("INSTALL's containers are labelled, and removed when the command fails or its end is unknown", assert => {
        const plan = planInstall({ ...demo({ record: null }), now: NOW });
        const main = plan.kind === "steps" ? plan.steps[mainStepIndex(plan.steps)] : null;
        assert.deepEqual(main?.cleanup, [{
            kind: "remove-containers", title: "Remove containers the label's command left behind", engine: "podman",
            label: "io.github.system-services.label-run=demo-service",
        }]);
        assert.equal(main?.undo, undefined, "a command that succeeded leaves nothing to remove when a later step fails");
    });
    QUnit.test("a label that is not a run of the image is run as it is, with nothing to clean up", assert => {
        const image: Image = { ...DEMO, labels: { INSTALL: "/usr/bin/atomic install ${IMAGE}" } };
        const plan = planInstall({ ...demo({ image, record: null }), now: NOW });
        const main = plan.kind === "steps" ? plan.steps[mainStepIndex(plan.steps)] : null;
        assert.deepEqual(main?.kind === "exec" ? [main.argv, main.cleanup] : null,
                         [["/usr/bin/atomic", "install", "localhost/demo-service:latest"], undefined]);
    });
    QUnit.test("records the image, its ID, the options and the install time", assert => {
        const plan = planInstall({ ...demo({ record: null, options: { OPT1: "x" }, extraArgs: ["--debug"] }), now: NOW, unit: "demo-service.service" });
        const write = plan.kind === "steps" ? plan.steps.find(s => s.kind === "write-record") : undefined;
        assert.deepEqual(write?.kind === "write-record" ? write.record : null, { ...RECORD, options: { OPT1: "x" }, extraArgs: ["--debug"] });
    });
    QUnit.test("without a unit given, the record names the unit INSTALL wrote, found when it is written", assert => {
        const plan = planInstall({ ...demo({ record: null }), now: NOW });
        const write = plan.kind === "steps" ? plan.steps.find(s => s.kind === "write-record") : undefined;
        assert.deepEqual(write?.kind === "write-record" ? [write.record.unit, write.detectUnit] : null, [null, { writtenSince: NOW.toISOString() }]);
    });
    QUnit.test("with a unit given, the record names it and no unit is looked for", assert => {
        const plan = planInstall({ ...demo({ record: null }), now: NOW, unit: "demo-service.service" });
        const write = plan.kind === "steps" ? plan.steps.find(s => s.kind === "write-record") : undefined;
        assert.deepEqual(write?.kind === "write-record" ? [write.record.unit, write.detectUnit] : null, ["demo-service.service", undefined]);
    });
    QUnit.test("appends the extra arguments to INSTALL, one word each", assert => {
        const plan = planInstall({ ...demo({ record: null, extraArgs: ["realm", "join", "--user=Domain Admin"] }), now: NOW });
        const first = plan.kind === "steps" ? plan.steps[0] : null;
        assert.deepEqual(first?.kind === "exec" ? first.argv.slice(-4) : null, ["/install.sh", "realm", "join", "--user=Domain Admin"]);
    });
    QUnit.test("warns about the privileges of INSTALL", assert => {
        const plan = planInstall({ ...demo({ record: null }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? plan.warnings.map(w => w.kind) : null, ["privileged", "host-root-mount"]);
    });
    QUnit.test("reports the label's unknown variables", assert => {
        const odd = { ...DEMO, labels: { INSTALL: "podman run --rm -v ${CONFDIR}:/etc/conf -e REALM=${REALM} ${IMAGE} /bin/install.sh" } };
        const plan = planInstall({ ...demo({ image: odd, record: null }), now: NOW });
        assert.deepEqual(plan.kind === "steps" ? plan.unknownVariables : null, ["REALM"]);
    });
    QUnit.test("offers only a pull for an image without INSTALL", assert => {
        assert.equal(planInstall({ ...demo({ image: RUN_ONLY, name: "run-only", record: null }), now: NOW }).kind, "pull-only");
    });
    QUnit.test("refuses an invalid name", assert => {
        const plan = planInstall({ ...demo({ name: "../demo", record: null }), now: NOW });
        assert.deepEqual(plan.kind === "refused" ? [plan.code, plan.reason] : null, ["invalid-name", "The name \"../demo\" must start with a letter or a digit."]);
    });
    QUnit.test("refuses a label that does not parse, with the label engine's message", assert => {
        const plan = planInstall({ ...demo({ image: BAD_LABEL, name: "bad-label", record: null }), now: NOW });
        assert.deepEqual(plan.kind === "refused" ? [plan.code, plan.reason] : null, ["bad-label", "INSTALL: Unclosed single quote at character 37."]);
    });
    QUnit.test("refuses to install a service that is installed", assert => {
        const plan = planInstall({ ...demo(), now: NOW });
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "already-installed");
    });
    QUnit.test("refuses a password among the arguments", assert => {
        const plan = planInstall({ ...demo({ record: null, extraArgs: ["--password=Secret123"] }), now: NOW });
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "secret-argument");
    });
});

QUnit.module("lifecycle: run", () => {
    QUnit.test("says so when container NAME runs", assert => {
        assert.deepEqual(planRun(demo({ containers: [RUNNING] })), { kind: "already-running", container: "demo-service", otherImage: false });
    });
    QUnit.test("starts the stopped container of the same image instead of running RUN again", assert => {
        const plan = planRun(demo({ containers: [STOPPED] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, ["podman start demo-service"]);
    });
    QUnit.test("refuses a container of the name on another image", assert => {
        const plan = planRun(demo({ containers: [ON_OTHER_IMAGE] }));
        assert.deepEqual(plan.kind === "refused" ? [plan.code, plan.containers] : null, ["other-image", ["demo-service"]]);
    });
    QUnit.test("replaces a container on another image when asked: remove it, then RUN", assert => {
        const plan = planRun({ ...demo({ containers: [ON_OTHER_IMAGE] }), replace: true });
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, [
            "podman rm -f demo-service",
            "podman run -d --name demo-service --network=host localhost/demo-service:latest /bin/busybox httpd -f -p 127.0.0.1:8088 -h /www",
        ]);
    });
    QUnit.test("replaces a running container on another image when asked", assert => {
        const plan = planRun({ ...demo({ containers: [{ ...ON_OTHER_IMAGE, running: true, state: "running" }] }), replace: true });
        assert.deepEqual(plan.kind === "steps" ? plan.steps.length : null, 2);
    });
    QUnit.test("refuses to run an image with INSTALL that was not installed", assert => {
        const plan = planRun(demo({ record: null }));
        assert.deepEqual(plan.kind === "refused" ? plan.code : null, "not-installed");
    });
    QUnit.test("runs the RUN label of an image without INSTALL, installed or not", assert => {
        const plan = planRun(demo({ image: RUN_ONLY, name: "run-only", record: null }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null,
                         ["podman run -d --name run-only --network=host localhost/run-only:latest /bin/busybox httpd -f -p 127.0.0.1:8089 -h /www"]);
    });
    QUnit.test("runs an image without RUN detached with its name", assert => {
        const plan = planRun(demo({ image: NO_LABELS, name: "no-labels", record: null }));
        assert.deepEqual(plan.kind === "steps" ? [shown(plan.steps), plan.label] : null, [["podman run -d --name no-labels localhost/no-labels:latest"], null]);
    });
    QUnit.test("uses docker when the host's engine is docker", assert => {
        const plan = planRun(demo({ engine: "docker", containers: [STOPPED] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, ["docker start demo-service"]);
    });
    QUnit.test("warns about the privileges of RUN", assert => {
        const plan = planRun(demo({ image: RUN_ONLY, name: "run-only", record: null }));
        assert.deepEqual(plan.kind === "steps" ? plan.warnings.map(w => w.arg) : null, ["--network=host"]);
    });
    QUnit.test("refuses an invalid name before looking at containers", assert => {
        assert.equal(planRun(demo({ name: "-demo", containers: [RUNNING] })).kind, "refused");
    });
});

QUnit.module("lifecycle: stop", () => {
    QUnit.test("runs the STOP label of the demo image", assert => {
        const plan = planStop(demo({ containers: [RUNNING] }));
        assert.deepEqual(plan.kind === "steps" ? [shown(plan.steps), plan.label] : null, [["podman stop -t 2 demo-service"], "STOP"]);
    });
    QUnit.test("stops with the engine when the image has no STOP label", assert => {
        const plan = planStop(demo({ image: RUN_ONLY, name: "demo-service", containers: [RUNNING] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, ["podman stop demo-service"]);
    });
    QUnit.test("stops with the engine when the image is gone", assert => {
        const plan = planStop({ ...demo({ containers: [RUNNING] }), image: null });
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, ["podman stop demo-service"]);
    });
    QUnit.test("says so when the container does not run", assert => {
        assert.deepEqual(planStop(demo({ containers: [STOPPED] })), { kind: "not-running", container: "demo-service" });
    });
    QUnit.test("refuses when there is no container to stop", assert => {
        const plan = planStop(demo({ containers: [] }));
        assert.equal(plan.kind === "refused" ? plan.code : null, "no-container");
    });
});

QUnit.module("lifecycle: uninstall", () => {
    const DEMO_UNINSTALL = "podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=demo-service -e IMAGE=localhost/demo-service:latest --label io.github.system-services.label-run=demo-service localhost/demo-service:latest /bin/sh /uninstall.sh";

    QUnit.test("disables the unit, removes the container, runs UNINSTALL, forgets the record and the unit file", assert => {
        const plan = planUninstall(demo({ containers: [STOPPED] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, [
            "disable demo-service.service",
            "podman rm -f demo-service",
            DEMO_UNINSTALL,
            "remove record demo-service",
            "remove /etc/systemd/system/demo-service.service",
            "remove /etc/containers/systemd/demo-service.container",
            "daemon-reload",
        ]);
    });
    QUnit.test("keeps the image unless asked to delete it", assert => {
        const kept = planUninstall(demo());
        const deleted = planUninstall({ ...demo(), deleteImage: true });
        assert.notOk(kept.kind === "steps" && shown(kept.steps).some(s => s.includes("rmi")));
        assert.deepEqual(deleted.kind === "steps" ? shown(deleted.steps).at(-1) : null, "podman rmi localhost/demo-service:latest");
    });
    QUnit.test("removes no container when there is none", assert => {
        const plan = planUninstall(demo());
        assert.notOk(plan.kind === "steps" && plan.steps.some(s => s.kind === "exec" && s.argv[1] === "rm"));
    });
    QUnit.test("refuses while other containers use the image, naming them", assert => {
        const other: Container = { ...STOPPED, id: "0123", name: "keen_kalam" };
        const plan = planUninstall(demo({ containers: [STOPPED, other] }));
        assert.deepEqual(plan.kind === "refused" ? [plan.code, plan.containers] : null, ["image-in-use", ["keen_kalam"]]);
    });
    QUnit.test("a container the page created to read the image's host-data-list is no other user of the image", assert => {
        const probe: Container = { ...STOPPED, id: "4567", name: "eager_probe", state: "created", labels: { ...STOPPED.labels, [COPY_OUT_LABEL]: "1" } };
        assert.equal(planUninstall(demo({ containers: [STOPPED, probe] })).kind, "steps");
    });
    QUnit.test("a container an earlier INSTALL of this service left behind is removed before UNINSTALL, not another user", assert => {
        const left: Container = { ...STOPPED, id: "89ab", name: "happy_hopper", state: "created", labels: { ...STOPPED.labels, [LABEL_RUN_LABEL]: "demo-service" } };
        const plan = planUninstall(demo({ containers: [STOPPED, left] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps).slice(0, 4) : null, [
            "disable demo-service.service", "podman rm -f demo-service",
            "remove containers io.github.system-services.label-run=demo-service", DEMO_UNINSTALL,
        ]);
        assert.equal(plan.kind === "steps" ? mainStepIndex(plan.steps) : null, 3, "UNINSTALL stays the long command");
        const ofOther: Container = { ...left, labels: { ...STOPPED.labels, [LABEL_RUN_LABEL]: "other-service" } };
        assert.equal(planUninstall(demo({ containers: [STOPPED, ofOther] })).kind, "refused", "another service's leftover is another user");
    });
    QUnit.test("goes on when forced although other containers use the image", assert => {
        const other: Container = { ...STOPPED, id: "0123", name: "keen_kalam" };
        const plan = planUninstall({ ...demo({ containers: [STOPPED, other] }), force: true });
        assert.equal(plan.kind, "steps");
    });
    QUnit.test("touches no unit when none is known: a unit of that name could be a native service", assert => {
        const plan = planUninstall(demo({ record: { ...RECORD, unit: null }, containers: [STOPPED] }));
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, ["podman rm -f demo-service", DEMO_UNINSTALL, "remove record demo-service"]);
    });
    QUnit.test("disables the unit it is given, for a service adopted without a record", assert => {
        const plan = planUninstall({ ...demo({ image: RUN_ONLY, record: null, containers: [RUNNING] }), unit: "demo-service.service" });
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, [
            "disable demo-service.service", "podman rm -f demo-service", "remove /etc/systemd/system/demo-service.service", "remove /etc/containers/systemd/demo-service.container", "daemon-reload",
        ]);
    });
    QUnit.test("runs no label when the image is gone, and deletes no image", assert => {
        const plan = planUninstall({ ...demo(), image: null, deleteImage: true });
        assert.deepEqual(plan.kind === "steps" ? shown(plan.steps) : null, [
            "disable demo-service.service", "remove record demo-service", "remove /etc/systemd/system/demo-service.service", "remove /etc/containers/systemd/demo-service.container", "daemon-reload",
        ]);
    });
    QUnit.test("expands UNINSTALL with the options recorded at install", assert => {
        const image: Image = { ...DEMO, labels: { UNINSTALL: "podman run --rm ${IMAGE} /bin/uninstall.sh ${OPT1}" } };
        const plan = planUninstall(demo({ image, record: { ...RECORD, options: { OPT1: "--keep-config" } } }));
        const run = plan.kind === "steps" ? plan.steps.find(s => s.kind === "exec") : undefined;
        assert.deepEqual(run?.kind === "exec" ? run.argv.slice(-2) : null, ["/bin/uninstall.sh", "--keep-config"]);
    });
});
