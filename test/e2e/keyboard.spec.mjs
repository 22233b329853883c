// The page with the keyboard alone: the view tabs (WAI-ARIA tabs: arrow keys, Home and End
// move and open a view), then the demo image installed through its Install dialog with Tab,
// Shift+Tab, typing, Space and Enter; no click anywhere. The service is removed afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { cleanService, pageFrame, readRecord } from "./lib/ops.mjs";

const DEMO = "localhost/demo-service:latest";
const NAME = "kbd-demo";

// presses Tab (Shift+Tab with `back`) until the page's focused element matches `selector`
async function tabTo(page, selector, { back = false, max = 120 } = {}) {
    const frame = await pageFrame(page);
    for (let i = 0; i < max; i++) {
        if (await frame.evaluate(sel => document.hasFocus() && !!document.activeElement?.matches(sel), selector))
            return i;
        await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    }
    throw new Error(`${selector} not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

async function focusedId(page) {
    return (await pageFrame(page)).evaluate(() => document.activeElement?.id ?? "");
}

test("keyboard only: the view tabs, and an install through the Install dialog", async t => {
    await cleanService(NAME, "/etc/demo-service");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
            await frame.locator("#services-view, #services-empty").first().waitFor();
            // from the shell into the page: the selected tab is the tab list's one stop
            const presses = await tabTo(page, "#nav-services");
            console.log(`# Tab pressed ${presses} times to reach the Services tab`);
            assert.equal(await frame.locator("#nav-images").getAttribute("tabindex"), "-1");

            const selected = async (id, view) => {
                await frame.locator(`#${id}[aria-selected="true"][tabindex="0"]`).waitFor();
                await frame.locator(view).first().waitFor();
                assert.equal(await focusedId(page), id);
                assert.equal(await frame.locator('[role="tabpanel"]').getAttribute("aria-labelledby"), id);
            };
            await page.keyboard.press("ArrowRight");
            await selected("nav-images", "#images-view");
            await page.keyboard.press("ArrowLeft");
            await selected("nav-services", "#services-view, #services-empty");
            await page.keyboard.press("End");
            await selected("nav-images", "#images-view");
            await page.keyboard.press("Home");
            await selected("nav-services", "#services-view, #services-empty");
            await page.keyboard.press("ArrowLeft");     // wraps around
            await selected("nav-images", "#images-view");

            // the demo image's row: Install… opens the dialog
            await frame.locator(`tr[data-image="${DEMO}"] .ss-row-install`).waitFor();
            await tabTo(page, `tr[data-image="${DEMO}"] .ss-row-install`);
            await page.keyboard.press("Enter");
            await frame.locator("#install-dialog").waitFor();
            await frame.locator('#install-preview li[data-step="backup"]').waitFor();

            // a name of its own, typed over the proposed one
            await tabTo(page, "#install-name");
            await page.keyboard.press("Control+A");
            await page.keyboard.type(NAME);
            await frame.locator(`#install-preview:has-text("NAME=${NAME}")`).waitFor();
            await frame.locator("#install-consent").waitFor();
            await tabTo(page, "#install-consent");
            await page.keyboard.press("Space");
            assert.ok(await frame.locator("#install-consent").isChecked());
            // back from the footer: Shift+Tab reaches the Install button too
            await tabTo(page, "#install-close");
            await tabTo(page, "#install-submit", { back: true });
            await page.keyboard.press("Enter");
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor({ timeout: 90_000 });
            assert.equal((await readRecord(NAME))?.image, DEMO);

            await tabTo(page, "#install-close");
            await page.keyboard.press("Enter");
            await frame.locator("#install-dialog").waitFor({ state: "detached" });
        });
    } finally {
        await cleanService(NAME, "/etc/demo-service");
    }
});
