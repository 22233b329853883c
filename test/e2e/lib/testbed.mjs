// The testbed host, from the tests' side: run commands inside it, wait for unit states,
// read its journal. Everything goes through test/testbed/testbed.sh (nsenter + systemd-run).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const TESTBED_SH = fileURLToPath(new URL("../../testbed/testbed.sh", import.meta.url));
export const COCKPIT_URL = process.env.COCKPIT_URL ?? "http://127.0.0.1:9090";

// Run a shell command on the testbed host as root. Resolves { code, stdout, stderr };
// with check (the default) a non-zero exit rejects with the output in the message.
export function exec(command, { check = true, timeout = 120_000 } = {}) {
    return new Promise((resolve, reject) => {
        execFile(TESTBED_SH, ["exec", "/bin/bash", "-c", command],
            { timeout, maxBuffer: 32 * 1024 * 1024 },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                const result = { code, stdout, stderr };
                if (code !== 0 && check)
                    reject(new Error(`testbed: \`${command}\` exited ${code}\n${stdout}${stderr}`));
                else
                    resolve(result);
            });
    });
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Poll until `systemctl is-active UNIT` prints `state` (active, inactive, failed, ...).
export async function waitForUnitState(unit, state, { timeout = 30_000 } = {}) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
        last = (await exec(`systemctl is-active ${shellQuote(unit)}`, { check: false })).stdout.trim();
        if (last === state)
            return;
        if (Date.now() > until)
            throw new Error(`unit ${unit} is "${last}", not "${state}", after ${timeout} ms`);
        await sleep(250);
    }
}

// The last lines of the testbed's journal of this boot.
export async function journal(lines = 500) {
    const { stdout, stderr } = await exec(`journalctl -b --no-pager | tail -n ${Number(lines)}`,
        { check: false, timeout: 30_000 });
    return stdout + stderr;
}

export function shellQuote(s) {
    return "'" + String(s).replaceAll("'", "'\\''") + "'";
}
