// The host-data-list on a real host: the image's list, this host's override mounted into
// INSTALL, backups that restore a failed INSTALL byte for byte, and a save that never
// overwrites another tab's change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { COCKPIT_URL } from "./lib/testbed.mjs";
import { withCockpit, enterPage, PAGE_PATH } from "./lib/session.mjs";
import { exec, sleep } from "./lib/testbed.mjs";
import { serviceMenu } from "./lib/ops.mjs";

const DEMO = "localhost/demo-service:latest";
const FAILING = "localhost/failing-install:latest";
const OVERRIDE = "/etc/containers/system-services/demo-service/host-data-list";
const BACKUPS = "/var/lib/containers/system-services/backups";

async function cleanService(name, extra = "") {
    await exec(`systemctl disable --now ${name}.service 2>/dev/null; podman rm -f ${name} >/dev/null 2>&1;
        rm -rf /etc/systemd/system/${name}.service /etc/containers/system-services/${name} ${BACKUPS}/${name} ${extra};
        systemctl daemon-reload; systemctl stop 'system-services-op-${name}-*' 2>/dev/null;
        systemctl reset-failed 'system-services-op-${name}-*' 2>/dev/null; rm -f /var/lib/containers/system-services/ops/system-services-op-${name}-*; true`);
}

async function openImage(frame, ref) {
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${ref}"] a`).first().click();
    await frame.locator(`#image-details[data-image="${ref}"]`).waitFor();
}

async function openService(frame, name) {
    await frame.locator("#nav-services").click();
    await frame.locator(`tr[data-service="${name}"] a`).click();
    await frame.locator(`#service-details[data-service="${name}"]`).waitFor();
}

// the install dialog, once the list in effect is read and the backup planned
async function openInstall(frame, ref) {
    await openImage(frame, ref);
    await frame.locator("#image-install").click();
    await frame.locator('#install-preview li[data-step="backup"]').waitFor();
}

// sha256, mode and owner of every file below the folder, in name order
async function fingerprint(dir) {
    return (await exec(`cd ${dir} && find . -printf '%p %y %m %U:%G\\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum`)).stdout;
}

test("the image's list is shown, an override adding etc/demo-extra/ is saved, and the next INSTALL copies it back", async t => {
    await cleanService("demo-service", "/etc/demo-extra /etc/demo-service");
    await exec("mkdir -p /etc/demo-extra && echo extra > /etc/demo-extra/x");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openImage(frame, DEMO);
            const card = frame.locator('#host-data-list-card[data-source="image"]');
            await card.locator('tr[data-entry="etc/demo-service/"]').waitFor();
            assert.equal(await card.locator("tr[data-entry]").count(), 1);

            // install once, to get the service page; the backup step comes before INSTALL
            await frame.locator("#image-install").click();
            await frame.locator('#install-preview li[data-step="backup"]').waitFor();
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            await frame.locator("#install-close").click();

            // the override: add an absolute entry, normalized with a message, with the host's facts
            await openService(frame, "demo-service");
            const editor = frame.locator('#host-data-list-card[data-source="image"]');
            await editor.locator('tr[data-entry="etc/demo-service/"]').waitFor();
            await frame.locator("#hdl-add").click();
            await frame.locator("#hdl-entry-1").fill("/etc/demo-extra/");
            const row = frame.locator('tr[data-entry="etc/demo-extra/"]');
            await row.locator('[data-note="absolute"]').waitFor();
            await row.locator('td[data-host="directory"]').waitFor();
            assert.match(await row.innerText(), /folder, 1 file,/);
            assert.match(await row.innerText(), /added/);
            // a refused entry blocks Save
            await frame.locator("#hdl-add").click();
            await frame.locator("#hdl-entry-2").fill("../etc/shadow");
            await frame.locator('tr[data-entry-index="2"] [data-note="dot-dot"]').waitFor();
            assert.ok(await frame.locator("#hdl-save").isDisabled());
            await frame.locator('tr[data-entry-index="2"] .hdl-remove').click();
            await frame.locator("#hdl-save").click();
            await frame.locator("#hdl-saved").waitFor();
            await frame.locator('#host-data-list-card[data-source="override"]').waitFor();
            assert.equal((await exec(`cat ${OVERRIDE}`)).stdout, "etc/demo-service/\netc/demo-extra/\n");

            // uninstall: the preview mounts the override; the override survives the uninstall
            await serviceMenu(frame, "service-uninstall");
            // other specs on the shared testbed may leave containers of the demo image
            if (await frame.locator("#uninstall-force").count())
                await frame.locator("#uninstall-force").check();
            assert.match(await frame.locator("#uninstall-dialog-preview").innerText(),
                new RegExp(`-v ${OVERRIDE}:/etc/host-data-list:ro --label io.github.system-services.label-run=demo-service ${DEMO} /bin/sh /uninstall.sh`));
            await frame.locator("#uninstall-dialog-consent").check();
            await frame.locator("#uninstall-dialog-submit").click();
            await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
            await frame.locator("#uninstall-dialog-close").click();
            assert.equal((await exec(`cat ${OVERRIDE}`)).stdout, "etc/demo-service/\netc/demo-extra/\n");

            // the next INSTALL: the mount is in the preview, and etc/demo-extra/x is written back
            const before = (await exec("stat -c %Z /etc/demo-extra/x")).stdout.trim();
            await sleep(1100);
            await openInstall(frame, DEMO);
            assert.match(await frame.locator('#install-preview [data-testid="command"]').innerText(),
                new RegExp(`-v ${OVERRIDE}:/etc/host-data-list:ro --label io.github.system-services.label-run=demo-service ${DEMO} /bin/sh /install.sh`));
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            const after = (await exec("stat -c %Z /etc/demo-extra/x; cat /etc/demo-extra/x")).stdout.split("\n");
            assert.notEqual(after[0], before, "the install wrote etc/demo-extra/x back (its ctime changed)");
            assert.equal(after[1], "extra", "with the same content");
            // the backup before it holds the extra folder, in a private folder
            const backup = (await exec(`stat -c %a ${BACKUPS}/demo-service; cd ${BACKUPS}/demo-service && ls *.tar | tail -1 | xargs stat -c %a && tar -tf $(ls *.tar | tail -1)`)).stdout;
            assert.match(backup, /^700\n600\n/);
            assert.match(backup, /\.\/etc\/demo-extra\/x/);
            await frame.locator("#install-close").click();

            // the backups card lists both backups
            await openService(frame, "demo-service");
            await frame.locator("#backups-table").waitFor();
            assert.equal(await frame.locator("#backups-table tr[data-backup]").count(), 3);
        });
    } finally {
        await cleanService("demo-service", "/etc/demo-extra /etc/demo-service");
    }
});

test("a failed INSTALL leaves every listed file as it was, and no unit or record", async t => {
    await cleanService("failing-install", "/etc/failing-install");
    await exec(`mkdir -p /etc/failing-install/sub && echo original > /etc/failing-install/app.conf &&
        printf 'keep\\n' > /etc/failing-install/sub/other.conf && chmod 640 /etc/failing-install/app.conf &&
        chown 1:2 /etc/failing-install/sub/other.conf`);
    const before = await fingerprint("/etc/failing-install");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openInstall(frame, FAILING);
            assert.ok(await frame.locator("#install-restore").isChecked(), "restore is on by default");
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="failed"]').waitFor({ state: "attached" });
            await frame.locator("#install-dialog #operation-undone").waitFor();
            assert.equal(await fingerprint("/etc/failing-install"), before);
            const left = (await exec("ls /etc/systemd/system/failing-install.service /etc/containers/system-services/failing-install 2>&1; true")).stdout;
            assert.match(left, /No such file or directory[\s\S]*No such file or directory/);
            await frame.locator("#install-dialog #operation-dismiss").click();
            await sleep(500);
            const units = (await exec("systemctl list-units --all --no-legend 'system-services-op-failing-install*'")).stdout;
            assert.equal(units.trim(), "");
        });
    } finally {
        await cleanService("failing-install", "/etc/failing-install");
    }
});

test("two tabs edit the same override: the second save reports a conflict", async t => {
    const id = (await exec(`podman image inspect --format '{{.Id}}' ${DEMO}`)).stdout.trim();
    const record = { version: 1, name: "hdl-conflict", image: DEMO, imageId: id, engine: "podman", installedAt: "2026-01-01T00:00:00Z",
        options: {}, extraArgs: [], unit: null, previousImageId: null };
    await cleanService("hdl-conflict");
    await exec(`mkdir -p /etc/containers/system-services/hdl-conflict && echo '${JSON.stringify(record)}' > /etc/containers/system-services/hdl-conflict/service.json`);
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
            const page2 = await page.context().newPage();
            await page2.goto(COCKPIT_URL + PAGE_PATH);
            const frame2 = await enterPage(page2);
            for (const f of [frame, frame2]) {
                await openService(f, "hdl-conflict");
                await f.locator('tr[data-entry="etc/demo-service/"]').waitFor();
                await f.locator("#hdl-add").click();
            }
            await frame.locator("#hdl-entry-1").fill("etc/first/");
            await frame.locator("#hdl-save").click();
            await frame.locator("#hdl-saved").waitFor();
            await frame2.locator("#hdl-entry-1").fill("etc/second/");
            await frame2.locator("#hdl-save").click();
            await frame2.locator("#hdl-conflict").waitFor();
            assert.equal((await exec("cat /etc/containers/system-services/hdl-conflict/host-data-list")).stdout, "etc/demo-service/\netc/first/\n");
            await frame2.locator("#hdl-reload").click();
            await frame2.locator('tr[data-entry="etc/first/"]').waitFor();
            await page2.close();
        });
    } finally {
        await cleanService("hdl-conflict");
    }
});
