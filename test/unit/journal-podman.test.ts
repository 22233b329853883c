import QUnit from "qunit";
import { MESSAGE_MAX, parseJournalLine, shortMessage } from "../../src/core/journal";
import entries from "../fixtures/podman-4.3-unit-journal.json";

// Real `journalctl -o json -u jdemo.service` of the demo image's unit on the testbed: started,
// a request, stopped. podman 4.3 logs its events into the unit's journal, each with every label.
const lines = (entries as Record<string, unknown>[]).map(e => JSON.stringify(e));
const ID = "aa3d356765fa";   // of aa3d356765fa352ee347d280b155e453b7d608896f000cd5cb82f66f5d43c702

QUnit.module("journal: podman's event entries", () => {
    QUnit.test("each event is one short line with its type, event, short container ID, image and name", assert => {
        const parsed = lines.map(l => parseJournalLine(l)!);
        const raw = (entries as { MESSAGE?: string }[]).map(e => e.MESSAGE ?? "");
        assert.true(raw.some(m => m.length > 700), "podman's own message repeats the labels");
        const start = parsed.find(e => e.message.startsWith("container start"))!;
        assert.equal(start.message, `container start ${ID} (image=localhost/demo-service:latest, name=jdemo)`);
        const died = parsed.find(e => e.message.startsWith("container died"))!;
        assert.equal(died.message, `container died ${ID} (image=localhost/demo-service:latest, name=jdemo, exit code 137)`);
        for (const e of parsed)
            assert.true(e.message.length <= 300, `${e.message.length}: ${e.message.slice(0, 80)}`);
    });

    QUnit.test("the unit's own lines and podman's warnings are kept as they are", assert => {
        const parsed = lines.map(l => parseJournalLine(l)!);
        assert.true(parsed.some(e => e.message === "Started jdemo.service - Demo system container jdemo."));
        assert.true(parsed.some(e => e.message.includes("StopSignal SIGTERM failed to stop container jdemo in 2 seconds")));
    });

    QUnit.test("a long message is cut at the limit, with an ellipsis", assert => {
        assert.equal(shortMessage("short"), "short");
        const long = "x".repeat(1000);
        assert.equal(shortMessage(long).length, MESSAGE_MAX);
        assert.true(shortMessage(long).endsWith("…"));
        assert.equal(shortMessage("y".repeat(MESSAGE_MAX)), "y".repeat(MESSAGE_MAX));
    });
});
