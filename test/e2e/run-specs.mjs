// Runs e2e specs (the files given, else test/e2e/*.spec.mjs) one at a time with Node's built-in
// test runner, prints the spec report, and ends with exactly one line `SUITE: N passed, N failed`:
// `e2e (docker)` when the files are the docker host's (test/e2e/docker/, which make the testbed a
// docker host: run.sh runs them in a call of their own, after the podman host's), `e2e (fleet)`
// when they are the two-host fleet's (test/e2e/fleet/, run last in the fleet's network
// namespace), else `e2e`.
// Exits non-zero when anything failed or nothing ran.
import { run } from "node:test";
import { spec } from "node:test/reporters";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
    ? process.argv.slice(2).map(f => path.resolve(f))
    : fs.readdirSync(here).filter(f => f.endsWith(".spec.mjs")).sort().map(f => path.join(here, f));
const only = dir => files.every(f => path.dirname(f) === path.join(here, dir));
const suite = only("docker") ? "e2e (docker)" : only("fleet") ? "e2e (fleet)" : "e2e";

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
        fs.appendFileSync(process.env.E2E_SUMMARY_FILE, line);
}
report.on("end", () => {
    // after the report: the closing line is the last thing printed
    close(`${suite}: ${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
// Ctrl-C or run.sh's cleanup: the test that was running counts as failed
for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
        close(`\ninterrupted (${signal})\n${suite}: ${passed} passed, ${failed + 1} failed\n`);
        process.exit(signal === "SIGINT" ? 130 : 143);
    });
}
