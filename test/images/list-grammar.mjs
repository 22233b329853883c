#!/usr/bin/env node
// The SSSD image's host-data-list reader (images/sssd/lib.sh) against the table the page's
// reader is tested with (test/fixtures/host-data-list-grammar.json), in the image's C locale;
// then the whole-list rules: a bad line or a path listed twice stops it, nothing is guessed.
// Prints "image list grammar: N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const lib = path.join(repo, "images/sssd/lib.sh");
const rows = JSON.parse(readFileSync(path.join(repo, "test/fixtures/host-data-list-grammar.json"), "utf8"));
let passed = 0;
let failed = 0;

function bash(script, args, env = {}) {
    const r = spawnSync("bash", ["-c", `. "${lib}"; ${script}`, "bash", ...args], { encoding: "utf8", env: { PATH: process.env.PATH, LC_ALL: "C", ...env } });
    return { out: r.stdout, err: r.stderr, status: r.status };
}

function check(name, ok, detail) {
    if (ok) {
        passed++;
    } else {
        failed++;
        console.log(`not ok - ${name}\n    ${detail}`);
    }
}

for (const row of rows) {
    const { out } = bash('normalize_entry "$1"', [row.line]);
    const want = row.path !== undefined ? row.path : `error ${row.error}`;
    check(`${JSON.stringify(row.line)} → ${want}`, out === want + "\n", `got ${JSON.stringify(out)}`);
}

const dir = mkdtempSync(path.join(tmpdir(), "list-grammar-"));
const list = (name, text) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
};
let r = bash("listed_paths", [], { LIST: list("good", "etc/sssd/\n/etc/krb5.conf\netc//pam.d/\n") });
check("a good list gives its paths without the trailing /", r.status === 0 && r.out === "etc/sssd\netc/krb5.conf\netc/pam.d\n", JSON.stringify(r));
r = bash("listed_paths", [], { LIST: list("dot", "etc/sssd/\n.\n") });
check("a \".\" line stops the copy instead of naming the whole root", r.status !== 0 && /line 2/.test(r.err) && !r.out.includes("\n.\n"), JSON.stringify(r));
r = bash("listed_paths", [], { LIST: list("twice", "etc/sssd/\netc/sssd\n") });
check("a path listed twice stops it", r.status !== 0 && /second time/.test(r.err), JSON.stringify(r));
r = bash("listed_paths", [], { LIST: list("comment", "etc/sssd/ # conf\n") });
check("there are no comments: \"#\" is part of the path", r.status === 0 && r.out === "etc/sssd/ # conf\n", JSON.stringify(r));

console.log(`image list grammar: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
