// A browser session on the testbed's Cockpit: real login page, administrative access on or
// off, the page's iframe, and failure on any page error or console error. On failure a
// screenshot, the collected browser messages and the testbed's journal go to test/artifacts/.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../../browser.mjs";
import { COCKPIT_URL, journal } from "./testbed.mjs";
import { isAllowedNoise } from "./noise.mjs";

export const ARTIFACTS = process.env.E2E_ARTIFACTS ??
    fileURLToPath(new URL("../../artifacts/", import.meta.url));
export const PAGE_PATH = "/system-services";
export const FRAME = 'iframe[name="cockpit1:localhost/system-services"]';
export const USER = "admin";
export const PASSWORD = "foobar123";

const slug = s => s.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "test";

// Log in through Cockpit's login page. `admin` chooses administrative access ("any") or
// limited access ("none") the way the login page remembers it: localStorage["superuser:USER"].
// `baseUrl`: another Cockpit than the testbed's (the fleet's, test/e2e/lib/fleet.mjs).
export async function login(page, { admin = true, path: where = "/", baseUrl = COCKPIT_URL } = {}) {
    await page.goto(baseUrl + where);
    await page.locator("#login-user-input").fill(USER);
    await page.locator("#login-password-input").fill(PASSWORD);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value),
        [`superuser:${USER}`, admin ? "any" : "none"]);
    await page.locator("#login-button").click();
    // the shell replaces the login page; its navigation appears once the session is up
    await page.locator("#login").waitFor({ state: "hidden" });
    await page.locator("#main").waitFor();
}

// The page's iframe, waited for until what it shows first is there (#app[data-ready="true"]:
// the host's probes, access, the first listing and the operations found on the host).
export async function enterPage(page) {
    const frame = page.frameLocator(FRAME);
    await frame.locator('#app[data-ready="true"]').waitFor();
    return frame;
}

// Run `fn({ page, frame, messages })` in a fresh browser logged in to Cockpit, with the page
// open (unless `path` says otherwise, then `frame` is null). The test fails on any uncaught
// page error or console error, in the shell or in any iframe. `baseUrl` and `journal` (lines =>
// text, for the artifacts) default to the testbed's.
export async function withCockpit(t, {
    admin = true, path: where = PAGE_PATH, timeout = 20_000, viewport = { width: 1280, height: 900 },
    baseUrl = COCKPIT_URL, journal: readJournal = journal,
} = {}, fn) {
    const browser = await launchChromium();
    const messages = [];   // everything the browser said, for the artifacts
    const errors = [];     // what fails the test
    // the first error fails the test at once instead of after some wait's timeout
    let failFast;
    const firstError = new Promise((_resolve, reject) => { failFast = reject; });
    firstError.catch(() => {});
    const reportError = text => {
        errors.push(text);
        failFast(new Error(`browser reported an error: ${text}`));
    };
    let page;
    try {
        const context = await browser.newContext({ viewport });
        page = await context.newPage();
        page.setDefaultTimeout(timeout);
        page.on("pageerror", err => {
            const text = `pageerror: ${err.stack || err.message || err}`;
            messages.push(text);
            reportError(text);
        });
        page.on("console", msg => {
            const where = msg.location()?.url ?? "";
            const text = `console.${msg.type()}: ${msg.text()}${where ? ` (${where})` : ""}`;
            messages.push(text);
            if (msg.type() === "error" && !isAllowedNoise(msg.text(), where))
                reportError(text);
        });
        page.on("crash", () => reportError("page crashed"));

        await Promise.race([firstError, (async () => {
            await login(page, { admin, path: where, baseUrl });
            const frame = where === PAGE_PATH ? await enterPage(page) : null;
            await fn({ page, frame, messages });
            // late errors: let pending promises and probes settle before judging
            await page.waitForTimeout(300);
        })()]);
        if (errors.length)
            throw new Error(`browser reported ${errors.length} error(s):\n  ${errors.join("\n  ")}`);
    } catch (e) {
        if (errors.length && !/^browser reported/.test(e.message))
            e.message += `\nbrowser errors:\n  ${errors.join("\n  ")}`;
        await saveArtifacts(t, page, messages, e, readJournal).catch(err => console.error("saving artifacts failed:", err));
        throw e;
    } finally {
        await browser.close().catch(() => {});
    }
}

async function saveArtifacts(t, page, messages, error, readJournal) {
    await fs.mkdir(ARTIFACTS, { recursive: true });
    const base = path.join(ARTIFACTS, slug(t.fullName ?? t.name));
    if (page && !page.isClosed())
        await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).catch(() => {});
    await fs.writeFile(`${base}.browser.log`,
        `${error?.stack ?? error}\n\n--- browser messages ---\n${messages.join("\n")}\n`);
    await fs.writeFile(`${base}.journal.txt`, await readJournal(500));
    console.error(`artifacts: ${base}.{png,browser.log,journal.txt}`);
}
