// The page as an admin sees it, measured: in every table with real rows the text of adjacent
// cells stands at least 8 px apart, and a screenshot of each view and dialog at 1400×1000 goes
// to the test artifacts on every run (screenshots/, not committed) for a reviewer to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { ARTIFACTS, withCockpit } from "./lib/session.mjs";
import { RECORDS, cleanService, loadPage, openImage, openService, readRecord, writeHostFile } from "./lib/ops.mjs";
import { exec } from "./lib/testbed.mjs";

const DEMO = "localhost/demo-service:latest";
const SHOTS = path.join(ARTIFACTS, "screenshots");
const MIN_GAP = 8;

// Per row of the table: the horizontal gap between the text of each cell and the next one's,
// measured from the boxes of the cells' rendered text (not the cells, whose boxes touch).
function textGaps(table) {
    const textBox = cell => {
        const range = cell.ownerDocument.createRange();
        range.selectNodeContents(cell);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        if (boxes.length === 0)
            return null;
        return { left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)) };
    };
    return [...table.querySelectorAll("tbody tr")].map(row => {
        const cells = [...row.children].map(c => ({ text: c.innerText.trim().slice(0, 40), box: textBox(c) })).filter(c => c.box && c.text);
        const gaps = [];
        for (let i = 1; i < cells.length; i++)
            gaps.push({ between: `${cells[i - 1].text} | ${cells[i].text}`, gap: Math.round(cells[i].box.left - cells[i - 1].box.right) });
        return gaps;
    });
}

async function assertGaps(frame, selector, what) {
    const rows = await frame.locator(selector).evaluate(textGaps);
    assert.ok(rows.length > 0 && rows.some(r => r.length > 0), `${what}: a row with at least two cells of text`);
    const all = rows.flat();
    const narrow = all.filter(g => g.gap < MIN_GAP);
    console.log(`# ${what}: ${rows.length} rows, smallest gap between cell texts ${Math.min(...all.map(g => g.gap))} px`);
    assert.deepEqual(narrow, [], `${what}: cell texts closer than ${MIN_GAP} px`);
}

async function shot(page, name) {
    await fs.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

// Opens each [button, dialog id], photographs it as PREFIX-ID and closes it with Escape.
// Clicks `openers` in turn, photographs what opened once `ready` shows, closes it with Escape
async function shotOpened(page, frame, openers, ready, name) {
    for (const opener of [openers].flat())
        await frame.locator(opener).click();
    await frame.locator(ready).waitFor();
    await page.waitForTimeout(300);
    await shot(page, name);
    await page.keyboard.press("Escape");
    await frame.locator(ready).waitFor({ state: "detached" });
}

async function shotDialogs(page, frame, prefix, dialogs) {
    for (const [openers, dialog] of dialogs)
        await shotOpened(page, frame, openers, `#${dialog}`, `${prefix}-${dialog}`);
}

test("every table with real rows keeps its cells' text apart; each view and dialog is photographed", async t => {
    await cleanService("demo-service", "/etc/demo-service");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000, viewport: { width: 1400, height: 1000 } }, async ({ page, frame }) => {
            // the host's facts are one line, and the page leads with the Services list
            await frame.locator("#engine-status").filter({ hasText: "podman" }).waitFor();
            await frame.locator("#access-status").filter({ hasText: "Administrative access" }).waitFor();
            const host = await frame.locator("#host-status").boundingBox();
            console.log(`# the host line is ${Math.round(host.height)} px high`);
            assert.ok(host.height <= 30, `the host's facts take ${host.height} px`);
            assert.equal(await frame.locator('[role="tab"][aria-selected="true"]').innerText(), "Services");

            // Images: the list and the demo image's page with its host-data-list and mounts
            await frame.locator("#nav-images").click();
            await frame.locator(`#images-view tr[data-image="${DEMO}"]`).waitFor();
            await assertGaps(frame, "#images-view table", "Images");
            await shot(page, "01-images");
            await openImage(frame, DEMO);
            await frame.locator('#host-data-list-card tr[data-entry="etc/demo-service/"]').waitFor();
            await assertGaps(frame, "#image-mounts", "image mounts");
            await shot(page, "02-image");

            // Install: the dialog before and after
            await frame.locator("#image-install").click();
            await frame.locator('#install-preview li[data-step="backup"]').waitFor();
            await shot(page, "03-install-dialog");
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            await shot(page, "04-install-finished");
            await frame.locator("#install-close").click();

            // Services: the list and the service page, with backups and the host-data-list editor
            await frame.locator("#nav-services").click();
            await frame.locator('tr[data-service="demo-service"]').waitFor();
            await assertGaps(frame, 'table:has(tr[data-service="demo-service"])', "Services");
            await shot(page, "05-services");
            await openService(frame, "demo-service");
            await frame.locator("#backups-table tr[data-backup]").first().waitFor();
            await frame.locator('#host-data-list-card tr[data-entry="etc/demo-service/"]').waitFor();
            await assertGaps(frame, "#backups-table", "backups");
            await assertGaps(frame, "#hdl-table", "host-data-list editor");
            await shot(page, "06-service");
            await frame.locator("#unit-card").scrollIntoViewIfNeeded();
            await shot(page, "07-service-unit");
            await shotOpened(page, frame, "#service-menu", "#service-uninstall", "07-service-menu");

            // the service's dialogs
            await shotDialogs(page, frame, "08", [[["#service-menu", "#service-update"], "update-dialog"],
                                                 [["#service-menu", "#service-uninstall"], "uninstall-dialog"]]);
            await frame.locator("#backups-table .backup-restore").first().click();
            await frame.locator("#restore-dialog").waitFor();
            await page.waitForTimeout(300);
            await shot(page, "09-restore-dialog");
            await frame.locator("#restore-close").click();

            // without a unit, Run and Stop run the labels: the same service, recorded without one
            const record = await readRecord("demo-service");
            await writeHostFile(`${RECORDS}/demo-service/service.json`, JSON.stringify({ ...record, unit: null }, null, 4) + "\n");
            await loadPage(page);
            await openService(frame, "demo-service");
            await shotDialogs(page, frame, "09", [["#service-run", "run-dialog"], ["#service-stop", "stop-dialog"]]);

            // the RUN-only image's Generate unit dialog
            await openImage(frame, "localhost/run-only:latest");
            await shotOpened(page, frame, "#image-generate-unit", "#generate-unit-text", "10-generate-unit-dialog");
        });
        const files = await fs.readdir(SHOTS);
        assert.equal(files.filter(f => f.endsWith(".png")).length, 14, `screenshots in ${SHOTS}: ${files.join(" ")}`);
    } finally {
        await cleanService("demo-service", "/etc/demo-service");
        await exec("rm -rf /var/lib/containers/system-services/backups/demo-service");
    }
});
