// Helpers for the operation specs (operations*.spec.mjs): more tabs in the same browser session
// (watched for errors like withCockpit's own page), the operations' files and journal lines on
// the host, and polling the host until something holds.
//
// Commands sent to the host are one line each: a daemon-reload (which the page runs) re-reads the
// transient unit `exec` runs in, and a command of several lines would come back as unit settings.
import { Buffer } from "node:buffer";
import { COCKPIT_URL, exec, shellQuote, sleep } from "./testbed.mjs";
import { enterPage, FRAME, PAGE_PATH } from "./session.mjs";
import { isAllowedNoise } from "./noise.mjs";

export const OPS_DIR = "/var/lib/containers/system-services/ops";
export const RECORDS = "/etc/containers/system-services";
export const BACKUPS = "/var/lib/containers/system-services/backups";

/**
 * Another tab of `context` (the withCockpit browser, so logged in already) on the page. Its page
 * errors and console errors are collected in `errors` (the test asserts it stays empty).
 */
export async function openTab(context, errors, { timeout = 60_000, cutAfter = null } = {}) {
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    // (wrapped: an async function would adopt the promise and wait for the cut itself)
    const { cut } = cutAfter ? await cutConnection(page, cutAfter) : { cut: null };
    const label = `tab ${context.pages().length}`;
    page.on("pageerror", err => errors.push(`${label} pageerror: ${err.stack || err.message || err}`));
    page.on("console", msg => {
        const where = msg.location()?.url ?? "";
        if (msg.type() === "error" && !isAllowedNoise(msg.text(), where))
            errors.push(`${label} console.error: ${msg.text()} (${where})`);
    });
    await page.goto(COCKPIT_URL + PAGE_PATH);
    const frame = await enterPage(page);
    return { page, frame, cut };
}

/**
 * Passes the tab's Cockpit connection (one WebSocket: the shell's, which the page's iframe talks
 * through) on unchanged until the host has carried out one request of the page: writing the
 * file `path` (fsreplace1), or a command whose argv matches `spawn`. From the host's answer on,
 * nothing more of the page reaches the host, and the tab is closed: as if it had been closed
 * right after that request, before it could save how far it got. Resolves with that request.
 */
async function cutConnection(page, { path = null, spawn = null }) {
    let resolveCut;
    const cut = new Promise(resolve => { resolveCut = resolve; });
    const watched = new Map();      // channel → the open request we wait to see answered
    let done = false;
    const control = msg => {
        if (typeof msg !== "string" || !msg.startsWith("\n"))
            return null;
        try {
            return JSON.parse(msg.slice(1));
        } catch {
            return null;
        }
    };
    await page.routeWebSocket(/\/cockpit\/socket$/, ws => {
        const server = ws.connectToServer();
        ws.onMessage(msg => {
            if (done)
                return;
            const c = control(msg);
            if (c?.command === "open" && ((path && c.payload === "fsreplace1" && c.path === path) ||
                                          (spawn && Array.isArray(c.spawn) && spawn.test(c.spawn.join(" ")))))
                watched.set(c.channel, c);
            server.send(msg);
        });
        server.onMessage(msg => {
            const c = control(msg);
            if (!done && c?.command === "close" && watched.has(c.channel)) {
                done = true;
                Promise.resolve(server.close()).catch(() => undefined);
                resolveCut({ request: watched.get(c.channel), answer: c, closed: page.close().catch(() => undefined) });
                return;
            }
            if (!done)
                ws.send(msg);
        });
    });
    return { cut };
}

/** Load the page (again) in `page`; resolves with its frame once ready. */
export async function loadPage(page) {
    if (new URL(page.url()).pathname === PAGE_PATH)
        await page.reload();
    else
        await page.goto(COCKPIT_URL + PAGE_PATH);
    return enterPage(page);
}

/** The page's iframe as a Frame (for evaluate), not a FrameLocator. */
export async function pageFrame(page) {
    const handle = await page.locator(FRAME).elementHandle();
    return handle.contentFrame();
}

/** Polls `check()` (async) until it returns a truthy value, which it resolves with. */
export async function waitHost(what, check, { timeout = 30_000, interval = 200 } = {}) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
        last = await check();
        if (last)
            return last;
        if (Date.now() > until)
            throw new Error(`waited ${timeout} ms for ${what}`);
        await sleep(interval);
    }
}

/** The operations' journal lines (`logger --tag system-services`), those containing `match`. */
export async function opJournal(match = "") {
    const { stdout } = await exec("journalctl -t system-services -o cat --no-pager");
    return stdout.split("\n").filter(line => line !== "" && line.includes(match));
}

/** The IDs of the operations whose file `ls` finds for PATTERN (a glob after system-services-op-). */
export async function opIds(pattern, suffix = ".op.json") {
    const { stdout } = await exec(`cd ${OPS_DIR} 2>/dev/null && ls -1 system-services-op-${pattern}${suffix} 2>/dev/null; true`);
    return stdout.split("\n").filter(Boolean).map(f => f.slice(0, -suffix.length));
}

/** The operation's state file, parsed; null when there is none. */
export async function opState(id) {
    const { stdout } = await exec(`cat ${OPS_DIR}/${id}.state.json 2>/dev/null; true`);
    return stdout.trim() ? JSON.parse(stdout) : null;
}

export async function opFileExists(id) {
    return (await exec(`test -e ${OPS_DIR}/${id}.op.json && echo yes || echo no`)).stdout.trim() === "yes";
}

/** ActiveState and SubState of the operation's transient unit ("inactive dead" when gone). */
export async function opUnit(id) {
    const { stdout } = await exec(`systemctl show -p LoadState -p ActiveState -p SubState ${id}.service`);
    const props = Object.fromEntries(stdout.trim().split("\n").map(l => l.split("=")));
    return props;
}

export async function loadedOpUnits(pattern) {
    return (await exec(`systemctl list-units --all --no-legend --plain ${shellQuote(`system-services-op-${pattern}`)}`)).stdout.trim();
}

export async function writeHostFile(path, text) {
    await exec(`echo ${Buffer.from(text).toString("base64")} | base64 -d > ${path}`);
}

export async function readRecord(name) {
    const { stdout } = await exec(`cat ${RECORDS}/${name}/service.json 2>/dev/null; true`);
    return stdout.trim() ? JSON.parse(stdout) : null;
}

/** sha256, mode and owner of every file below the folder, in name order. */
export async function fingerprint(dir) {
    return (await exec(`cd ${dir} && find . -printf '%p %y %m %U:%G\\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum`)).stdout;
}

/**
 * The one-line command that removes service NAME from a host as any spec may leave it: its unit,
 * container, record, backups, /etc/NAME.installed and the `extra` paths, its operations' files and units.
 */
export function cleanServiceCommand(name, extra = "", engine = "podman") {
    return `systemctl disable --now ${name}.service 2>/dev/null; ${engine} rm -f ${name} >/dev/null 2>&1; ` +
        `rm -rf /etc/systemd/system/${name}.service ${RECORDS}/${name} ${BACKUPS}/${name} /etc/${name}.installed ${extra}; ` +
        `systemctl daemon-reload; systemctl stop 'system-services-op-${name}-*' 2>/dev/null; ` +
        `systemctl reset-failed 'system-services-op-${name}-*' 2>/dev/null; systemctl reset-failed ${name}.service 2>/dev/null; ` +
        `rm -f ${OPS_DIR}/system-services-op-${name}-* ${OPS_DIR}/${name}.busy; true`;
}

/** Removes service NAME from the testbed (cleanServiceCommand). */
export async function cleanService(name, extra = "", engine = "podman") {
    await exec(cleanServiceCommand(name, extra, engine));
}

export async function openImage(frame, ref) {
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${ref}"] a`).first().click();
    await frame.locator(`#image-details[data-image="${ref}"]`).waitFor();
}

export async function openService(frame, name) {
    await frame.locator("#nav-services").click();
    await frame.locator(`tr[data-service="${name}"] a`).click();
    await frame.locator(`#service-details[data-service="${name}"]`).waitFor();
}

/** Chooses an action from the kebab on the service's page (Update…, Roll back…, Generate a unit…, Uninstall…). */
export async function serviceMenu(frame, item) {
    await frame.locator("#service-menu").click();
    await frame.locator(`#${item}:not([aria-disabled="true"])`).click();
}

export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
