// Runs the e2e specs (test/e2e/*.spec.mjs, or the files given) one at a time with Node's
// built-in test runner, prints the spec report, and ends with exactly one line
// `e2e: N passed, N failed`. Exits non-zero when anything failed or nothing ran.
import { run } from "node:test";
import { spec } from "node:test/reporters";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
    ? process.argv.slice(2).map(f => path.resolve(f))
    : fs.readdirSync(here).filter(f => f.endsWith(".spec.mjs")).sort().map(f => path.join(here, f));

let passed = 0;
let failed = 0;
const stream = run({
    files,
    concurrency: 1,          // one testbed: specs must not race each other
    // a safety net per spec FILE (Node 20's run() cannot time out single tests); single
    // steps are bounded by playwright's and testbed exec's own timeouts
    timeout: Number(process.env.E2E_FILE_TIMEOUT ?? 900_000),
});
// count tests, not suites (describe blocks) — a file that fails to load counts as a failure
stream.on("test:pass", ({ details }) => { if (details?.type !== "suite" && !details?.skip) passed++; });
stream.on("test:fail", ({ details }) => { if (details?.type !== "suite") failed++; });

// Node 20's reporters are Transform classes
const report = stream.compose(new spec());
report.pipe(process.stdout);
let closed = false;
function close(line) {
    if (closed) return;
    closed = true;
    process.stdout.write(line);
    // run.sh prints a closing line of its own only when this one never came
    if (process.env.E2E_SUMMARY_FILE)
        fs.writeFileSync(process.env.E2E_SUMMARY_FILE, line);
}
report.on("end", () => {
    // after the report: the closing line is the last thing printed
    close(`e2e: ${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
// Ctrl-C or run.sh's cleanup: the test that was running counts as failed
for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
        close(`\ninterrupted (${signal})\ne2e: ${passed} passed, ${failed + 1} failed\n`);
        process.exit(signal === "SIGINT" ? 130 : 143);
    });
}
