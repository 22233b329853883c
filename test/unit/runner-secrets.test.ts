import QUnit from "qunit";
import { Runner } from "../../src/app/runner";
import { initialState, newOperation } from "../../src/core/operation";
import { mainStepIndex, type StepsPlan } from "../../src/core/plan";
import { planInstall } from "../../src/core/planLifecycle";
import { parsePodmanImages } from "../../src/core/inventory";
import { enrollSupport } from "../../src/core/enroll";
import type { Image } from "../../src/core/model";
import { FakeHost } from "./fake-host";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 30, 9, 0, 0, 0));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const SECRET = "Adm1n-S3cret!";
const MOUNT = "/run/secrets/enroll-password";
const PLAN = planInstall({
    image: DEMO, name: "demo-service", engine: "podman", containers: [], record: null, now: NOW,
    backup: { paths: ["etc/demo-service/"], at: NOW }, secretMount: MOUNT, extraArgs: ["realm", "-U", "administrator", "syssvc.test"],
}) as StepsPlan;
const ID = "system-services-op-demo-service-install-20261130090000000";
const UNIT = ID + ".service";

const tick = () => new Promise<void>(resolve => setTimeout(resolve, 0));
async function quiet(r: Runner): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await tick();
        await r.settled(ID);
    }
}

// everything the fake host keeps as text: op files, state files, journal lines, command lines
function hostText(host: FakeHost): string {
    return JSON.stringify([[...host.opFiles.values()], [...host.stateFiles.values()], host.logged, host.started, host.spawned]);
}

QUnit.module("secrets: the plan", () => {
    QUnit.test("writes the file before INSTALL, mounts it read-only before the image, removes it right after", assert => {
        assert.deepEqual(PLAN.steps.map(s => s.kind), ["backup", "write-secret", "exec", "remove-secret", "write-record", "daemon-reload"]);
        assert.equal(mainStepIndex(PLAN.steps), 2);
        const main = PLAN.steps[2];
        const argv = main.kind === "exec" ? main.argv : [];
        const at = argv.indexOf("localhost/demo-service:latest", argv.indexOf("--label"));
        assert.deepEqual(argv.slice(at - 4, at - 2), ["-v", "/run/system-services/demo-service/enroll-password:/run/secrets/enroll-password:ro"]);
        assert.deepEqual(argv.slice(-4), ["realm", "-U", "administrator", "syssvc.test"]);
        assert.deepEqual(PLAN.steps[1].undo?.map(s => s.kind), ["remove-secret"], "a failure after it was written removes it");
    });
    QUnit.test("an INSTALL that is not a run of the image gets no password", assert => {
        const image: Image = { ...DEMO, labels: { INSTALL: "/usr/bin/atomic install ${IMAGE}" } };
        const plan = planInstall({ image, name: "demo-service", engine: "podman", containers: [], record: null, now: NOW, secretMount: MOUNT });
        assert.equal(plan.kind === "refused" ? plan.code : null, "secret-mount");
    });
    QUnit.test("the image's label says where it reads the file; a path that cannot be a mount target is none", assert => {
        const label = (v: string) => enrollSupport({ "io.github.system-services.enroll-secret": v }).secretPath;
        assert.equal(label(" /run/secrets/enroll-password "), MOUNT);
        assert.deepEqual(["", "run/secrets/x", "/", "/run/../etc/shadow", "/run/a:b", "/run/a,b", "/run/a b", "/run/a\nb"].map(label),
                         [null, null, null, null, null, null, null, null]);
        assert.equal(enrollSupport({}).secretPath, null);
    });
});

QUnit.module("secrets: the runner", () => {
    QUnit.test("the file holds the password while INSTALL runs and is gone when it succeeded; the password is nowhere else", async assert => {
        const host = new FakeHost();
        const r = new Runner(host, true, () => NOW);
        await r.start("demo-service", "install", "Installing $0", PLAN, SECRET);
        await quiet(r);
        assert.equal(host.secretFiles.get("demo-service"), SECRET, "written for the command");
        host.setUnit(UNIT, "active", "exited");
        await quiet(r);
        assert.equal(r.get(ID)?.status, "succeeded");
        assert.equal(host.secretFiles.size, 0, "removed after the command");
        assert.false(hostText(host).includes(SECRET), "not in an op file, a state file, the journal or a command line");
        r.close();
    });
    QUnit.test("a failed INSTALL removes the file too", async assert => {
        const host = new FakeHost();
        const r = new Runner(host, true, () => NOW);
        await r.start("demo-service", "install", "Installing $0", PLAN, SECRET);
        await quiet(r);
        host.setUnit(UNIT, "failed", "failed");
        await quiet(r);
        assert.deepEqual([r.get(ID)?.status, host.secretFiles.size], ["failed", 0]);
        assert.true(host.titles().includes("Remove the password's file"));
        assert.false(hostText(host).includes(SECRET));
        r.close();
    });
    QUnit.test("a tab that carries on an operation whose password it never had fails it, and undoes", async assert => {
        const host = new FakeHost();
        // the starting tab closed right after the backup: the password was never written
        await host.createOperation(newOperation("demo-service", "install", "Installing $0", PLAN.steps, true, NOW));
        await host.writeOperationState(ID, { ...initialState(), next: 1, results: [null] });
        const r = new Runner(host, true, () => NOW);
        await r.find();
        await quiet(r);
        const state = r.get(ID)?.state;
        assert.deepEqual([state?.outcome, state?.undone], ["failed", true]);
        assert.true(/known only to the page that started this/.test(state?.error ?? ""), state?.error ?? "");
        assert.deepEqual(host.started, [], "INSTALL never ran without its password");
        assert.equal(host.secretFiles.size, 0);
        r.close();
    });
});
