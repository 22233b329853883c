import QUnit from "qunit";
import {
    diffHostDataList, hasErrors, hostPath, noteText, normalizeEntry, parseHostDataList, serializeHostDataList,
    typeMismatch, usablePaths, validateEntries, HostDataListError, MAX_ENTRIES, listInEffect,
} from "../../src/core/hostDataList";
import { firstTarMember } from "../../src/core/tarFile";
import { DEMO_LIST_TAR_BASE64 } from "./hostDataList-fixtures";

// The reference SSSD image's list (design §3.6), as its file held it.
const SSSD_LIST = [
    "etc/dbus-1/system.d/org.freedesktop.sssd.infopipe.conf", "etc/ipa/", "etc/krb5.conf", "etc/krb5.keytab",
    "etc/nsswitch.conf", "etc/openldap/", "etc/pam.d/", "etc/pki/nssdb/", "etc/ssh/", "etc/sssd/",
    "etc/sysconfig/authconfig", "etc/sysconfig/network", "etc/yp.conf", "var/cache/realmd/",
    "var/lib/authconfig/last/", "var/lib/ipa-client/sysrestore/", "var/lib/samba/", "var/lib/sss/",
].join("\n") + "\n";

function bytes(base64: string): Uint8Array {
    return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

function codes(raw: string): string[] {
    return normalizeEntry(raw).notes.map(n => n.code);
}

QUnit.module("hostDataList: one entry", () => {
    // [as written, normalized path or null when refused, note codes]
    const table: [string, string | null, string[]][] = [
        ["etc/krb5.conf", "etc/krb5.conf", []],
        ["etc/ipa/", "etc/ipa/", []],
        ["../etc/shadow", null, ["dot-dot"]],
        ["etc/../../shadow", null, ["dot-dot"]],
        ["etc/ipa/..", null, ["dot-dot"]],
        ["/etc/passwd", "etc/passwd", ["absolute"]],
        ["//etc//passwd", "etc/passwd", ["absolute"]],
        ["/etc/ipa/", "etc/ipa/", ["absolute"]],
        ["etc//x/../y", null, ["dot-dot"]],
        ["etc//sssd", "etc/sssd", ["cleaned"]],
        ["./etc/./sssd/", "etc/sssd/", ["cleaned"]],
        ["etc/sssd/.", "etc/sssd/", ["cleaned"]],
        ["", null, ["empty"]],
        ["   ", null, ["empty"]],
        ["  etc/hosts ", "etc/hosts", ["whitespace"]],
        ["/", null, ["root"]],
        [".", null, ["root"]],
        ["//./", null, ["root"]],
        ["etc/a\tb", null, ["control"]],
        ["etc/krb5.conf\r", "etc/krb5.conf", ["whitespace"]],
        ["etc/a\rb", null, ["control"]],
        ["etc/odd name/with space", "etc/odd name/with space", []],
        ["-rf", "-rf", []],
        ["etc/..hidden", "etc/..hidden", []],
        ["...", "...", []],
    ];
    for (const [raw, path, notes] of table) {
        QUnit.test(`${JSON.stringify(raw)} → ${path === null ? "refused" : JSON.stringify(path)}`, assert => {
            const entry = normalizeEntry(raw);
            assert.strictEqual(entry.path, path);
            assert.deepEqual(codes(raw), notes);
            assert.strictEqual(entry.notes.some(n => n.level === "error"), path === null, "refused entries carry an error");
        });
    }

    QUnit.test("a trailing / marks a folder, and only it", assert => {
        assert.true(normalizeEntry("etc/ipa/").directory);
        assert.false(normalizeEntry("etc/krb5.conf").directory);
    });
    QUnit.test("messages say what happened, with the normalized path", assert => {
        assert.strictEqual(noteText(normalizeEntry("/etc/passwd").notes[0]), "Entries are relative to the host root: written as etc/passwd.");
        assert.strictEqual(noteText(normalizeEntry("etc//sssd").notes[0]), "Repeated \"/\" and \".\" parts removed: written as etc/sssd.");
        assert.ok(/\.\./.test(noteText(normalizeEntry("../etc/shadow").notes[0])));
        assert.ok(/empty/.test(noteText(normalizeEntry("").notes[0])));
    });
    QUnit.test("hostPath makes an absolute path without the trailing /", assert => {
        assert.strictEqual(hostPath("etc/ipa/"), "/etc/ipa");
        assert.strictEqual(hostPath("etc/krb5.conf"), "/etc/krb5.conf");
    });
});

QUnit.module("hostDataList: lists", () => {
    QUnit.test("the SSSD image's list parses into 18 clean entries, 11 of them folders", assert => {
        const entries = parseHostDataList(SSSD_LIST);
        assert.strictEqual(entries.length, 18);
        assert.false(hasErrors(entries));
        assert.deepEqual(entries.flatMap(e => e.notes), []);
        assert.strictEqual(entries.filter(e => e.directory).length, 11);
        assert.strictEqual(serializeHostDataList(entries), SSSD_LIST, "serializing gives the file back");
    });
    QUnit.test("the demo image's list, copied out of the image as tar, is etc/demo-service/", assert => {
        const member = firstTarMember(bytes(DEMO_LIST_TAR_BASE64));
        assert.strictEqual(member.name, "host-data-list");
        assert.strictEqual(member.type, "file");
        assert.strictEqual(member.content, "etc/demo-service/\n");
        assert.deepEqual(usablePaths(parseHostDataList(member.content)), ["etc/demo-service/"]);
    });
    QUnit.test("the tar reader takes cockpit's text too", assert => {
        const text = new TextDecoder().decode(bytes(DEMO_LIST_TAR_BASE64));
        assert.strictEqual(firstTarMember(text).content, "etc/demo-service/\n");
    });
    QUnit.test("an empty tar stream is an error, not an empty list", assert => {
        assert.throws(() => firstTarMember(new Uint8Array(1024)), /holds no file/);
    });
    QUnit.test("an empty line in the middle is an error; the final newline is not a line", assert => {
        const entries = parseHostDataList("etc/a\n\netc/b\n");
        assert.deepEqual(entries.map(e => e.path), ["etc/a", null, "etc/b"]);
        assert.true(hasErrors(entries));
        assert.deepEqual(parseHostDataList("").length, 0, "an empty file is an empty list");
    });
    QUnit.test("duplicates are errors, also when only the spelling differs", assert => {
        const entries = validateEntries(["etc/ipa/", "etc/krb5.conf", "/etc/ipa/", "etc/ipa"]);
        assert.deepEqual(entries.map(e => e.notes.map(n => n.code)), [[], [], ["absolute", "duplicate"], ["duplicate"]]);
        assert.strictEqual(noteText(entries[2].notes[1]), "Duplicate of entry 1 (etc/ipa/).");
        assert.deepEqual(usablePaths(entries), ["etc/ipa/", "etc/krb5.conf"]);
    });
    QUnit.test("an entry inside a listed folder is a warning, and can be saved", assert => {
        const entries = validateEntries(["etc/ipa/", "etc/ipa/default.conf", "etc/ipaX"]);
        assert.deepEqual(entries.map(e => e.notes.map(n => `${n.level}:${n.code}`)), [[], ["warning:covered"], []]);
        assert.strictEqual(serializeHostDataList(entries), "etc/ipa/\netc/ipa/default.conf\netc/ipaX\n");
    });
    QUnit.test("serializing refuses a list with errors and names the entries", assert => {
        const entries = validateEntries(["etc/a", "../etc/shadow", ""]);
        assert.throws(() => serializeHostDataList(entries), (e: Error) => e instanceof HostDataListError && /2 "\.\.\/etc\/shadow"/.test(e.message) && /3 ""/.test(e.message));
    });
    QUnit.test("serializing writes the normalized paths", assert => {
        assert.strictEqual(serializeHostDataList(validateEntries(["/etc/passwd", "etc//ssh/", " etc/hosts"])), "etc/passwd\netc/ssh/\netc/hosts\n");
        assert.strictEqual(serializeHostDataList([]), "", "an empty list copies nothing");
    });
});

QUnit.module("hostDataList: diff and host state", () => {
    QUnit.test("an override adding etc/demo-extra/ to the demo list", assert => {
        assert.deepEqual(diffHostDataList(["etc/demo-service/"], ["etc/demo-service/", "etc/demo-extra/"]),
                         { added: ["etc/demo-extra/"], removed: [], reordered: false });
    });
    QUnit.test("removed and reordered entries of the SSSD list", assert => {
        const sssd = usablePaths(parseHostDataList(SSSD_LIST));
        const mine = [sssd[1], sssd[0], ...sssd.slice(2).filter(p => p !== "var/lib/samba/")];
        assert.deepEqual(diffHostDataList(sssd, mine), { added: [], removed: ["var/lib/samba/"], reordered: true });
        assert.deepEqual(diffHostDataList(sssd, sssd), { added: [], removed: [], reordered: false });
    });
    QUnit.test("a folder entry that is a file on the host is pointed out", assert => {
        assert.ok(typeMismatch("etc/krb5.conf/", { type: "file", size: 1, files: 1 }));
        assert.strictEqual(typeMismatch("etc/ipa/", { type: "directory", size: 0, files: 0 }), null);
        assert.strictEqual(typeMismatch("etc/ipa/", { type: "missing", size: 0, files: 0 }), null);
        assert.strictEqual(typeMismatch("etc/krb5.conf", { type: "file", size: 1, files: 1 }), null);
    });
});

QUnit.module("hostDataList: size", () => {
    QUnit.test("50,000 entries, folders and files inside them, validate in well under a second", assert => {
        const raws = Array.from({ length: 50000 }, (_v, i) => i % 10 === 0 ? `etc/app${i}/` : `etc/app${i - (i % 10)}/conf/file${i}`);
        const start = Date.now();
        const entries = validateEntries(raws);
        const ms = Date.now() - start;
        assert.ok(ms < 1000, `${ms} ms`);
        assert.equal(entries.filter(e => e.notes.some(n => n.code === "covered")).length, 45000);
        assert.notOk(hasErrors(entries));
    });
    QUnit.test("the entries beyond the limit are errors that say why, so no plan uses the list", assert => {
        const raws = Array.from({ length: MAX_ENTRIES + 2 }, (_v, i) => `etc/f${i}`);
        const entries = validateEntries(raws);
        assert.deepEqual(entries.flatMap((e, i) => e.notes.some(n => n.code === "too-many") ? [i] : []), [MAX_ENTRIES, MAX_ENTRIES + 1]);
        assert.ok(hasErrors(entries));
    });
    QUnit.test("an entry inside two listed folders names the one listed first", assert => {
        const entries = validateEntries(["etc/a/b/", "etc/a/", "etc/a/b/c"]);
        assert.deepEqual(entries[2].notes.map(n => n.args), [["etc/a/b/"]]);
        assert.deepEqual(entries[0].notes.map(n => n.args), [["etc/a/"]]);
    });
});

QUnit.module("hostDataList: the list in effect", () => {
    const path = "/etc/containers/system-services/demo/host-data-list";
    QUnit.test("the override wins over the image's list", assert => {
        assert.deepEqual(listInEffect({ path, text: "etc/demo/\n" }, "etc/other/\n"), { override: path, paths: ["etc/demo/"] });
        assert.deepEqual(listInEffect({ path, text: null }, "etc/other/\n"), { override: null, paths: ["etc/other/"] });
        assert.deepEqual(listInEffect({ path, text: null }, null), { override: null, paths: null });
    });
    QUnit.test("a list with an entry in error is refused whole, never used in part", assert => {
        assert.throws(() => listInEffect({ path, text: "etc/demo/\n.\n" }, null), HostDataListError);
        assert.throws(() => listInEffect({ path, text: null }, "etc/a/\netc/a/\n"), /Duplicate/);
    });
});
