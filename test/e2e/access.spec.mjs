// Administrative access on and off: the read-only state, and no enabled mutating action.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";

// Every button that changes the host carries data-mutating="true"; one that is disabled says
// why in data-disabled-by: "access" (limited access) or "state" (the host's state rules it out,
// e.g. no SSSD image to switch to), the reason being its tooltip.
async function mutatingButtons(frame) {
    const buttons = frame.locator('[data-mutating="true"]');
    await buttons.first().waitFor();
    const states = await buttons.evaluateAll(els => els.map(el => ({
        label: (el.textContent || el.getAttribute("aria-label") || el.id || el.tagName).trim(),
        disabled: el.hasAttribute("disabled") || el.getAttribute("aria-disabled") === "true",
        by: el.getAttribute("data-disabled-by"),
    })));
    assert.ok(states.length > 0, "the first view has at least one mutating button");
    return states;
}

test("with limited access it shows the read-only state and no enabled mutating action", async t => {
    await withCockpit(t, { admin: false }, async ({ page, frame }) => {
        // the shell agrees: limited access
        await page.getByText("Limited access", { exact: true }).first().waitFor();
        await frame.locator("#access-status").filter({ hasText: "Limited access" }).waitFor();
        await frame.locator("#limited-access-alert").waitFor({ state: "visible" });
        // the page names the host it manages, here and in the host line (no switcher: no address)
        await frame.locator("#limited-access-alert").filter({ hasText: "system services on testbed needs administrative access" }).waitFor();
        assert.equal(await frame.locator("#host-name").innerText(), "testbed");
        assert.equal(await frame.locator("#host-address").count(), 0);
        const states = await mutatingButtons(frame);
        const enabled = states.filter(s => !s.disabled).map(s => s.label);
        assert.deepEqual(enabled, [], `mutating actions enabled with limited access: ${enabled.join(", ")}`);
        const other = states.filter(s => s.by !== "access").map(s => `${s.label} (${s.by})`);
        assert.deepEqual(other, [], `mutating actions not disabled for the access: ${other.join(", ")}`);
    });
});

test("with administrative access the mutating actions are enabled and no read-only alert shows", async t => {
    await withCockpit(t, { admin: true }, async ({ frame }) => {
        await frame.locator("#access-status").filter({ hasText: "Administrative access" }).waitFor();
        assert.equal(await frame.locator("#limited-access-alert").isVisible(), false);
        // the SSSD card comes after the first view (it reads sssd.conf): its switches are in what
        // is counted, here disabled by the state when no SSSD image is pulled yet
        await frame.locator("#sssd-card").waitFor();
        const states = await mutatingButtons(frame);
        console.log(`# mutating buttons: ${states.map(s => `${s.label}${s.by ? ` (${s.by})` : ""}`).join(", ")}`);
        // what the host's state rules out may be disabled, with its reason; nothing for the access
        const disabled = states.filter(s => s.disabled && s.by !== "state").map(s => `${s.label} (${s.by})`);
        assert.deepEqual(disabled, [], `mutating actions disabled with administrative access: ${disabled.join(", ")}`);
        const stateOnly = states.filter(s => s.by === "state");
        assert.ok(stateOnly.every(s => s.disabled), "a button disabled by the host's state is disabled");
        assert.ok(states.some(s => !s.disabled), `at least one mutating action is enabled: ${states.map(s => s.label).join(", ")}`);
    });
});
