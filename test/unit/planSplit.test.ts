import QUnit from "qunit";
import { splitPlan } from "../../src/core/planSplit";
import type { Step } from "../../src/core/lifecycle";

const exec = (title: string): Step => ({ kind: "exec", title, argv: ["podman", title] });

QUnit.module("splitPlan", () => {
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
