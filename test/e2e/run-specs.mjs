// Runs the e2e specs (test/e2e/*.spec.mjs, then test/e2e/docker/*.spec.mjs; or the files given)
// one at a time with Node's built-in test runner, prints the spec report, and ends with
// `e2e: N passed, N failed` for the podman host and `e2e (docker): N passed, N failed` for the
// docker host, the last lines printed (the docker line only when docker specs ran). The docker
// specs turn the testbed into a docker host with no podman (lib/docker.mjs), so they run last.
// Exits non-zero when anything failed or nothing ran.
import { run } from "node:test";
import { spec } from "node:test/reporters";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const specs = dir => fs.readdirSync(dir).filter(f => f.endsWith(".spec.mjs")).sort().map(f => path.join(dir, f));
const dockerDir = path.join(here, "docker");
const isDocker = file => path.dirname(file) === dockerDir;
const given = process.argv.slice(2).map(f => path.resolve(f));
const all = given.length > 0 ? given : [...specs(here), ...specs(dockerDir)];
const files = [...all.filter(f => !isDocker(f)), ...all.filter(isDocker)];

// per host: [podman, docker]
const passed = [0, 0];
const failed = [0, 0];
const host = file => isDocker(file ?? "") ? 1 : 0;
const stream = run({
    files,
    concurrency: 1,          // one testbed: specs must not race each other
    // a safety net per spec FILE (Node 20's run() cannot time out single tests); single
    // steps are bounded by playwright's and testbed exec's own timeouts
    timeout: Number(process.env.E2E_FILE_TIMEOUT ?? 900_000),
});
// count tests, not suites (describe blocks) — a file that fails to load counts as a failure
stream.on("test:pass", ({ details, file }) => { if (details?.type !== "suite" && !details?.skip) passed[host(file)]++; });
stream.on("test:fail", ({ details, file }) => { if (details?.type !== "suite") failed[host(file)]++; });
const dockerRan = files.some(isDocker);
const podmanRan = files.some(f => !isDocker(f));
function summary(extra = 0) {
    // a failure the runner cannot place (an interrupted spec) counts on the last host that ran
    const last = dockerRan ? 1 : 0;
    const lines = [];
    if (podmanRan || !dockerRan)
        lines.push(`e2e: ${passed[0]} passed, ${failed[0] + (last === 0 ? extra : 0)} failed\n`);
    if (dockerRan)
        lines.push(`e2e (docker): ${passed[1]} passed, ${failed[1] + (last === 1 ? extra : 0)} failed\n`);
    return lines.join("");
}

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
    close(summary());
    const anyFailed = failed[0] + failed[1] > 0;
    const noneRan = (podmanRan && passed[0] === 0) || (dockerRan && passed[1] === 0);
    process.exitCode = anyFailed || noneRan ? 1 : 0;
});
// Ctrl-C or run.sh's cleanup: the test that was running counts as failed
for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
        close(`\ninterrupted (${signal})\n${summary(1)}`);
        process.exit(signal === "SIGINT" ? 130 : 143);
    });
}
