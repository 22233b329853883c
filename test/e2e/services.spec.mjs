// The System Services page on a real host: images, install, units, run/stop, uninstall,
// operations that outlive the page, broken labels, and listing cost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit, FRAME } from "./lib/session.mjs";
import { exec, sleep, waitForUnitState } from "./lib/testbed.mjs";

const DEMO = "localhost/demo-service:latest";

async function cleanService(name) {
    await exec(`systemctl disable --now ${name}.service 2>/dev/null; podman rm -f ${name} >/dev/null 2>&1;
        rm -rf /etc/systemd/system/${name}.service /etc/containers/system-services/${name} /etc/${name}.installed;
        systemctl daemon-reload; systemctl stop 'system-services-op-${name}-*' 2>/dev/null;
        systemctl reset-failed 'system-services-op-${name}-*' 2>/dev/null; rm -f /var/lib/containers/system-services/ops/system-services-op-${name}-*; true`);
}

async function openImage(page, frame, ref) {
    await page.evaluate(() => undefined);
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${ref}"] a`).click();
    await frame.locator(`#image-details[data-image="${ref}"]`).waitFor();
}

async function curlDemo() {
    return (await exec("curl -s --max-time 2 http://127.0.0.1:8088/ || true")).stdout;
}

test("the demo image installs, its unit runs it, Stop stops it and Uninstall removes it", async t => {
    await cleanService("demo-service");
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        await openImage(page, frame, DEMO);
        // labels raw and expanded, with the privilege warnings of INSTALL
        const install = frame.locator('.ss-label-view[data-label="INSTALL"]');
        assert.match(await install.locator('[data-testid="command"]').innerText(),
            /^podman run --rm --privileged -v \/:\/host -e HOST=\/host -e NAME=demo-service -e IMAGE=localhost\/demo-service:latest localhost\/demo-service:latest \/bin\/sh \/install.sh$/);
        assert.match(await install.locator(".ss-warnings").innerText(), /--privileged/);
        // INSTALL bind-mounts the host's root: the mounts table says so
        assert.match(await frame.locator("#image-mounts").innerText(), /INSTALL\s+\/\s+\/host\s+read-write/);

        await frame.locator("#image-install").click();
        const dialog = frame.locator("#install-dialog");
        await dialog.waitFor();
        assert.equal(await frame.locator("#install-name").inputValue(), "demo-service");
        // consent is required for a privileged command
        assert.equal(await frame.locator("#install-submit").isDisabled(), true);
        await frame.locator("#install-consent").check();
        await frame.locator("#install-submit").click();
        await frame.locator('#operation-status[data-status="succeeded"]').waitFor();
        const log = await frame.locator("#operation-log").innerText();
        assert.match(log, /installing demo-service from localhost\/demo-service:latest/);
        // podman's events in the operation's journal are one short line each, as in the unit's
        assert.match(log, /^container (create|start|died|remove) [0-9a-f]{12} \(image=localhost\/demo-service:latest, name=[\w.-]+\)$/m);
        assert.ok(log.split("\n").every(l => l.length <= 300), log);
        // the unit the image wrote, with Enable and Start
        await frame.locator('#unit-card[data-unit="demo-service.service"]').waitFor();
        await frame.locator("#unit-enable").click();
        await frame.locator('#unit-state[data-enabled="enabled"]').waitFor();
        await frame.locator("#unit-start").click();
        await frame.locator('#unit-state[data-active="active"]').waitFor();
        await waitForUnitState("demo-service.service", "active");
        let answer = "";
        for (let i = 0; i < 40 && !answer.includes("hello"); i++, await sleep(250))
            answer = await curlDemo();
        assert.match(answer, /hello from the demo system service/);
        // the dialog's unit card follows the journal of the unit it has just started
        await frame.locator("#install-dialog #unit-journal").filter({ hasText: "response:200" }).waitFor({ timeout: 10_000 });
        const record = JSON.parse((await exec("cat /etc/containers/system-services/demo-service/service.json")).stdout);
        assert.equal(record.name, "demo-service");
        assert.equal(record.unit, "demo-service.service");
        await frame.locator("#install-close").click();

        // the service page: its unit runs it, so the unit's Stop is the one control that stops it;
        // the STOP label is shown as text, not offered beside it
        await frame.locator("#nav-services").click();
        await frame.locator('tr[data-service="demo-service"] a').click();
        await frame.locator('#service-details[data-service="demo-service"]').waitFor();
        await frame.locator('#unit-state[data-active="active"]').waitFor();
        // the journal shows the service's own output (httpd -v logs the response to curl above),
        // podman's event lines one short line each, and no line longer than 300 characters
        await frame.locator("#unit-journal").filter({ hasText: "response:200" }).waitFor({ timeout: 10_000 });
        await frame.locator("#unit-journal").filter({ hasText: "container start " }).waitFor({ timeout: 10_000 });
        const widths = await frame.locator("#unit-journal > div").evaluateAll(ds => ds.map(d => d.innerText.length));
        assert.ok(widths.length > 3 && Math.max(...widths) <= 300, `journal line lengths: ${widths.join(" ")}`);
        assert.deepEqual(await frame.locator("#service-details button").evaluateAll(bs => bs.filter(b => /\bstop\b/i.test(b.innerText)).map(b => b.id)), ["unit-stop"]);
        assert.equal(await frame.locator("#service-run, #service-stop").count(), 0);
        // the header: the unit's state, and a kebab with the rest (no second stop in it)
        await frame.locator('#service-state[data-active="active"]').waitFor();
        await frame.locator("#service-menu").click();
        assert.deepEqual(await frame.locator('#service-details [role="menuitem"]').allInnerTexts(), ["Update…", "Roll back…", "Uninstall…"]);
        await frame.locator("#service-rollback[aria-disabled=\"true\"]").waitFor();
        await page.keyboard.press("Escape");
        await frame.locator('[role="menu"]').waitFor({ state: "detached" });
        assert.equal(await frame.locator("#service-label-stop").innerText(), "podman stop -t 2 ${NAME}");
        await frame.locator("#unit-stop").click();
        await frame.locator('#unit-state[data-active="inactive"]').waitFor();
        await frame.locator('#service-state[data-active="inactive"]').waitFor();
        assert.equal((await exec("systemctl show -p ActiveState,Result demo-service.service | sort")).stdout, "ActiveState=inactive\nResult=success\n");
        assert.doesNotMatch((await exec("podman ps --format '{{.Names}}'")).stdout, /^demo-service$/m, "the container stopped");
        assert.doesNotMatch(await curlDemo(), /hello/);

        // Uninstall from the row's kebab in the Services list: unit file, container and record go, the image stays
        await frame.locator("#nav-services").click();
        await frame.locator("#service-menu-demo-service").click();
        await frame.locator("#service-uninstall").click();
        await frame.locator("#uninstall-dialog-preview").waitFor();
        await frame.locator("#uninstall-dialog-consent").check();
        await frame.locator("#uninstall-dialog-submit").click();
        await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
        const left = (await exec(`ls /etc/systemd/system/demo-service.service /etc/containers/system-services/demo-service 2>&1;
            podman container exists demo-service && echo container-left; podman image exists ${DEMO} && echo image-kept`, { check: false })).stdout;
        assert.match(left, /No such file or directory[\s\S]*No such file or directory/);
        assert.doesNotMatch(left, /container-left/);
        assert.match(left, /image-kept/);
        await frame.locator("#uninstall-dialog-close").click();
        await frame.locator('tr[data-service="demo-service"]').waitFor({ state: "detached" });
        // the backups taken before INSTALL and UNINSTALL stay, and can still be restored from the page
        await frame.locator("#nav-services").click();
        await frame.locator('#orphan-backups [data-orphan="demo-service"] a').click();
        await frame.locator('#orphan-backups-page[data-service="demo-service"]').waitFor();
        await frame.locator('#backups-table .backup-restore:not([disabled]):not([aria-disabled="true"])').first().waitFor();
        assert.ok(await frame.locator("#backups-table tr[data-backup]").count() >= 2);
    });
    await exec("rm -rf /var/lib/containers/system-services/backups/demo-service");
});

test("an install goes on when the page reloads, and the page shows it finishing", async t => {
    await cleanService("slow-install");
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        await openImage(page, frame, "localhost/slow-install:latest");
        await frame.locator("#image-install").click();
        await frame.locator("#install-consent").check();   // it mounts the host's /etc
        await frame.locator("#install-submit").click();
        await frame.locator("#operation-log").filter({ hasText: "started" }).waitFor();
        await page.reload();
        const again = page.frameLocator(FRAME);
        await again.locator('#app[data-ready="true"]').waitFor();
        // the reloaded page finds the operation, still running, and follows it to its end
        await again.locator('#operation-status[data-status="running"]').waitFor();
        // its output so far comes from the journal, as it streams
        await again.locator("#operation-log").filter({ hasText: "slow install of slow-install: started" }).waitFor();
        await again.locator("#nav-services").click();
        await again.locator('tr[data-service="slow-install"][data-operation="running"]').waitFor();
        await again.locator('#operation-status[data-status="succeeded"]').waitFor({ timeout: 60_000 });
        assert.match(await again.locator("#operation-log").innerText(), /slow install of slow-install: finished/);
        await again.locator('tr[data-service="slow-install"] a').waitFor();
        const done = (await exec("cat /etc/slow-install.installed")).stdout;
        assert.match(done, /installed slow-install/);
        const record = JSON.parse((await exec("cat /etc/containers/system-services/slow-install/service.json")).stdout);
        assert.equal(record.image, "localhost/slow-install:latest");
    });
    await cleanService("slow-install");
});

test("an image whose label does not parse shows the error and offers no action", async t => {
    await withCockpit(t, { admin: true }, async ({ page, frame }) => {
        await openImage(page, frame, "localhost/bad-label:latest");
        assert.match(await frame.locator("#label-error").innerText(), /INSTALL/);
        const install = frame.locator("#image-install");
        assert.equal(await install.getAttribute("aria-disabled"), "true");
        assert.equal(await install.getAttribute("data-disabled-by"), "state", "disabled by its labels, not the access");
        // its tooltip says why
        await install.hover();
        await frame.locator(".pf-v6-c-tooltip").filter({ hasText: "This image's labels cannot be used" }).waitFor();
    });
});

test("with limited access the views say why the host's images are not shown and nothing can be changed", async t => {
    await withCockpit(t, { admin: false }, async ({ frame }) => {
        await frame.locator("#limited-access-alert").waitFor();
        await frame.locator("#nav-images").click();
        await frame.locator("#images-limited").waitFor();
        const states = await frame.locator('[data-mutating="true"]').evaluateAll(els =>
            els.map(el => el.hasAttribute("disabled") || el.getAttribute("aria-disabled") === "true"));
        assert.ok(states.length >= 1);
        assert.deepEqual(states.filter(d => !d), []);
    });
});
