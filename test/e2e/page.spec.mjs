// The page in Cockpit's shell on a real host: loads cleanly, finds podman and systemd.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { exec } from "./lib/testbed.mjs";

test("the page loads in the shell with no console errors", async t => {
    await withCockpit(t, { admin: true }, async ({ page, frame }) => {
        // the shell shows our menu entry and the page is the one on screen
        await page.locator('#host-apps a[href$="/system-services"]').waitFor();
        assert.match(page.url(), /\/system-services$/);
        await frame.locator("#engine-status").waitFor();
        // give late probes and errors a moment; withCockpit fails on any of them
        await page.waitForTimeout(1000);
    });
});

test("it shows podman's version and systemd as available", async t => {
    const podman = (await exec("podman version --format '{{.Client.Version}}'")).stdout.trim();
    const systemd = (await exec("systemctl --version | head -n1")).stdout.match(/^systemd (\d+)/)[1];
    assert.match(podman, /^\d+\.\d+/);
    await withCockpit(t, { admin: true }, async ({ frame }) => {
        const engine = frame.locator("#engine-status");
        await engine.filter({ hasText: podman }).waitFor();
        assert.match(await engine.innerText(), new RegExp(`podman\\b.*${podman.replaceAll(".", "\\.")}`, "i"));
        const sd = frame.locator("#systemd-status");
        await sd.filter({ hasText: systemd }).waitFor();
        assert.match(await sd.innerText(), new RegExp(`systemd\\b.*\\b${systemd}\\b`, "i"));
    });
});
