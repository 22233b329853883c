// The ways out of the page into Cockpit's shell: the unit card's Logs link lands on Cockpit's
// Logs page showing that unit's journal entries and no others, and the shell's Help menu lists
// the page's documentation (manifest.json "docs") while the page is open, and not on other pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { withCockpit } from "./lib/session.mjs";
import { installUnitsDemo, UNITS_DEMO } from "./lib/units-demo.mjs";
import { cleanService, openService } from "./lib/ops.mjs";
import { COCKPIT_URL, exec, waitForUnitState } from "./lib/testbed.mjs";

const UNIT = "units-demo.service";
const LOGS_FRAME = 'iframe[name="cockpit1:localhost/system/logs"]';
const MANIFEST = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8"));

// The cursors of every journal entry the Logs page's `service` filter matches for the unit
// (its own processes, systemd's lines about it, its core dumps): what the page may show.
async function unitCursors(unit) {
    const { stdout } = await exec(`journalctl --no-pager -o json _SYSTEMD_UNIT=${unit} + COREDUMP_UNIT=${unit} + UNIT=${unit}`);
    return new Set(stdout.split("\n").filter(Boolean).map(line => JSON.parse(line).__CURSOR));
}

// The cursors of the entries the Logs page shows.
async function shownCursors(logs) {
    return logs.locator(".cockpit-logline[data-cursor]").evaluateAll(rows => rows.map(r => r.getAttribute("data-cursor")));
}

test("the unit card's Logs link opens Cockpit's Logs page with the unit's entries only", async t => {
    await cleanService("units-demo");
    const tagged = (await exec(`podman image exists ${UNITS_DEMO}`, { check: false })).code === 0;
    await installUnitsDemo("logs link spec demo");
    try {
        await exec(`systemctl start ${UNIT}`);
        await waitForUnitState(UNIT, "active");
        const container = (await exec("podman container inspect --format '{{.Id}}' units-demo")).stdout.trim();
        await withCockpit(t, { admin: true, timeout: 30_000 }, async ({ page, frame }) => {
            await openService(frame, "units-demo");
            await frame.locator(`#unit-card[data-unit="${UNIT}"]`).waitFor();
            await frame.locator("#unit-card").getByRole("button", { name: "Logs", exact: true }).click();

            // the shell moved to its Logs page, in a frame of its own
            await page.waitForURL(url => url.pathname === "/system/logs");
            const logs = page.frameLocator(LOGS_FRAME);
            const entriesOfOthers = async () => {
                const shown = await shownCursors(logs);
                const ours = await unitCursors(UNIT);
                return { shown, others: shown.filter(c => !ours.has(c)) };
            };
            await logs.locator(".cockpit-logline[data-cursor]").first().waitFor({ timeout: 30_000 });
            let { shown, others } = await entriesOfOthers();
            assert.deepEqual(others, [], `${others.length} of ${shown.length} entries shown are not ${UNIT}'s`);
            // podman's own line about starting this container, from the unit's processes (priority info)
            await logs.locator(".cockpit-logline", { hasText: `container start ${container}` }).first().waitFor({ timeout: 30_000 });
            ({ shown, others } = await entriesOfOthers());
            assert.deepEqual(others, [], `${others.length} of ${shown.length} entries shown are not ${UNIT}'s`);
            assert.ok(shown.length >= 1);
            // with the options the Logs page reads
            assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/?prio=debug&service=${UNIT}`);

            // the option the link used before, `unit`, is ignored: the same page then shows the
            // whole journal, entries of other units among them
            await page.goto(`${COCKPIT_URL}/system/logs#/?prio=debug&unit=${UNIT}`);
            await logs.locator(".cockpit-logline[data-cursor]").first().waitFor({ timeout: 30_000 });
            ({ shown, others } = await entriesOfOthers());
            assert.ok(others.length > 0, `an unfiltered Logs page shows entries of other units too (${shown.length} shown)`);
        });
    } finally {
        await cleanService("units-demo");
        if (!tagged)
            await exec(`podman rmi ${UNITS_DEMO} >/dev/null`);
    }
});

test("the shell's Help menu lists the page's documentation while the page is open", async t => {
    const docs = MANIFEST.menu.index.docs;
    assert.ok(docs.length >= 1, "manifest.json has docs");
    await withCockpit(t, { admin: true }, async ({ page }) => {
        const help = page.locator("#toggle-docs");
        await help.click();
        for (const { label, url } of docs)
            await page.locator(`a[href="${url}"]`, { hasText: label }).waitFor();
        await help.click();

        // another page's Help menu has none of them
        await page.goto(`${COCKPIT_URL}/system/logs`);
        await page.locator(LOGS_FRAME).waitFor();
        await help.click();
        await page.locator("a", { hasText: "Web Console" }).first().waitFor();
        for (const { url } of docs)
            assert.equal(await page.locator(`a[href="${url}"]`).count(), 0, `${url} is not in the Logs page's Help menu`);
    });
});
