import QUnit from "qunit";
import { normalizeEntry } from "../../src/core/hostDataList";
import grammar from "../fixtures/host-data-list-grammar.json";

// The same table runs against the SSSD image's shell reader (test/images/list-grammar.mjs):
// the page and the image read a host-data-list alike.
QUnit.module("hostDataList: the grammar the page and the image share", () => {
    for (const row of grammar as { line: string; path?: string; error?: string }[]) {
        QUnit.test(`${JSON.stringify(row.line)} → ${row.path ?? "error " + row.error}`, assert => {
            const entry = normalizeEntry(row.line);
            if (row.path !== undefined)
                assert.equal(entry.path, row.path);
            else
                assert.deepEqual([entry.path, entry.notes.map(n => n.code)], [null, [row.error]]);
        });
    }
});
