// Cockpit's navigation search finds the page by a keyword of its manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit, enterPage, PAGE_PATH } from "./lib/session.mjs";

test('Cockpit\'s search finds the page by the keyword "sssd"', async t => {
    await withCockpit(t, { admin: true, path: "/" }, async ({ page }) => {
        const nav = page.locator("#host-apps");
        await nav.locator(".search input").fill("sssd");
        const hit = nav.locator(`a[href$="${PAGE_PATH}"]`);
        await hit.filter({ hasText: "System Services" }).waitFor();
        // found through the keyword, not the title: the shell says what matched
        assert.match(await hit.innerText(), /Contains:\s*sssd/i);
        await hit.click();
        await page.waitForURL(url => url.pathname === PAGE_PATH);
        await enterPage(page);
    });
});
