import QUnit from "qunit";
import { mainStepIndex, restoreStepsFor, splitPlan, stepsPlan, undoSteps, type Step } from "../../src/core/plan";
import { newRecord } from "../../src/core/record";

const RECORD = newRecord({ name: "demo", image: "localhost/demo-service:latest", imageId: "a".repeat(64), engine: "podman", unit: null }, new Date(0));

const exec = (title: string): Step => ({ kind: "exec", title, argv: ["podman", title] });

QUnit.module("plan: splitPlan", () => {
    QUnit.test("install: INSTALL runs as the operation, record and reload follow it", assert => {
        const steps: Step[] = [exec("install"), { kind: "daemon-reload", title: "reload" }];
        const { before, main, after } = splitPlan(steps);
        assert.deepEqual(before, []);
        assert.strictEqual(main?.title, "install");
        assert.deepEqual(after.map(s => s.kind), ["daemon-reload"]);
    });
    QUnit.test("uninstall: unit and container go first, UNINSTALL is the operation, bookkeeping after", assert => {
        const steps: Step[] = [
            { kind: "unit-disable", title: "disable", unit: "demo.service" }, exec("rm"), exec("uninstall"),
            { kind: "remove-record", title: "forget", name: "demo" },
            { kind: "remove-unit-file", title: "rm unit", path: "/etc/systemd/system/demo.service" },
            { kind: "daemon-reload", title: "reload" }, exec("rmi"),
        ];
        const { before, main, after } = splitPlan(steps);
        assert.deepEqual(before.map(s => s.title), ["disable", "rm"]);
        assert.strictEqual(main?.title, "uninstall");
        assert.deepEqual(after.map(s => s.title), ["forget", "rm unit", "reload", "rmi"]);
    });
    QUnit.test("a plan of one command runs it as the operation", assert => {
        const { before, main, after } = splitPlan([exec("start")]);
        assert.deepEqual([before.length, main?.title, after.length], [0, "start", 0]);
    });
    QUnit.test("a plan without any command has no operation: everything is bookkeeping", assert => {
        const steps: Step[] = [{ kind: "remove-record", title: "forget", name: "demo" }];
        const { main, after } = splitPlan(steps);
        assert.strictEqual(main, null);
        assert.deepEqual(after, steps);
    });
});

QUnit.module("plan: mainStepIndex", () => {
    QUnit.test("is the index of the command splitPlan runs as the operation", assert => {
        const steps: Step[] = [
            { kind: "unit-disable", title: "disable", unit: "demo.service" }, exec("rm"), exec("uninstall"),
            { kind: "remove-record", title: "forget", name: "demo" }, exec("rmi"),
        ];
        assert.strictEqual(mainStepIndex(steps), 2);
    });
    QUnit.test("a backup before the command does not end the commands", assert => {
        const steps: Step[] = [
            { kind: "backup", title: "backup", name: "demo", paths: ["etc/demo/"], stamp: "20261129T030405.006Z", keep: 10 },
            exec("install"), { kind: "write-record", title: "record", record: RECORD }, { kind: "daemon-reload", title: "reload" },
        ];
        assert.strictEqual(mainStepIndex(steps), 1);
    });
    QUnit.test("is -1 for a plan without a command before its bookkeeping", assert => {
        assert.strictEqual(mainStepIndex([{ kind: "remove-record", title: "forget", name: "demo" }, exec("rmi")]), -1);
        assert.strictEqual(mainStepIndex([{ kind: "unit-disable", title: "disable", unit: "demo.service" }]), -1);
        assert.strictEqual(mainStepIndex([]), -1);
    });
});

// Steps whose undo is a step named after them, to see which undo runs in which order.
function undoable(name: string, undo: string[] = ["undo " + name]): Step {
    return { ...exec(name), undo: undo.map(exec) };
}

QUnit.module("plan: undoSteps", () => {
    const steps: Step[] = [undoable("a"), exec("b"), undoable("c", ["undo c 1", "undo c 2"]), undoable("d")];

    QUnit.test("undoes nothing when no step completed", assert => {
        assert.deepEqual(undoSteps(steps, 0), []);
    });
    QUnit.test("undoes only the steps that completed", assert => {
        assert.deepEqual(undoSteps(steps, 1).map(s => s.title), ["undo a"]);
    });
    QUnit.test("undoes the newest step first; a step without undo adds nothing", assert => {
        assert.deepEqual(undoSteps(steps, 4).map(s => s.title), ["undo d", "undo c 1", "undo c 2", "undo a"]);
    });
    QUnit.test("keeps the order of one step's own undo steps", assert => {
        assert.deepEqual(undoSteps(steps, 3).map(s => s.title), ["undo c 1", "undo c 2", "undo a"]);
    });
    QUnit.test("counts beyond the plan as all of it", assert => {
        assert.deepEqual(undoSteps(steps, 9), undoSteps(steps, 4));
    });
});

QUnit.module("plan: restoreStepsFor", () => {
    QUnit.test("is what undoes every step of the plan, newest first", assert => {
        const plan = stepsPlan([undoable("a"), exec("b"), undoable("c")]);
        assert.deepEqual(restoreStepsFor(plan).map(s => s.title), ["undo c", "undo a"]);
    });
    QUnit.test("is empty for a plan whose steps undo nothing", assert => {
        assert.deepEqual(restoreStepsFor(stepsPlan([exec("start")])), []);
    });
});
