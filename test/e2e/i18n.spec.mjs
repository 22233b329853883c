// The page in German: its own strings and its menu entry (on Cockpit 287 the shell takes the
// manifest label's translation from the package's po.de.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit, FRAME } from "./lib/session.mjs";

test("with the shell in German the page and its menu entry are German", async t => {
    await withCockpit(t, { admin: true }, async ({ page }) => {
        await page.evaluate(() => {
            localStorage.setItem("cockpit.lang", "de");
            document.cookie = "CockpitLang=de; path=/";
        });
        await page.reload();
        const frame = page.frameLocator(FRAME);
        await frame.locator('#app[data-ready="true"]').waitFor();
        assert.equal(await frame.locator("h1").innerText(), "Systemdienste");
        assert.equal(await frame.locator("#nav-images").innerText(), "Images");
        assert.match(await frame.locator("#access-status").innerText(), /^Administrativer Zugriff$/);
        await page.locator('#host-apps a[href$="/system-services"]').filter({ hasText: "Systemdienste" }).waitFor();
    });
});
