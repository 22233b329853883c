import QUnit from "qunit";
import {
    commandEnd, initialState, newOperation, OperationError, opPaths, OPS_DIR, parseOperation, parseOperationState,
    serializeOperation, unitOf, type CommandUnit, type OperationState,
} from "../../src/core/operation";
import { systemdLiteral } from "../../src/core/operation";
import { planInstall } from "../../src/core/planLifecycle";
import { parsePodmanImages } from "../../src/core/inventory";
import type { Image } from "../../src/core/model";
import type { StepsPlan } from "../../src/core/plan";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 29, 3, 4, 5, 6));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
// The testbed's demo install with a backup: backup, INSTALL, record, reload.
const PLAN = planInstall({
    image: DEMO, name: "demo-service", engine: "podman", containers: [], record: null, now: NOW,
    backup: { paths: ["etc/demo-service/"], at: NOW },
}) as StepsPlan;
const ID = "system-services-op-demo-service-install-20261129030405006";
const OP = newOperation("demo-service", "install", "Installing $0", PLAN.steps, true, NOW);

QUnit.module("operation: a new operation", () => {
    QUnit.test("is named after the service, the kind and the time, to the millisecond", assert => {
        assert.strictEqual(OP.id, ID);
    });
    QUnit.test("keeps the steps and which one is the long command", assert => {
        assert.deepEqual([OP.steps, OP.main], [PLAN.steps, 1]);
    });
    QUnit.test("says whether its command runs under systemd, and when it started", assert => {
        assert.deepEqual([OP.version, OP.service, OP.kind, OP.title, OP.systemd, OP.startedAt],
                         [1, "demo-service", "install", "Installing $0", true, "2026-11-29T03:04:05.006Z"]);
    });
    QUnit.test("has no long command when its plan runs none", assert => {
        const op = newOperation("demo-service", "unit-write", "Writing the unit of $0", [{ kind: "daemon-reload", title: "Reload systemd" }], true, NOW);
        assert.strictEqual(op.main, -1);
    });
    QUnit.test("refuses a service name that is not one, before it becomes part of an ID", assert => {
        assert.throws(() => newOperation("../demo", "install", "Installing $0", PLAN.steps, true, NOW), OperationError);
    });
    QUnit.test("runs its command as the unit named after it", assert => {
        assert.strictEqual(unitOf(OP), ID + ".service");
    });
    QUnit.test("starts at step 0 with nothing run, no outcome and nothing undone", assert => {
        assert.deepEqual(initialState(),
                         { next: 0, mainStarted: false, results: [], outcome: null, error: null, errorProblem: null, errorTemplate: null, undone: false, undoError: null });
    });
});

QUnit.module("operation: paths", () => {
    QUnit.test("the op file, state file and lock lie side by side in the ops folder", assert => {
        assert.deepEqual(opPaths(ID), {
            op: `${OPS_DIR}/${ID}.op.json`, state: `${OPS_DIR}/${ID}.state.json`, lock: `${OPS_DIR}/${ID}.lock`,
        });
        // on disk: a reboot clears /run, and an operation it cut short must still be found and ended
        assert.strictEqual(OPS_DIR, "/var/lib/containers/system-services/ops");
    });
    QUnit.test("an ID that could leave the ops folder is refused", assert => {
        assert.throws(() => opPaths("../../etc/passwd"), OperationError);
        assert.throws(() => opPaths("a/b"), OperationError);
    });
    QUnit.test("an empty ID, or one with blanks or shell characters, is refused", assert => {
        for (const id of ["", "a b", "a;b", "a\nb", "$(id)"])
            assert.throws(() => opPaths(id), OperationError, JSON.stringify(id));
    });
});

QUnit.module("operation: files", () => {
    QUnit.test("an op file reads back as it was written", assert => {
        assert.deepEqual(parseOperation(serializeOperation(OP)), OP);
    });
    QUnit.test("an op file is JSON text, one field a line, ending in a newline", assert => {
        const text = serializeOperation(OP);
        assert.true(text.startsWith("{\n  \"version\": 1,\n  \"id\": \"" + ID + "\""));
        assert.true(text.endsWith("}\n"));
    });
    QUnit.test("an op file that is not JSON, or not an object, is refused with what it is", assert => {
        assert.throws(() => parseOperation("{\"version\": 1,"), /The operation file is not JSON/);
        assert.throws(() => parseOperation("[]"), /The operation file is not a JSON object/);
    });
    QUnit.test("an op file of another version or missing a field is refused", assert => {
        const fields = JSON.parse(serializeOperation(OP)) as Record<string, unknown>;
        assert.throws(() => parseOperation(JSON.stringify({ ...fields, version: 2 })), /not one this page wrote/);
        for (const key of ["id", "service", "kind", "title", "steps", "main", "systemd"]) {
            const { [key]: _gone, ...rest } = fields;
            assert.throws(() => parseOperation(JSON.stringify(rest)), OperationError, key);
        }
    });
    QUnit.test("an op file whose ID could leave the ops folder is refused", assert => {
        const text = serializeOperation({ ...OP, id: "../../etc/cron.d/x" });
        assert.throws(() => parseOperation(text), /Not a valid operation ID/);
    });
    QUnit.test("a state reads back as it was written", assert => {
        const state: OperationState = {
            next: 3, mainStarted: true, results: [null, null, OP.steps[2].kind === "write-record" ? OP.steps[2].record : null],
            outcome: "failed", error: "/etc/systemd/system/demo-service.service changed on the host since it was read; it was not overwritten.",
            errorProblem: "change-conflict", errorTemplate: null, undone: true, undoError: null,
        };
        assert.deepEqual(parseOperationState(JSON.stringify(state) + "\n"), state);
    });
    QUnit.test("a state missing the later fields reads with their defaults", assert => {
        assert.deepEqual(parseOperationState("{\"next\": 2, \"mainStarted\": true, \"results\": [null, null]}"),
                         { ...initialState(), next: 2, mainStarted: true, results: [null, null] });
    });
    QUnit.test("a state without how far it got is refused", assert => {
        assert.throws(() => parseOperationState("{\"mainStarted\": true, \"results\": []}"), OperationError);
        assert.throws(() => parseOperationState("{\"next\": 1, \"results\": []}"), OperationError);
        assert.throws(() => parseOperationState("{\"next\": 1, \"mainStarted\": false}"), OperationError);
        assert.throws(() => parseOperationState(""), /The operation state is not JSON/);
    });
});

QUnit.module("operation: the end of the long command", () => {
    const UNIT = ID + ".service";
    const unit = (loadState: string, activeState: string, subState: string): CommandUnit => ({ name: UNIT, loadState, activeState, subState });

    QUnit.test("active (exited): the command exited 0", assert => {
        assert.deepEqual(commandEnd(unit("loaded", "active", "exited")), { error: null });
    });
    QUnit.test("failed: the command failed, with systemd's reason", assert => {
        assert.deepEqual(commandEnd(unit("loaded", "failed", "failed")), { error: `${UNIT} failed (failed)` });
    });
    QUnit.test("inactive: the unit was stopped before its command ended", assert => {
        assert.deepEqual(commandEnd(unit("loaded", "inactive", "dead")), { error: `${UNIT} was stopped before its command finished` });
    });
    QUnit.test("not-found: the unit is gone and the result unknown", assert => {
        assert.deepEqual(commandEnd(unit("not-found", "inactive", "dead")), { error: `${UNIT} is gone: the command's result is unknown` });
    });
    QUnit.test("activating or active (running): the command still runs", assert => {
        assert.strictEqual(commandEnd(unit("loaded", "activating", "start")), null);
        assert.strictEqual(commandEnd(unit("loaded", "active", "running")), null);
        assert.strictEqual(commandEnd(unit("loaded", "deactivating", "stop-sigterm")), null);
    });
});

QUnit.module("operation: a command word as systemd must be given it", () => {
    QUnit.test("every $ is doubled, so systemd's expansion gives back the word as previewed", assert => {
        assert.deepEqual(["a$$b", "${HOME}", "$x", "$", "plain"].map(systemdLiteral), ["a$$$$b", "$${HOME}", "$$x", "$$", "plain"]);
    });
});
