import QUnit from "qunit";
import { Runner, WATCHDOG_MS, type OperationView } from "../../src/app/runner";
import { initialState, newOperation, type OperationState } from "../../src/core/operation";
import { stepsPlan, undoSteps, type Step, type StepsPlan } from "../../src/core/plan";
import { planInstall } from "../../src/core/planLifecycle";
import { planUnitWrite } from "../../src/core/planMaintenance";
import { parsePodmanImages } from "../../src/core/inventory";
import type { Image } from "../../src/core/model";
import { ChangeConflict } from "../../src/host/files";
import { RecordError } from "../../src/core/record";
import { FakeHost } from "./fake-host";
import { ATOMIC_SSSD_UNIT } from "./unit-fixtures";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5, 6));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const INSTALL = planInstall({
    image: DEMO, name: "demo-service", engine: "podman", containers: [], record: null, now: NOW,
    backup: { paths: ["etc/demo-service/"], at: NOW },
}) as StepsPlan;
const [BACKUP, INSTALL_LABEL, WRITE_RECORD, RELOAD] = INSTALL.steps;
if (INSTALL_LABEL.kind !== "exec" || WRITE_RECORD.kind !== "write-record")
    throw new Error("the demo INSTALL plan is not backup, INSTALL, record, reload");
const INSTALL_ARGV = INSTALL_LABEL.argv;
const RECORD = WRITE_RECORD.record;

// The demo INSTALL, with a unit to disable before it and a unit file written after it: three
// steps that undo something (the backup, the record, the unit file) around the long command.
const STEPS: Step[] = [
    BACKUP,
    { kind: "unit-disable", title: "Stop and disable the unit", unit: "demo-service.service" },
    INSTALL_LABEL,
    { ...WRITE_RECORD, undo: [{ kind: "remove-record", title: "Remove the install record", name: "demo-service" }] },
    {
        kind: "write-file", title: "Write the unit file", path: "/etc/systemd/system/demo-service.service", content: ATOMIC_SSSD_UNIT, tag: "-",
        undo: [{ kind: "write-file", title: "Put the unit file back", path: "/etc/systemd/system/demo-service.service", content: null, tag: null }],
    },
    RELOAD,
];
const PLAN = stepsPlan(STEPS, "INSTALL");
const MAIN = 2;
const TITLES = STEPS.map(s => s.title);
const ID = "system-services-op-demo-service-install-20261129030405006";
const UNIT = ID + ".service";

const tick = () => new Promise<void>(resolve => setTimeout(resolve, 0));

let runners: Runner[] = [];

function runner(host: FakeHost, systemd = true): Runner {
    const r = new Runner(host, systemd, () => NOW);
    runners.push(r);
    return r;
}

// Waits until nothing more happens: no runner drives the operation, no signal is pending.
async function quiet(id: string, ...rs: Runner[]): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await tick();
        for (const r of rs)
            await r.settled(id);
    }
}

function view(r: Runner, id: string = ID): OperationView {
    const v = r.get(id);
    if (!v)
        throw new Error(`${id} is not tracked`);
    return v;
}

// The titles of steps 0..k-1 that run in the page: all but the command.
function inPage(k: number): string[] {
    return TITLES.slice(0, k).filter((_t, i) => i !== MAIN);
}

async function startInstall(host: FakeHost, r: Runner = runner(host)): Promise<string> {
    const id = await r.start("demo-service", "install", "Installing $0", PLAN);
    await quiet(id, r);
    return id;
}

/** An operation left on the host by a tab that is gone: its op file, its state, its lock free. */
async function leftBehind(host: FakeHost, state: Partial<OperationState>, systemd = true): Promise<void> {
    await host.createOperation(newOperation("demo-service", "install", "Installing $0", STEPS, systemd, NOW));
    await host.writeOperationState(ID, { ...initialState(), ...state });
}

QUnit.module("runner", hooks => {
    hooks.afterEach(() => {
        runners.forEach(r => r.close());
        runners = [];
    });

    QUnit.module("running a plan", () => {
        QUnit.test("runs the steps before the command in order, then the command as a transient unit with its argv", async assert => {
            const host = new FakeHost();
            const id = await startInstall(host);
            assert.strictEqual(id, ID);
            assert.deepEqual(host.titles(), ["Back up the host files the list names", "Stop and disable the unit"]);
            assert.deepEqual(host.started, [{ unit: UNIT, title: "Installing demo-service", argv: INSTALL_ARGV }]);
            assert.true(INSTALL_ARGV.includes("/install.sh"));
        });
        QUnit.test("saves the operation on the host before its first step runs", async assert => {
            const host = new FakeHost();
            const open = host.gate(BACKUP.title);
            const r = runner(host);
            const id = await r.start("demo-service", "install", "Installing $0", PLAN);
            await tick();
            assert.deepEqual(host.titles(), [BACKUP.title], "the first step runs");
            const saved = await host.readOperation(id);
            assert.deepEqual([saved?.steps, saved?.main, saved?.systemd], [STEPS, MAIN, true]);
            open();
            await quiet(id, r);
        });
        QUnit.test("the operation runs while its unit runs, and says how far it got", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            const v = view(r);
            assert.deepEqual([v.status, v.unit, v.found, v.finishedHere, v.state.next, v.state.mainStarted], ["running", UNIT, false, null, MAIN, true]);
            assert.deepEqual(host.state(ID), v.state, "the state on the host is the one shown");
        });
        QUnit.test("the steps after the command wait until its unit reports active (exited)", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "running");
            await quiet(ID, r);
            assert.deepEqual([view(r).status, host.executed.length], ["running", 2], "still running: nothing after it ran");
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            assert.deepEqual(host.titles(), inPage(STEPS.length));
            assert.deepEqual([view(r).status, view(r).finishedHere, view(r).state.outcome], ["succeeded", true, "succeeded"]);
        });
        QUnit.test("the result of each step is kept in the state, by index", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            assert.deepEqual(host.state(ID)?.results, [null, null, null, RECORD, null, null]);
        });
        QUnit.test("a succeeded operation is logged once, leaves only its state on the host, and its unit is reset", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            assert.deepEqual(host.logged, [`${ID}: install of demo-service succeeded`]);
            assert.deepEqual(host.removed, [{ id: ID, keepState: true }]);
            assert.deepEqual([host.opFiles.has(ID), host.state(ID)?.outcome], [false, "succeeded"]);
            assert.deepEqual(host.resets, [UNIT]);
        });
        QUnit.test("the command's output is shown as its unit writes it", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            host.output(UNIT, "Installing demo-service\n");
            host.output(UNIT, "done\n");
            assert.strictEqual(view(r).output, "Installing demo-service\ndone\n");
        });
        QUnit.test("a plan without a long command runs every step in the page", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            const plan = planUnitWrite({
                path: "/etc/systemd/system/demo-service.service", unit: "demo-service.service", content: ATOMIC_SSSD_UNIT,
                disk: { content: null, tag: "-" }, record: RECORD, recordExists: true,
            });
            const id = await r.start("demo-service", "unit-write", "Writing the unit of $0", plan);
            await quiet(id, r);
            assert.deepEqual(host.titles(), ["Write the unit file", "Write the install record", "Reload systemd"]);
            assert.deepEqual(host.started, []);
            assert.deepEqual([view(r, id).unit, view(r, id).status, view(r, id).finishedHere], [null, "succeeded", true]);
        });
        QUnit.test("without systemd the long command runs in the page's session", async assert => {
            const host = new FakeHost();
            const r = runner(host, false);
            const id = await r.start("demo-service", "install", "Installing $0", PLAN);
            await quiet(id, r);
            assert.deepEqual(host.spawned, [INSTALL_ARGV]);
            assert.deepEqual(host.started, []);
            assert.deepEqual(host.titles(), inPage(STEPS.length));
            assert.true(host.executed.every(e => !e.systemd), "every step is told there is no systemd");
            assert.deepEqual([view(r, id).unit, view(r, id).status], [null, "succeeded"]);
            assert.true(view(r, id).output.includes("/install.sh"));
        });
    });

    QUnit.module("a failure undoes what ran", () => {
        for (let k = 0; k < STEPS.length; k++) {
            const undo = [...(k === MAIN ? STEPS[MAIN].cleanup ?? [] : []), ...undoSteps(STEPS, k)].map(s => s.title);
            const how = k === MAIN ? "the command's unit failing" : `“${TITLES[k]}” failing`;
            QUnit.test(`${how} (step ${k}) runs the undo of the steps that completed, newest first: ${JSON.stringify(undo)}`, async assert => {
                const host = new FakeHost();
                const r = runner(host);
                if (k !== MAIN)
                    host.failing.set(TITLES[k], "Permission denied");
                await startInstall(host, r);
                if (k >= MAIN) {
                    host.setUnit(UNIT, k === MAIN ? "failed" : "active", k === MAIN ? "failed" : "exited");
                    await quiet(ID, r);
                }
                assert.deepEqual(host.titles(), [...inPage(k + 1), ...undo]);
                const { state } = view(r);
                assert.deepEqual([state.outcome, state.error, state.undone, state.undoError, state.next],
                                 ["failed", k === MAIN ? `${UNIT} failed (failed)` : "Permission denied", undoSteps(STEPS, k).length > 0, null, k]);
                assert.deepEqual(host.state(ID), JSON.parse(JSON.stringify(state)), "the host has the state shown");
                assert.strictEqual(host.started.length, k < MAIN ? 0 : 1, k < MAIN ? "the command never started" : "the command started once");
                assert.deepEqual(host.logged.length, 1);
                assert.true(host.logged[0].startsWith(`${ID}: install of demo-service failed: `));
            });
        }
        QUnit.test("a step that fails after it started runs its own clean-up, then the undo of the steps before it", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            const steps: Step[] = [...STEPS.slice(0, -1), { ...RELOAD, cleanup: [{ kind: "unit-disable", title: "Stop and disable the unit it enabled", unit: "x.service" }] }];
            host.failing.set(RELOAD.title, "Access denied");
            const id = await r.start("demo-service", "install", "Installing $0", stepsPlan(steps, "INSTALL"));
            await quiet(id, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(id, r);
            assert.deepEqual(host.titles().slice(-5), ["Reload systemd", "Stop and disable the unit it enabled", "Put the unit file back",
                                                       "Remove the install record", "Restore the host files from the backup"]);
        });
        QUnit.test("an undo step that fails is reported, and the other undo steps still run", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set(RELOAD.title, "Access denied");
            host.failing.set("Remove the install record", "rm: cannot remove 'service.json': Read-only file system");
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            assert.deepEqual(host.titles().slice(-3), ["Put the unit file back", "Remove the install record", "Restore the host files from the backup"]);
            const { state } = view(r);
            assert.deepEqual([state.outcome, state.error, state.undone, state.undoError], [
                "failed", "Access denied", false, "Remove the install record: rm: cannot remove 'service.json': Read-only file system",
            ]);
        });
        QUnit.test("a step that fails with the host's code for it records the code with the error", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set("Write the unit file", new ChangeConflict("/etc/systemd/system/demo-service.service"));
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            const { state } = view(r);
            assert.deepEqual([state.outcome, state.errorProblem, state.error], [
                "failed", "change-conflict", "/etc/systemd/system/demo-service.service changed on the host since it was read; it was not overwritten.",
            ]);
        });
        QUnit.test("a step that fails with core's message keeps its template, for the page to translate", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set(WRITE_RECORD.title, new RecordError("The argument \"$0\" passes a password; passwords are never written to the install record.", "-w"));
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            const { state } = view(r);
            assert.deepEqual([state.outcome, state.errorTemplate], ["failed", {
                template: "The argument \"$0\" passes a password; passwords are never written to the install record.", args: ["-w"],
            }]);
            assert.equal(state.error, "The argument \"-w\" passes a password; passwords are never written to the install record.");
        });
        QUnit.test("a failure without a code records none", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set(BACKUP.title, "tar: Cannot open: Permission denied");
            await startInstall(host, r);
            assert.deepEqual([view(r).state.outcome, view(r).state.errorProblem], ["failed", null]);
        });
        QUnit.test("a failed operation stays on the host, to be seen and dismissed", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set(RELOAD.title, "Access denied");
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            // the command's unit is let go of once its result is saved; the operation's files stay
            assert.deepEqual([host.opFiles.has(ID), host.removed, host.resets], [true, [], [UNIT]]);
        });
        QUnit.test("the command's unit is let go of before the steps after it run (they may reload systemd)", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            const open = host.gate(WRITE_RECORD.title);
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await tick();
            await tick();
            assert.deepEqual(host.resets, [UNIT], "stopped while the record step waits");
            open();
            await quiet(ID, r);
            assert.equal(view(r).status, "succeeded");
        });
        QUnit.test("without systemd a failing command undoes the steps before it", async assert => {
            const host = new FakeHost();
            const r = runner(host, false);
            host.failingCommands.add(INSTALL_ARGV.join(" "));
            await r.start("demo-service", "install", "Installing $0", PLAN);
            await quiet(ID, r);
            assert.deepEqual(host.titles(), [...inPage(MAIN), "Restore the host files from the backup"]);
            assert.deepEqual([view(r).state.outcome, view(r).state.error, view(r).state.undone], ["failed", "podman exited with code 1", true]);
        });
    });

    QUnit.module("more than one tab", () => {
        QUnit.test("two tabs signalled at the end of the command finish it once", async assert => {
            const host = new FakeHost();
            const a = runner(host);
            await startInstall(host, a);
            const b = runner(host);
            await b.find();
            await quiet(ID, b);
            assert.deepEqual([view(b).found, view(b).status], [true, "running"]);
            assert.strictEqual(host.watcherCount(UNIT), 2, "both tabs follow the unit");
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, a, b);
            assert.deepEqual(host.titles(), inPage(STEPS.length), "every step after the command ran once");
            assert.deepEqual(host.logged.filter(m => m.startsWith(ID)), [`${ID}: install of demo-service succeeded`]);
            assert.deepEqual([view(a).status, view(a).finishedHere], ["succeeded", true]);
            assert.deepEqual([view(b).status, view(b).finishedHere], ["succeeded", false]);
            assert.strictEqual(host.overlaps, 0, "never two holders of the lock");
        });
        QUnit.test("a tab that found the operation before its command started carries it on when the starting tab closes", async assert => {
            const host = new FakeHost();
            const open = host.gate(BACKUP.title);
            const a = runner(host);
            await a.start("demo-service", "install", "Installing $0", PLAN);
            await tick();
            const b = runner(host);
            await b.find();
            open();
            await quiet(ID, a, b);
            assert.deepEqual(host.started.length, 1, "the command started once");
            a.close();
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, b);
            assert.deepEqual([view(b).status, view(b).finishedHere], ["succeeded", true]);
            assert.deepEqual(host.titles(), inPage(STEPS.length));
            assert.strictEqual(host.overlaps, 0);
        });
        QUnit.test("a failed operation found again after a reload runs no undo again", async assert => {
            const host = new FakeHost();
            host.failing.set(RELOAD.title, "Access denied");
            await startInstall(host);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, ...runners);
            const ran = host.titles();
            const reloaded = runner(host);
            await reloaded.find();
            await quiet(ID, reloaded);
            host.signal(UNIT);
            await quiet(ID, reloaded);
            assert.deepEqual(host.titles(), ran, "nothing ran again");
            assert.deepEqual(host.logged.length, 1);
            const v = view(reloaded);
            assert.deepEqual([v.found, v.status, v.finishedHere, v.state.undone, v.state.error], [true, "failed", false, true, "Access denied"]);
        });
        QUnit.test("an operation whose tab died mid-way goes on from the step it got to, not from the start", async assert => {
            const host = new FakeHost();
            await leftBehind(host, { next: 4, mainStarted: true, results: [null, null, null, RECORD] });
            host.setUnit(UNIT, "active", "exited", false);
            const r = runner(host);
            await r.find();
            await quiet(ID, r);
            assert.deepEqual(host.titles(), [TITLES[4], TITLES[5]]);
            assert.deepEqual(host.started, [], "the command is not run again");
            assert.deepEqual([view(r).found, view(r).status, view(r).finishedHere], [true, "succeeded", true]);
            assert.deepEqual(view(r).state.results, [null, null, null, RECORD, null, null], "the results of the dead tab are kept");
        });
        QUnit.test("a tab that died right after starting the command does not start it again", async assert => {
            const host = new FakeHost();
            await leftBehind(host, { next: MAIN, mainStarted: false });
            host.setUnit(UNIT, "active", "running", false);
            const r = runner(host);
            await r.find();
            await quiet(ID, r);
            assert.deepEqual([host.started, view(r).status, view(r).state.mainStarted], [[], "running", true]);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            assert.deepEqual([host.titles(), view(r).status], [TITLES.slice(MAIN + 1), "succeeded"]);
        });
        QUnit.test("an operation that had failed when its tab died only runs the undo", async assert => {
            const host = new FakeHost();
            await leftBehind(host, { next: 4, mainStarted: true, error: "Access denied" });
            host.setUnit(UNIT, "active", "exited", false);
            const r = runner(host);
            await r.find();
            await quiet(ID, r);
            assert.deepEqual(host.titles(), ["Remove the install record", "Restore the host files from the backup"]);
            assert.deepEqual([view(r).state.outcome, view(r).state.error, view(r).state.undone], ["failed", "Access denied", true]);
        });
        QUnit.test("without systemd, a command whose page closed is not run again: the operation fails and undoes", async assert => {
            const host = new FakeHost();
            await leftBehind(host, { next: MAIN, mainStarted: true }, false);
            const r = runner(host, false);
            await r.find();
            await quiet(ID, r);
            assert.deepEqual(host.spawned, []);
            assert.deepEqual(host.titles(), ["Remove containers the label's command left behind", "Restore the host files from the backup"]);
            assert.deepEqual([view(r).state.outcome, view(r).state.error],
                             ["failed", "the page that ran the command was closed before it ended"]);
        });
        QUnit.test("an operation another tab finished and dismissed meanwhile is dropped, and nothing runs again", async assert => {
            const host = new FakeHost();
            const a = runner(host);
            await startInstall(host, a);
            const b = runner(host);
            await b.find();
            await quiet(ID, b);
            // a third tab holds the lock: it finishes the operation and dismisses it
            const release = await host.lockOperation(ID);
            host.setUnit(UNIT, "active", "exited");
            await tick();
            await host.removeOperation(ID, false);
            release();
            await quiet(ID, a, b);
            assert.deepEqual([a.get(ID), b.get(ID)], [null, null]);
            assert.deepEqual(host.titles(), inPage(MAIN), "no step after the command ran here");
            assert.deepEqual(host.logged, []);
        });
        QUnit.test("finding again does not track an operation twice", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            await r.find();
            await r.find();
            await quiet(ID, r);
            assert.deepEqual([r.list().length, view(r).found], [1, false]);
        });
    });

    QUnit.module("dismissing", () => {
        QUnit.test("a running operation is not dismissed", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            await r.dismiss(ID);
            assert.deepEqual([view(r).status, host.removed], ["running", []]);
        });
        QUnit.test("a finished operation is removed from the host with its unit, and forgotten", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            host.failing.set(RELOAD.title, "Access denied");
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited");
            await quiet(ID, r);
            await r.dismiss(ID);
            assert.deepEqual([host.opFiles.has(ID), host.stateFiles.has(ID), host.resets, r.get(ID)], [false, false, [UNIT], null]);
        });
    });

    QUnit.module("the watchdog", () => {
        QUnit.test("finishes an operation whose unit's end was never signalled", async assert => {
            const host = new FakeHost();
            const r = runner(host);
            await startInstall(host, r);
            host.setUnit(UNIT, "active", "exited", false);
            await quiet(ID, r);
            assert.strictEqual(view(r).status, "running", "no signal: nothing moved yet");
            const deadline = Date.now() + 3 * WATCHDOG_MS;
            while (view(r).status === "running" && Date.now() < deadline)
                await new Promise(resolve => setTimeout(resolve, 50));
            await quiet(ID, r);
            assert.deepEqual([view(r).status, host.titles()], ["succeeded", inPage(STEPS.length)]);
        });
    });
});

QUnit.module("runner: one operation per service", hooks => {
    hooks.afterEach(() => {
        runners.forEach(r => r.close());
        runners = [];
    });

    QUnit.test("a second operation of a service is refused while the first has not finished, from any tab", async assert => {
        const host = new FakeHost();
        const first = runner(host);
        const id = await startInstall(host, first);
        for (const r of [first, runner(host)]) {
            await assert.rejects(r.start("demo-service", "install", "Installing $0", PLAN), /Another operation of demo-service/);
        }
        assert.deepEqual([...host.opFiles.keys()], [id], "nothing else was saved, nothing else ran");
        assert.equal(host.titles().filter(t => t === BACKUP.title).length, 1, "one backup");
    });

    QUnit.test("the service is free again once its operation has ended, succeeded or failed", async assert => {
        const host = new FakeHost();
        const r = runner(host);
        const id = await startInstall(host, r);
        host.setUnit(UNIT, "failed", "failed");
        await quiet(id, r);
        assert.equal(view(r, id).status, "failed");
        assert.equal(host.busy.size, 0);
        const later = new Runner(host, true, () => new Date(NOW.getTime() + 1000));
        runners.push(later);
        const next = await later.start("demo-service", "stop", "Stopping $0", stepsPlan([]));
        await quiet(next, later);
        assert.equal(view(later, next).status, "succeeded");
    });
});

QUnit.module("runner: op files that do not read", hooks => {
    hooks.afterEach(() => {
        runners.forEach(r => r.close());
        runners = [];
    });

    QUnit.test("a malformed op file is reported and the other operations are still found and carried on", async assert => {
        const host = new FakeHost();
        const id = await startInstall(host, runner(host));
        host.opFiles.set("system-services-op-broken-install-1", "{ not json");
        const reload = runner(host);
        const broken = await reload.find();
        assert.deepEqual(broken.map(b => b.path), ["system-services-op-broken-install-1.op.json"]);
        assert.ok(reload.get(id), "the good operation is found");
        host.setUnit(UNIT, "active", "exited");
        await quiet(id, reload);
        assert.equal(view(reload, id).status, "succeeded");
    });
});
