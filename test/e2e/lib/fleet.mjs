// The two-host fleet of test/testbed/fleet.sh from the specs' side: commands on fleet-a and
// fleet-b, ansible-playbook against both, and a browser logged in to fleet-a's Cockpit that uses
// the page on fleet-b through the shell's host switcher. The specs run in the fleet's control
// network namespace (run.sh: `fleet.sh run node ...`), where the hosts' addresses are reachable.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cleanServiceCommand } from "./ops.mjs";
import { withCockpit, PASSWORD } from "./session.mjs";

export const FLEET_SH = fileURLToPath(new URL("../../testbed/fleet.sh", import.meta.url));
const BASE = process.env.FLEET_BASE ?? "/var/tmp/system-services-fleet";
const NET = process.env.FLEET_NET ?? "10.77.20";
export const HOSTS = {
    a: { name: "fleet-a", address: `${NET}.11` },
    b: { name: "fleet-b", address: `${NET}.12` },
};
export const FLEET_A_URL = `http://${HOSTS.a.address}:9090`;
export const FLEET_B = HOSTS.b.address;
// the page on fleet-b as fleet-a's shell shows it, and the iframe it runs in
export const PAGE_ON_B = `/@${FLEET_B}/system-services`;
export const FRAME_NAME_ON_B = `cockpit1:${FLEET_B}/system-services`;
export const FRAME_ON_B = `iframe[name="${FRAME_NAME_ON_B}"]`;
// localhost/demo-service:latest as an oci-archive, the same image ID as on fleet-b
export const DEMO_ARCHIVE = `${BASE}/demo-service.tar`;

// argv run to its end: { code, stdout, stderr }, `input` on its stdin
function run(argv, { input = "", timeout, env } = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(argv[0], argv.slice(1), { env: env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        child.on("error", e => { clearTimeout(timer); reject(e); });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? -1, stdout, stderr: signal ? `${stderr}killed by ${signal} after ${timeout} ms\n` : stderr });
        });
        child.stdin.end(input);
    });
}

// Run a shell command on host "a" or "b" as root. Resolves { code, stdout, stderr }; with check
// (the default) a non-zero exit rejects with the output in the message. The command goes on
// bash's stdin: systemd-run (fleet.sh exec) would expand every $ of an argv.
export async function fleetExec(host, command, { check = true, timeout = 120_000 } = {}) {
    if (!HOSTS[host])
        throw new Error(`no fleet host "${host}" (a or b)`);
    const result = await run([FLEET_SH, "exec", host, "/bin/bash", "-s"], { input: command, timeout });
    if (result.code !== 0 && check)
        throw new Error(`${HOSTS[host].name}: \`${command}\` exited ${result.code}\n${result.stdout}${result.stderr}`);
    return result;
}

// Service NAME removed from host "a" or "b" as a spec may leave it (ops.mjs's cleanServiceCommand).
export async function cleanFleetService(host, name, extra = "") {
    await fleetExec(host, cleanServiceCommand(name, extra));
}

// The last lines of a host's journal of this boot.
export async function fleetJournal(host, lines = 500) {
    const { stdout, stderr } = await fleetExec(host, `journalctl -b --no-pager | tail -n ${Number(lines)}`,
        { check: false, timeout: 30_000 });
    return stdout + stderr;
}

// PLAY RECAP lines as { host: { ok, changed, unreachable, failed, skipped, rescued, ignored } }
export function parseRecap(output) {
    const recap = {};
    const at = output.lastIndexOf("PLAY RECAP");
    if (at < 0)
        return recap;
    for (const line of output.slice(at).split("\n").slice(1)) {
        const m = line.match(/^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$/);
        if (!m)
            continue;
        recap[m[1]] = Object.fromEntries([...m[2].matchAll(/(\w+)=(\d+)/g)].map(([, k, v]) => [k, Number(v)]));
    }
    return recap;
}

// Debian's ansible-playbook against the fleet's inventory (group `fleet`), through `fleet.sh run`:
// the control namespace, the fleet's ansible.cfg, and a UTF-8 locale ansible-core accepts
// whatever the caller's is. Resolves { code, stdout, stderr, recap }; with check a non-zero exit rejects.
export async function ansiblePlaybook(playbookPath, args = [], { check = true, timeout = 600_000 } = {}) {
    const env = { ...process.env, ANSIBLE_NOCOLOR: "1", ANSIBLE_FORCE_COLOR: "0" };
    const result = await run([FLEET_SH, "run", "ansible-playbook", ...args, playbookPath], { timeout, env });
    result.recap = parseRecap(result.stdout);
    if (result.code !== 0 && check)
        throw new Error(`ansible-playbook ${playbookPath} exited ${result.code}\n${result.stdout}${result.stderr}`);
    return result;
}

// fleet-a's shell showing the page on fleet-b; resolves its frame once the page is ready.
// fleet-b starts with limited access: fleet-a's shell holds no password for it (key login).
export async function openPageOnB(page) {
    await page.goto(FLEET_A_URL + PAGE_ON_B);
    const frame = page.frameLocator(FRAME_ON_B);
    await frame.locator('#app[data-ready="true"]').waitFor();
    return frame;
}

// Administrative access on fleet-b as a person gets it: the shell's "Limited access" button,
// admin's password in its dialog. The page starts over by itself on that switch; resolves its
// frame, ready and no longer read-only.
export async function switchToAdminOnB(page) {
    // (by text, not role: the shell's modal leaves the page aria-hidden for a while after it closes)
    const indicator = page.locator("#super-user-indicator button");
    await indicator.filter({ hasText: "Limited access" }).click();
    const dialog = page.locator('[role="dialog"]').filter({ hasText: "Switch to administrative access" });
    await dialog.locator("#switch-to-admin-access-password").fill(PASSWORD);
    await dialog.locator("button", { hasText: "Authenticate" }).click();
    await page.locator('[role="dialog"]').waitFor({ state: "detached" });
    await indicator.filter({ hasText: "Administrative access" }).waitFor();
    const frame = page.frameLocator(FRAME_ON_B);
    // the old page keeps its alert until the new one has loaded
    await frame.locator("#limited-access-alert").waitFor({ state: "detached" });
    await frame.locator('#app[data-ready="true"]').waitFor();
    return frame;
}

// Logged in to fleet-a, the page on fleet-b open, with administrative access on fleet-b
// unless admin is false: { page, frame }.
export async function pageOnB(page, { admin = true } = {}) {
    const frame = await openPageOnB(page);
    return { page, frame: admin ? await switchToAdminOnB(page) : frame };
}

// withCockpit (session.mjs) on fleet-a, with `fn({ page, frame, messages })` given the page on
// fleet-b (pageOnB); on failure the artifacts carry fleet-b's journal.
export async function withPageOnB(t, { admin = true, timeout = 60_000, viewport } = {}, fn) {
    await withCockpit(t, { baseUrl: FLEET_A_URL, path: "/", timeout, viewport, journal: lines => fleetJournal("b", lines) },
        async ({ page, messages }) => fn({ ...await pageOnB(page, { admin }), messages }));
}
