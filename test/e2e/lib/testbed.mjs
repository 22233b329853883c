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

// What 127.0.0.1:PORT answers on the testbed (or the host `run` runs a command on), asked for up
// to 10 s until it says "hello".
export async function httpHello(port, { run = exec } = {}) {
    let answer = "";
    for (let i = 0; i < 40 && !answer.includes("hello"); i++, await sleep(250))
        answer = (await run(`curl -s --max-time 2 http://127.0.0.1:${port}/ || true`)).stdout;
    return answer;
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

// testbed.sh ARGS on this machine, for what runs out here (debootstrap for an image's root):
// resolves its output, rejects with it on a non-zero exit
export function testbedCommand(args, timeout) {
    return new Promise((resolve, reject) => {
        execFile(TESTBED_SH, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
            error ? reject(new Error(`testbed.sh ${args.join(" ")}: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout + stderr));
    });
}

// The reference SSSD image (images/sssd) in the testbed, built once and cached; says how long it took
export async function sssdImage() {
    const t0 = Date.now();
    const out = await testbedCommand(["sssd-image"], 900_000);
    console.log(`# sssd image ready in ${Math.round((Date.now() - t0) / 1000)} s: ${out.trim().split("\n").pop()}`);
}

// Removes service NAME of an SSSD image as an install leaves it: the unit stopped, the image's
// UNINSTALL when its state says it is installed, then the unit file, record, state, backups,
// operation files and password folder. `extra`: more shell commands, run last.
export async function cleanSssdService(name, image, extra = "") {
    await exec(`systemctl disable --now ${name}.service 2>/dev/null; podman rm -f ${name} >/dev/null 2>&1;
        if [ -f /var/lib/sssd-container/${name}/mode ]; then
            podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=${name} -e IMAGE=${image} ${image} /bin/uninstall.sh >/dev/null 2>&1;
        fi;
        rm -rf /etc/systemd/system/${name}.service /etc/containers/system-services/${name} /var/lib/sssd-container/${name} \\
            /var/lib/containers/system-services/backups/${name} /run/system-services/${name};
        rm -f /var/lib/containers/system-services/ops/system-services-op-${name}-*;
        systemctl daemon-reload; systemctl reset-failed ${name}.service 'system-services-op-${name}-*' 2>/dev/null; ${extra} true`);
}
