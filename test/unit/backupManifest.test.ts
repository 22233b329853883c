import QUnit from "qunit";
import {
    backupStamp, compareWithHost, parseFindOutput, parseManifest, parseSha256z, pathsToClear, serializeManifest,
    stampDate, stampsToDrop, summarize, withSums, type BackupManifest, type ManifestEntry,
} from "../../src/core/backupManifest";
import { FIND_OUTPUT, SHA256Z_OUTPUT } from "./hostDataList-fixtures";

const ROOTS = ["/tmp/fx/etc/demo-service", "/tmp/fx/etc/link", "/tmp/fx/etc/odd name", "/tmp/fx/etc/missing"];
const A_SUM = "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7";   // sha256 of "a\n"

function scanned(): ManifestEntry[] {
    return withSums(parseFindOutput(FIND_OUTPUT), parseSha256z(SHA256Z_OUTPUT));
}

function manifest(entries = scanned()): BackupManifest {
    return { version: 1, service: "demo-service", stamp: "20260102T030405.006Z", listed: ["tmp/fx/etc/demo-service/"], missing: [], entries };
}

QUnit.module("backups: what find and sha256sum report", () => {
    QUnit.test("find's NUL-separated records, names with spaces and a link included", assert => {
        const found = parseFindOutput(FIND_OUTPUT);
        assert.deepEqual(found.map(f => [f.path, f.type, f.mode, f.uid, f.gid, f.target]), [
            ["tmp/fx/etc/demo-service", "directory", "755", 0, 0, null],
            ["tmp/fx/etc/demo-service/demo.conf", "file", "644", 0, 0, null],
            ["tmp/fx/etc/link", "symlink", "777", 0, 0, "demo-service/demo.conf"],
            ["tmp/fx/etc/odd name", "directory", "755", 0, 0, null],
            ["tmp/fx/etc/odd name/x y", "file", "644", 0, 0, null],
        ]);
    });
    QUnit.test("per listed path: type, size and files; a missing path says so", assert => {
        const stats = summarize(ROOTS, parseFindOutput(FIND_OUTPUT));
        assert.deepEqual(stats.get("/tmp/fx/etc/demo-service"), { type: "directory", size: 2, files: 1 });
        assert.deepEqual(stats.get("/tmp/fx/etc/link"), { type: "symlink", size: 0, files: 0 });
        assert.deepEqual(stats.get("/tmp/fx/etc/missing"), { type: "missing", size: 0, files: 0 });
    });
    QUnit.test("sha256sum -z sums are matched to the files", assert => {
        const entries = scanned();
        assert.strictEqual(entries[1].sha256, A_SUM);
        assert.strictEqual(entries[4].sha256, "0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f");
        assert.strictEqual(entries[0].sha256, null, "folders have no sum");
    });
    QUnit.test("output that is not find's format is an error", assert => {
        assert.throws(() => parseFindOutput("/a\0b\0"), /not a multiple of 8/);
        assert.throws(() => parseSha256z("nonsense\0"), /Unexpected output of sha256sum/);
    });
});

QUnit.module("backups: manifest and restore", () => {
    QUnit.test("a manifest reads back as written", assert => {
        const m = manifest();
        assert.deepEqual(parseManifest(serializeManifest(m)), m);
    });
    QUnit.test("a manifest naming a path outside the host root is refused", assert => {
        const bad = manifest([{ ...scanned()[1], path: "../etc/shadow" }]);
        assert.throws(() => parseManifest(serializeManifest(bad)), /not below the host root/);
        assert.throws(() => parseManifest("{\"version\": 2}"), /version 1/);
        assert.throws(() => parseManifest("nope"), /not JSON/);
    });
    QUnit.test("the host as saved: nothing to do", assert => {
        assert.deepEqual(compareWithHost(manifest(), scanned()), { overwrite: [], recreate: [], remove: [], unchanged: 5 });
    });
    QUnit.test("a changed file, a changed mode, a deleted file and a new folder", assert => {
        const now = scanned();
        now[1] = { ...now[1], sha256: "0".repeat(64) };
        now[3] = { ...now[3], mode: "700" };
        now.splice(4, 1);
        now.push({ ...now[0], path: "tmp/fx/etc/demo-service/new" }, { ...now[1], path: "tmp/fx/etc/demo-service/new/x" });
        const changes = compareWithHost(manifest(), now);
        assert.deepEqual(changes, {
            overwrite: ["tmp/fx/etc/demo-service/demo.conf", "tmp/fx/etc/odd name"],
            recreate: ["tmp/fx/etc/odd name/x y"],
            remove: ["tmp/fx/etc/demo-service/new"],
            unchanged: 2,
        });
        assert.deepEqual(pathsToClear(manifest(), now, changes), ["tmp/fx/etc/demo-service/new"]);
    });
    QUnit.test("a file that became a folder is cleared before extracting", assert => {
        const now = scanned();
        now[1] = { ...now[1], type: "directory", sha256: null };
        const changes = compareWithHost(manifest(), now);
        assert.deepEqual(pathsToClear(manifest(), now, changes), ["tmp/fx/etc/demo-service/demo.conf"]);
    });
});

QUnit.module("backups: names and retention", () => {
    QUnit.test("archives are named by UTC time, without a colon", assert => {
        const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
        assert.strictEqual(backupStamp(at), "20260102T030405.006Z");
        assert.strictEqual(stampDate("20260102T030405.006Z")?.getTime(), at.getTime());
        assert.strictEqual(stampDate("2026-01-02.tar"), null);
    });
    QUnit.test("retention keeps the newest, by default 10, and never drops the last one", assert => {
        const stamps = Array.from({ length: 12 }, (_v, i) => backupStamp(new Date(Date.UTC(2026, 0, 1 + i))));
        const shuffled = [...stamps.slice(6), ...stamps.slice(0, 6)];
        assert.deepEqual(stampsToDrop(shuffled, 10), stamps.slice(0, 2));
        assert.deepEqual(stampsToDrop(stamps, 0), stamps.slice(0, 11));
        assert.deepEqual(stampsToDrop(["other-file", ...stamps.slice(0, 3)], 10), []);
    });
});
