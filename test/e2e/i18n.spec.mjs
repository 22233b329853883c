// The page in German and in Czech: its own strings, its menu entry (on Cockpit 287 the shell
// takes the manifest label's translation from the package's po.LANG.js, served as po.js),
// counts in each language's plural forms, dates in the language's style, and <html lang dir>.
// The language is the shell's: the CockpitLang cookie (what the shell's language dialog sets).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit, FRAME } from "./lib/session.mjs";
import { exec } from "./lib/testbed.mjs";

const DEMO = "localhost/demo-service:latest";
// the demo-service image's host-data-list names this folder; its row shows the file count
const LISTED = "/etc/demo-service";
const SAVED = "/etc/demo-service.i18n-saved";

async function inLanguage(page, lang) {
    await page.evaluate(l => {
        localStorage.setItem("cockpit.lang", l);
        document.cookie = `CockpitLang=${l}; path=/`;
    }, lang);
    await page.reload();
    const frame = page.frameLocator(FRAME);
    await frame.locator('#app[data-ready="true"]').waitFor();
    return frame;
}

async function htmlOfPage(page) {
    const handle = await page.locator(FRAME).elementHandle();
    const inner = await handle.contentFrame();
    return inner.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function openDemoImage(frame) {
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${DEMO}"] a`).first().click();
    await frame.locator(`#image-details[data-image="${DEMO}"]`).waitFor();
}

// the "On this host" text of the listed folder with `n` files in it, read on the image's page
async function folderWithFiles(frame, n) {
    await exec(`rm -rf ${LISTED} && mkdir -p ${LISTED} && for i in $(seq 1 ${n}); do echo $i > ${LISTED}/f$i; done`);
    await frame.locator("#nav-services").click();
    await openDemoImage(frame);
    const cell = frame.locator('#host-data-list-card[data-source="image"] tr[data-entry="etc/demo-service/"] td[data-host="directory"]');
    await cell.waitFor();
    return cell.innerText();
}

// the demo-service image lists /etc/demo-service; whatever is there is put aside and back
async function withListedFolder(fn) {
    await exec(`rm -rf ${SAVED}; if [ -e ${LISTED} ]; then mv ${LISTED} ${SAVED}; fi`);
    try {
        await fn();
    } finally {
        await exec(`rm -rf ${LISTED}; if [ -e ${SAVED} ]; then mv ${SAVED} ${LISTED}; fi`);
    }
}

test("with the shell in German the page and its menu entry are German", async t => {
    await withCockpit(t, { admin: true }, async ({ page }) => {
        const frame = await inLanguage(page, "de");
        assert.equal(await frame.locator("h1").innerText(), "Systemdienste");
        assert.equal(await frame.locator("#nav-images").innerText(), "Images");
        assert.match(await frame.locator("#access-status").innerText(), /^Administrativer Zugriff$/);
        await page.locator('#host-apps a[href$="/system-services"]').filter({ hasText: "Systemdienste" }).waitFor();
        assert.deepEqual(await htmlOfPage(page), { lang: "de", dir: "ltr" });
        await withListedFolder(async () => {
            assert.match(await folderWithFiles(frame, 1), /^Ordner, 1 Datei, \S.*$/);
            assert.match(await folderWithFiles(frame, 5), /^Ordner, 5 Dateien, \S.*$/);
        });
        // dates in the page's language, not the browser's (en-US here): 30.11.2026, 14:27
        const created = frame.locator("#image-details .pf-v6-c-description-list__group").filter({ hasText: "Erstellt" }).locator("dd");
        assert.match(await created.innerText(), /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    });
});

test("with the shell in Czech the page, its menu entry and its counts are Czech", async t => {
    await withCockpit(t, { admin: true }, async ({ page }) => {
        const frame = await inLanguage(page, "cs");
        assert.equal(await frame.locator("h1").innerText(), "Systémové služby");
        assert.equal(await frame.locator("#nav-images").innerText(), "Obrazy");
        assert.equal(await frame.locator("#nav-services").innerText(), "Služby");
        await page.locator('#host-apps a[href$="/system-services"]').filter({ hasText: "Systémové služby" }).waitFor();
        assert.deepEqual(await htmlOfPage(page), { lang: "cs", dir: "ltr" });
        // Czech has three plural forms: 1, 2–4, and the rest
        await withListedFolder(async () => {
            assert.match(await folderWithFiles(frame, 1), /^složka, 1 soubor, \S.*$/);
            assert.match(await folderWithFiles(frame, 2), /^složka, 2 soubory, \S.*$/);
            assert.match(await folderWithFiles(frame, 5), /^složka, 5 souborů, \S.*$/);
        });
        // 30. 11. 2026 14:27
        const created = frame.locator("#image-details .pf-v6-c-description-list__group").filter({ hasText: "Vytvořeno" }).locator("dd");
        assert.match(await created.innerText(), /^\d{1,2}\. \d{1,2}\. \d{4}\s\d{1,2}:\d{2}$/);
    });
});

test("with the shell in Hebrew (right to left) the page's frame is right to left too", async t => {
    await withCockpit(t, { admin: true }, async ({ page }) => {
        await inLanguage(page, "he");
        assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
        assert.deepEqual(await htmlOfPage(page), { lang: "he", dir: "rtl" });
    });
});
