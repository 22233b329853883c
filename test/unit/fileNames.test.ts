import QUnit from "qunit";
import { decodeFileNames, displayFileName, encodeFileName } from "../../src/core/fileNames";
import { parseFindOutput, FIND_FORMAT } from "../../src/core/backupManifest";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
    Uint8Array.from(parts.flatMap(p => typeof p === "string" ? [...new TextEncoder().encode(p)] : p));

// names as a file system may hold them: Latin-1, cut and overlong sequences, an encoded surrogate, 0xff
const NAMES: [string, Uint8Array][] = [
    ["Latin-1 café", bytes("caf", [0xe9], ".conf")],
    ["a cut sequence at the end", bytes("euro-", [0xe2, 0x82])],
    ["an overlong slash", bytes("x", [0xc0, 0xaf], "y")],
    ["an encoded surrogate", bytes([0xed, 0xa0, 0x80])],
    ["0xff and 0xfe", bytes([0xff, 0xfe])],
    ["valid UTF-8 of every length", bytes("é€😀a")],
];

QUnit.module("file names that are not UTF-8", () => {
    for (const [what, raw] of NAMES) {
        QUnit.test(`${what}: decoded and encoded back byte for byte`, assert => {
            const name = decodeFileNames(raw);
            assert.deepEqual([...encodeFileName(name)], [...raw]);
            assert.false(name.includes("\ufffd"), "no replacement character: two names would become one");
        });
    }
    QUnit.test("valid UTF-8 is decoded as it reads; bytes that are not are shown as \\xNN", assert => {
        assert.equal(decodeFileNames(bytes("é€😀a")), "é€😀a");
        assert.equal(displayFileName(decodeFileNames(bytes("caf", [0xe9], ".conf"))), "caf\\xe9.conf");
    });
    QUnit.test("two Latin-1 names stay two names in find's listing", assert => {
        const entry = (name: number[]) => bytes("/etc/x", [0], name, [0], "f", [0], "644", [0], "0", [0], "0", [0], "3", [0], [0]);
        const found = parseFindOutput(decodeFileNames(Uint8Array.from([...entry([0x61, 0xe9]), ...entry([0x61, 0xe8])])));
        assert.equal(FIND_FORMAT.split("\\0").length - 1, 8);
        assert.deepEqual(found.map(e => [...encodeFileName(e.path)]), [[...bytes("etc/x/a", [0xe9])], [...bytes("etc/x/a", [0xe8])]]);
        assert.notEqual(found[0].path, found[1].path);
    });
    QUnit.test("a manifest keeps such a name through JSON", assert => {
        const name = decodeFileNames(bytes("caf", [0xe9]));
        const json = JSON.stringify({ path: name });
        assert.true(/^[\x20-\x7e]*$/.test(json), `JSON keeps it as an escape: ${json}`);
        assert.equal(JSON.parse(json).path, name);
    });
});
