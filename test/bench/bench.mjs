// make bench: our page against Debian's cockpit-podman on the testbed, with N labelled images
// and 20 installed services. Prints a table of medians and writes test/artifacts/bench/bench.json.
// Definitions (what "rendered" means, which selectors) are in test/bench/README.md.
// Run through test/bench/run.sh (it boots the testbed when needed), under the testbed lock.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../browser.mjs";
import { login } from "../e2e/lib/session.mjs";
import { COCKPIT_URL, exec } from "../e2e/lib/testbed.mjs";
import { loadImages as load, removeImages } from "../e2e/lib/images.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ROOT = process.env.ROOT ?? "/var/tmp/system-services-testbed/root";
const DIST = process.env.PLUGIN_DIR ?? path.join(REPO, "dist");
const OUT_DIR = process.env.BENCH_ARTIFACTS ?? path.join(REPO, "test/artifacts/bench");
const N_LIST = (process.env.BENCH_N ?? "10 100 500").split(/[\s,]+/).filter(Boolean).map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 600) * 1000;
const UNIT_TOGGLES = Number(process.env.BENCH_UNIT_TOGGLES ?? 5);
const SERVICES = 20;

const OUR_FRAME = "cockpit1:localhost/system-services";
const THEIR_FRAME = "cockpit1:localhost/podman";
const IMAGE_PREFIX = "localhost/bench-";            // the N images: localhost/bench-<i>:latest
const SVC_IMAGE = "localhost/benchsvc:latest";      // the services' image (not matched by IMAGE_PREFIX)
const SVC = i => `bench-svc-${i}`;
const LOG = "/run/bench-podman-calls.log";
const WRAPPER = `#!/bin/sh
echo "$*" >> ${LOG}
exec /usr/bin/podman "$@"
`;
const POLL = 50;   // ms between the checks of "rendered", the same for both pages

const log = (...a) => console.log("#", ...a);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const median = xs => {
    const v = xs.filter(x => typeof x === "number").sort((a, b) => a - b);
    if (v.length === 0) return null;
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

// --- the testbed's state -----------------------------------------------------------------
const undo = [];   // what cleanup() runs, last first
let browser = null;

async function installCockpitPodman() {
    const status = (await exec("dpkg-query -W -f='${Status}' cockpit-podman 2>/dev/null", { check: false })).stdout;
    if (status.includes("install ok installed")) {
        log("cockpit-podman was installed already: left as it is");
        return;
    }
    undo.push(() => exec("DEBIAN_FRONTEND=noninteractive apt-get purge -y -q cockpit-podman >/dev/null", { check: false, timeout: 300_000 }));
    const viaApt = await exec("DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends cockpit-podman",
        { check: false, timeout: 300_000 });
    if (viaApt.code === 0) {
        log("installed cockpit-podman inside the testbed with apt-get");
        return;
    }
    // no archive from inside: the .deb through this machine's apt (its own mirror), then dpkg inside
    log(`apt-get inside failed (${viaApt.code}); downloading the .deb on this machine`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-deb-"));
    try {
        execFileSync("apt-get", ["download", "-q", "cockpit-podman"], { cwd: dir, stdio: "inherit" });
        const deb = fs.readdirSync(dir).find(f => f.endsWith(".deb"));
        fs.copyFileSync(path.join(dir, deb), path.join(ROOT, "var/tmp/cockpit-podman.deb"));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    await exec("DEBIAN_FRONTEND=noninteractive apt-get install -y -q /var/tmp/cockpit-podman.deb; rc=$?; rm -f /var/tmp/cockpit-podman.deb; exit $rc",
        { timeout: 300_000 });
    log("installed cockpit-podman inside the testbed from the downloaded .deb");
}

async function startPodmanSocket() {
    // cockpit-podman talks to the system podman through podman.socket (it offers a button otherwise)
    const active = (await exec("systemctl is-active podman.socket", { check: false })).stdout.trim();
    if (active !== "active") {
        await exec("systemctl start podman.socket");
        undo.push(() => exec("systemctl stop podman.socket podman.service", { check: false }));
    }
}

const removeBenchImages = () => removeImages(IMAGE_PREFIX, { check: false, timeout: 900_000 });
const loadImages = images => load(images, { timeout: 900_000 });

const labels = i => ({
    INSTALL: `podman run --rm -v /:/host -e HOST=/host -e NAME=\${NAME} \${IMAGE} /x install ${i}`,
    RUN: `podman run -d --name \${NAME} \${IMAGE} /x ${i}`,
});

// 20 installed services the cheapest real way: an install record each and a simple unit
async function createServices() {
    await loadImages([{ tag: SVC_IMAGE, labels: labels("svc") }]);
    undo.push(() => exec(`podman rmi -f ${SVC_IMAGE} >/dev/null`, { check: false }));
    const imageId = (await exec(`podman image inspect --format '{{.Id}}' ${SVC_IMAGE}`)).stdout.trim();
    undo.push(async () => {
        const units = Array.from({ length: SERVICES }, (_, i) => `${SVC(i)}.service`).join(" ");
        await exec(`systemctl stop ${units}; rm -rf ${Array.from({ length: SERVICES }, (_, i) =>
            `/etc/systemd/system/${SVC(i)}.service /etc/containers/system-services/${SVC(i)}`).join(" ")};
            systemctl daemon-reload; systemctl reset-failed ${units} 2>/dev/null; true`, { check: false });
    });
    for (let i = 0; i < SERVICES; i++) {
        const name = SVC(i);
        const dir = path.join(ROOT, "etc/containers/system-services", name);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "service.json"), JSON.stringify({
            version: 1, name, image: SVC_IMAGE, imageId, engine: "podman",
            installedAt: "2026-01-01T00:00:00.000Z", unit: `${name}.service`,
            options: {}, extraArgs: [], previousImageId: null,
        }, null, 4) + "\n");
        fs.writeFileSync(path.join(ROOT, "etc/systemd/system", `${name}.service`),
            `[Unit]\nDescription=bench service ${i}\n\n[Service]\nExecStart=/bin/sleep infinity\n`);
    }
    await exec("systemctl daemon-reload");
}

async function cleanup() {
    if (browser) await browser.close().catch(() => {});
    browser = null;
    fs.rmSync(path.join(ROOT, "usr/local/bin/podman"), { force: true });
    await exec(`rm -f ${LOG}`, { check: false }).catch(() => {});
    await removeBenchImages().catch(e => log("removing the bench images:", e.message));
    while (undo.length) {
        const fn = undo.pop();
        await Promise.resolve().then(fn).catch(e => log("cleanup:", e.message));
    }
}

// --- the measures ------------------------------------------------------------------------
// A fresh browser context (no cache, no localStorage), logged in with administrative access;
// fn(page) measures; the context is closed afterwards. A timeout gives { ms: null, timeout }.
// An uncaught page error ends the measure ERROR_GRACE ms later with { ms: null, error }
// (a broken build must not wait out the timeout).
const ERROR_GRACE = 15_000;
class PageBroken extends Error {}
const broken = new WeakMap();   // page → a promise rejected ERROR_GRACE ms after its first error
const opened = new WeakMap();   // page → the channels it asked the bridge to open, in order

// Every frame of the shell talks to cockpit-bridge through the shell's one WebSocket: a
// control message "\n{"command":"open",...}" opens a channel (a spawn, a file read, D-Bus, ...)
function watchChannels(page) {
    const list = [];
    opened.set(page, list);
    page.on("websocket", ws => ws.on("framesent", ({ payload }) => {
        const text = String(payload);
        if (!text.startsWith("\n{") || !text.includes('"open"')) return;
        try {
            const msg = JSON.parse(text.slice(1));
            if (msg.command === "open")
                list.push({ payload: msg.payload, spawn: msg.spawn ? msg.spawn.join(" ") : undefined });
        } catch { /* not a control message */ }
    }));
}

function channelSummary(opens) {
    const byPayload = {};
    const spawns = {};
    for (const o of opens) {
        byPayload[o.payload] = (byPayload[o.payload] ?? 0) + 1;
        if (o.spawn) {
            const key = o.spawn.split(" ").slice(0, 2).join(" ");
            spawns[key] = (spawns[key] ?? 0) + 1;
        }
    }
    return { total: opens.length, spawn: opens.filter(o => o.spawn).length, byPayload, spawns };
}

async function inContext(fn) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    try {
        const page = await context.newPage();
        page.setDefaultTimeout(60_000);
        let fail;
        const failed = new Promise((_resolve, reject) => { fail = reject; });
        failed.catch(() => {});
        broken.set(page, failed);
        watchChannels(page);
        page.on("pageerror", e => {
            errors.push(String(e.message ?? e));
            if (errors.length === 1)
                setTimeout(() => fail(new PageBroken(`page error: ${errors[0]}`)), ERROR_GRACE);
        });
        await login(page, { admin: true, path: "/" });
        return await fn(page, errors);
    } finally {
        if (errors.length) log(`page errors: ${errors.slice(0, 3).join(" | ")}`);
        await context.close().catch(() => {});
    }
}

// Resolves the iframe's Frame once `selector` exists in it (the frame is loaded for good then)
async function frameWith(page, name, selector, deadline) {
    const locator = page.frameLocator(`iframe[name="${name}"]`).locator(selector).first();
    await locator.waitFor({ state: "attached", timeout: Math.max(1, deadline - Date.now()) });
    const frame = page.frame({ name });
    if (!frame) throw new Error(`no frame ${name}`);
    return frame;
}

async function timed(page, url, name, selector, predicate, arg) {
    const t0 = Date.now();
    const deadline = t0 + TIMEOUT;
    const mark = opened.get(page).length;
    const work = (async () => {
        await page.goto(COCKPIT_URL + url, { timeout: TIMEOUT });
        const frame = await frameWith(page, name, selector, deadline);
        const how = await frame.waitForFunction(predicate, arg,
            { polling: POLL, timeout: Math.max(1, deadline - Date.now()) });
        const ms = Date.now() - t0;
        // the same moment on the page's own clock: from the shell creating its frame ("opening the view")
        const viewMs = await frame.evaluate(() => globalThis.performance.now());
        return { ms, viewMs, how: await how.jsonValue(), channels: channelSummary(opened.get(page).slice(mark)) };
    })();
    work.catch(() => {});
    try {
        return await Promise.race([work, broken.get(page)]);
    } catch (e) {
        if (e instanceof PageBroken) return { ms: null, error: e.message };
        if (e.name === "TimeoutError" || Date.now() >= deadline) return { ms: null, timeout: true };
        throw e;
    }
}

// Our Images view knows the N images: #images-view[data-count] >= N; before that attribute
// exists, the first localhost/bench- row (the view renders the whole list at once).
function oursRendered(n) {
    const view = document.querySelector("#images-view");
    if (!view) return false;
    const count = view.getAttribute("data-count");
    if (count !== null) return Number(count) >= n ? "data-count" : false;
    return document.querySelector('tr[data-image^="localhost/bench-"]') ? "first bench row" : false;
}

// cockpit-podman's Images card knows the N images: N rows of its table whose Image cell names
// localhost/bench-<i> (in the DOM even while the card's "Show images" section is collapsed)
function theirsRendered(n) {
    const cells = document.querySelectorAll('#containers-images tbody tr > td[data-label="Image"]');
    let k = 0;
    for (const c of cells)
        if (/^localhost\/bench-\d+:/.test(c.textContent)) k++;
    return k >= n ? `${k} rows` : false;
}

function servicesRendered(n) {
    const badges = document.querySelectorAll('#services-view tr[data-service^="bench-svc-"] .ss-unit-badge');
    let k = 0;
    for (const b of badges) if (b.getAttribute("data-active")) k++;
    return k >= n ? `${k} badges` : false;
}

const oursImages = n => inContext(async page => {
    const cold = await timed(page, "/system-services#/images", OUR_FRAME, "#images-view", oursRendered, n);
    // the same context again: cookies, HTTP cache and localStorage kept, a new page instance
    await page.goto("about:blank");
    const warm = await timed(page, "/system-services#/images", OUR_FRAME, "#images-view", oursRendered, n);
    return { cold, warm };
});

const theirsImages = n => inContext(page =>
    timed(page, "/podman", THEIR_FRAME, "#containers-images", theirsRendered, n));

const oursServices = () => inContext(page =>
    timed(page, "/system-services", OUR_FRAME, "#services-view", servicesRendered, SERVICES));

// podman processes the page runs for one full load of the Images view
async function oursPodmanCalls(n) {
    fs.writeFileSync(path.join(ROOT, "usr/local/bin/podman"), WRAPPER, { mode: 0o755 });
    try {
        return await inContext(async page => {
            await exec(`rm -f ${LOG}`);
            const r = await timed(page, "/system-services#/images", OUR_FRAME, "#images-view", oursRendered, n);
            if (r.ms === null) return null;
            await sleep(3000);   // anything late
            const calls = (await exec(`cat ${LOG} 2>/dev/null || true`)).stdout.split("\n").filter(Boolean);
            const byCommand = {};
            for (const c of calls) {
                const cmd = c.split(" ").find(w => !w.startsWith("-")) ?? c;
                byCommand[cmd] = (byCommand[cmd] ?? 0) + 1;
            }
            return { count: calls.length, byCommand };
        });
    } finally {
        fs.rmSync(path.join(ROOT, "usr/local/bin/podman"), { force: true });
    }
}

// `systemctl start|stop` on the host → the unit's badge in our Services view, in ms: the host
// command prints its start time (same clock as the browser's), the page notes when it saw it
async function unitLatency() {
    const unit = `${SVC(0)}.service`;
    await exec(`systemctl stop ${unit}`, { check: false });
    return inContext(page => Promise.race([broken.get(page), unitToggles(page, unit)]))
        .catch(e => { log(`unit → badge: ${e.message}`); return []; });
}

async function unitToggles(page, unit) {
    await page.goto(COCKPIT_URL + "/system-services");
    const frame = await frameWith(page, OUR_FRAME, `tr[data-service="${SVC(0)}"] .ss-unit-badge[data-active="inactive"]`, Date.now() + 120_000);
    const samples = [];
    for (let k = 0; k < UNIT_TOGGLES; k++) {
        const start = k % 2 === 0;
        const want = start ? "active" : "inactive";
        const seen = frame.evaluate(([svc, state, timeout]) => new Promise((resolve, reject) => {
            const sel = `tr[data-service="${svc}"] .ss-unit-badge[data-active="${state}"]`;
            if (document.querySelector(sel)) return resolve(Date.now());
            const obs = new window.MutationObserver(() => {
                if (document.querySelector(sel)) { obs.disconnect(); resolve(Date.now()); }
            });
            obs.observe(document.body, { subtree: true, childList: true, attributes: true });
            setTimeout(() => { obs.disconnect(); reject(new Error(`no ${state} badge`)); }, timeout);
        }), [SVC(0), want, 30_000]);
        const out = await exec(`date +%s%3N; systemctl ${start ? "start" : "stop"} ${unit}`);
        const sent = Number(out.stdout.trim().split("\n")[0]);
        samples.push((await seen) - sent);
        await sleep(500);
    }
    return samples;
}

// gzip bytes of the production bundles: our dist/index.js + index.css (gzip -9 here) against
// the installed cockpit-podman's index.js.gz + index.css.gz (as Debian ships them)
function bundleSizes() {
    const gz = f => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
    const ours = { js: gz(path.join(DIST, "index.js")), css: gz(path.join(DIST, "index.css")) };
    const podman = path.join(ROOT, "usr/share/cockpit/podman");
    const size = base => fs.existsSync(`${base}.gz`) ? fs.statSync(`${base}.gz`).size : gz(base);
    const theirs = { js: size(path.join(podman, "index.js")), css: size(path.join(podman, "index.css")) };
    return { ours: { ...ours, total: ours.js + ours.css }, theirs: { ...theirs, total: theirs.js + theirs.css } };
}

// --- main --------------------------------------------------------------------------------
// a cell of the table: the median of the runs' ms, "> T s" when every run timed out, "error"
// when every run broke; (k timeouts) / (k errors) when only some did
function cell(results) {
    const ms = results.map(r => typeof r === "number" ? r : r.ms);
    const m = median(ms);
    const timeouts = results.filter(r => r?.timeout).length;
    const errors = results.filter(r => r?.error).length;
    if (m === null) return timeouts ? `> ${TIMEOUT / 1000} s` : errors ? "error" : "—";
    let s = m >= 10_000 ? `${(m / 1000).toFixed(1)} s` : `${Math.round(m)} ms`;
    if (timeouts) s += ` (${timeouts} > ${TIMEOUT / 1000} s)`;
    if (errors) s += ` (${errors} errors)`;
    return s;
}
const ratio = (a, b) => (a === null || b === null || b === 0) ? "—" : (a / b).toFixed(2);

function table(result) {
    const rows = [["measure", "N", "ours", "cockpit-podman", "ours/theirs"]];
    for (const r of result.perN) {
        const ours = median(r.ours.imagesCold.map(x => x.ms));
        const theirs = median(r.theirs.images.map(x => x.ms));
        const theirsTimedOut = theirs === null && r.theirs.images.some(x => x.timeout);
        rows.push([`images list rendered, cold (median of ${r.ours.imagesCold.length})`, r.n, cell(r.ours.imagesCold), cell(r.theirs.images),
            theirsTimedOut && ours !== null ? `< ${ratio(ours, TIMEOUT)}` : ratio(ours, theirs)]);
        const view = list => list.map(x => x.ms === null ? x : x.viewMs);
        const oursView = median(view(r.ours.imagesCold).filter(x => typeof x === "number"));
        const theirsView = median(view(r.theirs.images).filter(x => typeof x === "number"));
        rows.push(["  of which from opening the view (its frame's start)", r.n, cell(view(r.ours.imagesCold)), cell(view(r.theirs.images)),
            ratio(oursView, theirsView)]);
        rows.push(["images list rendered, reload (localStorage kept)", r.n, cell(r.ours.imagesWarm), "—", "—"]);
        rows.push(["  of which from opening the view", r.n, cell(view(r.ours.imagesWarm)), "—", "—"]);
        rows.push([`services view rendered (${SERVICES} services)`, r.n, cell(r.ours.services), "—", "—"]);
        const ch = (list, key) => median(list.filter(x => x.channels).map(x => x.channels[key]));
        const chCell = v => v === null ? "—" : String(v);
        for (const [key, what] of [["spawn", "processes"], ["total", "channels"]]) {
            const o = ch(r.ours.imagesCold, key);
            const t = ch(r.theirs.images, key);
            rows.push([`bridge ${what} opened until rendered (all frames)`, r.n, chCell(o), chCell(t), ratio(o, t)]);
        }
        rows.push(["podman processes per full load", r.n, r.ours.podmanCalls ? String(r.ours.podmanCalls.count) : "—", "n/a (REST)", "—"]);
        rows.push([`systemctl start/stop → badge (median of ${r.ours.unitLatency.length})`, r.n, cell(r.ours.unitLatency), "—", "—"]);
    }
    const b = result.bundle;
    rows.push(["bundle bytes, gzip (index.js + index.css)", "", String(b.ours.total), String(b.theirs.total), ratio(b.ours.total, b.theirs.total)]);
    const w = rows[0].map((_, c) => Math.max(...rows.map(r => String(r[c]).length)));
    return rows.map((r, i) => {
        const line = r.map((x, c) => c === 0 ? String(x).padEnd(w[c]) : String(x).padStart(w[c])).join("  ");
        return i === 0 ? `${line}\n${"-".repeat(line.length)}` : line;
    }).join("\n");
}

async function main() {
    const t0 = Date.now();
    const result = {
        date: new Date().toISOString(),
        commit: execFileSync("git", ["-C", REPO, "rev-parse", "--short", "HEAD"]).toString().trim(),
        dirty: execFileSync("git", ["-C", REPO, "status", "--porcelain", "--", "src"]).toString().trim() !== "",
        n: N_LIST, runs: RUNS, timeoutSeconds: TIMEOUT / 1000, services: SERVICES, perN: [],
    };
    await installCockpitPodman();
    result.versions = (await exec("dpkg-query -W cockpit-ws cockpit-podman podman")).stdout.trim().split("\n");
    await startPodmanSocket();
    result.bundle = bundleSizes();
    await createServices();
    browser = await launchChromium();
    for (const n of N_LIST) {
        log(`N=${n}: loading ${n} images`);
        const tl = Date.now();
        await removeBenchImages();
        await loadImages(Array.from({ length: n }, (_, i) => ({ tag: `${IMAGE_PREFIX}${i}:latest`, labels: labels(i) })));
        const r = { n, loadSeconds: (Date.now() - tl) / 1000, ours: { imagesCold: [], imagesWarm: [], services: [] }, theirs: { images: [] } };
        for (let run = 0; run < RUNS; run++) {
            // alternate which page goes first
            const steps = [
                async () => { const o = await oursImages(n); r.ours.imagesCold.push(o.cold); r.ours.imagesWarm.push(o.warm); },
                async () => { r.theirs.images.push(await theirsImages(n)); },
            ];
            if (run % 2) steps.reverse();
            for (const s of steps) await s();
            r.ours.services.push(await oursServices());
            log(`N=${n} run ${run + 1}/${RUNS}: ours ${cell(r.ours.imagesCold.slice(-1))} (reload ${cell(r.ours.imagesWarm.slice(-1))}, ${r.ours.imagesCold.at(-1).how ?? ""}), ` +
                `cockpit-podman ${cell(r.theirs.images.slice(-1))}, services ${cell(r.ours.services.slice(-1))}`);
        }
        r.ours.podmanCalls = await oursPodmanCalls(n);
        r.ours.unitLatency = await unitLatency();
        log(`N=${n}: ${r.ours.podmanCalls?.count} podman processes per load ${JSON.stringify(r.ours.podmanCalls?.byCommand)}, unit → badge ${r.ours.unitLatency.join(" ")} ms`);
        result.perN.push(r);
    }
    result.durationSeconds = Math.round((Date.now() - t0) / 1000);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, "bench.json"), JSON.stringify(result, null, 2) + "\n");
    console.log("\n" + table(result));
    console.log(`\nbench: ${result.durationSeconds} s, ${RUNS} runs per measure, JSON in ${path.relative(REPO, path.join(OUT_DIR, "bench.json"))}`);
}

let stopping = false;
process.on("SIGTERM", () => {
    if (stopping) return;
    stopping = true;
    log("stopped: cleaning up");
    cleanup().finally(() => process.exit(143));
});

let rc = 0;
try {
    await main();
} catch (e) {
    console.error(`bench failed: ${e.stack ?? e}`);
    rc = 1;
} finally {
    if (!stopping) await cleanup();
}
process.exit(rc);
