import QUnit from "qunit";
import { appendEntries, parseJournalLine, readJournalChunk } from "../../src/core/journal";

// Real lines of `journalctl -o json -u demo-service.service` on the testbed (fields trimmed).
const STARTED = JSON.stringify({ __CURSOR: "s=1;i=2a1", __REALTIME_TIMESTAMP: "1795929540534866", PRIORITY: "6", SYSLOG_IDENTIFIER: "systemd", _PID: "1", MESSAGE: "Started demo-service.service - Demo system container demo-service." });
// journald stores a message with control characters (here an escape sequence) as bytes.
const BYTES = JSON.stringify({ __CURSOR: "s=1;i=2a2", __REALTIME_TIMESTAMP: "1795929540600000", PRIORITY: "3", _COMM: "httpd", _PID: "301", MESSAGE: [27, 91, 51, 49, 109, 104, 195, 164, 27, 91, 48, 109] });

QUnit.module("journal: reading journalctl -o json", () => {
    QUnit.test("reads time, priority, identifier and message of a line", assert => {
        const e = parseJournalLine(STARTED)!;
        assert.equal(e.message, "Started demo-service.service - Demo system container demo-service.");
        assert.equal(e.time, 1795929540534);
        assert.equal(e.priority, 6);
        assert.equal(e.identifier, "systemd");
        assert.equal(e.cursor, "s=1;i=2a1");
    });
    QUnit.test("a MESSAGE given as bytes is decoded as UTF-8", assert => {
        const e = parseJournalLine(BYTES)!;
        assert.equal(e.message, "\u001b[31mhä\u001b[0m");
        assert.equal(e.identifier, "httpd");
    });
    QUnit.test("a missing or null MESSAGE is an empty message", assert => {
        assert.equal(parseJournalLine(JSON.stringify({ __CURSOR: "c", MESSAGE: null }))!.message, "");
    });
    QUnit.test("blank lines, broken JSON and non-objects are no entries", assert => {
        assert.equal(parseJournalLine(""), null);
        assert.equal(parseJournalLine("{\"MESSAGE\":"), null);
        assert.equal(parseJournalLine("[1,2]"), null);
    });
    QUnit.test("streamed chunks are split into whole lines, the rest kept for the next chunk", assert => {
        const half = STARTED.length >> 1;
        const first = readJournalChunk("", STARTED.slice(0, half));
        assert.deepEqual(first.entries, []);
        const second = readJournalChunk(first.rest, STARTED.slice(half) + "\n" + BYTES.slice(0, 10));
        assert.equal(second.entries.length, 1);
        assert.equal(second.rest, BYTES.slice(0, 10));
    });
    QUnit.test("keeps the last lines and each cursor once", assert => {
        const a = parseJournalLine(STARTED)!;
        const b = parseJournalLine(BYTES)!;
        assert.deepEqual(appendEntries([a], [a, b], 50).map(e => e.cursor), ["s=1;i=2a1", "s=1;i=2a2"]);
        assert.deepEqual(appendEntries([a], [b], 1).map(e => e.cursor), ["s=1;i=2a2"]);
    });
});
