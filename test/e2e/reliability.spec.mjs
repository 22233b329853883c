// Faults that must never cost host data or run something else than the preview showed: a host
// unit of the service's name, "$" in a command, two installs of one name at once, and the
// journal noise of asking systemd about transient units that are gone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { COCKPIT_URL, exec } from "./lib/testbed.mjs";
import { enterPage, PAGE_PATH, withCockpit } from "./lib/session.mjs";
import { serviceMenu } from "./lib/ops.mjs";

const RECORDS = "/etc/containers/system-services";
let since = "";

async function clean(name) {
    await exec(`podman rm -f ${name} >/dev/null 2>&1; rm -rf ${RECORDS}/${name} /etc/${name}.installed;
        systemctl stop 'system-services-op-${name}-*' 2>/dev/null; systemctl reset-failed 'system-services-op-${name}-*' 2>/dev/null;
        rm -f /var/lib/containers/system-services/ops/system-services-op-${name}-* /var/lib/containers/system-services/ops/${name}.busy; true`);
}

async function openInstall(frame, ref) {
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${ref}"] a`).first().click();
    await frame.locator(`#image-details[data-image="${ref}"]`).waitFor();
    await frame.locator("#image-install").click();
    await frame.locator("#install-dialog").waitFor();
}

// the journal lines the runner wrote for operations of NAME since the spec began
async function finished(name) {
    const out = (await exec(`journalctl --since '${since}' -t system-services -o cat --no-pager`)).stdout;
    return out.split("\n").filter(l => l.includes(`system-services-op-${name}-`));
}

test.before(async () => {
    since = (await exec("date '+%Y-%m-%d %H:%M:%S'")).stdout.trim();
});

test("an INSTALL that writes no unit never takes the host's own unit of the same name, and Uninstall leaves it alone", async t => {
    const name = "e2e-hostunit";
    await clean(name);
    await exec(`printf '[Service]\\nExecStart=/bin/sleep infinity\\n' > /lib/systemd/system/${name}.service && systemctl daemon-reload && systemctl start ${name}.service`);
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openInstall(frame, "localhost/quiet-install:latest");
            await frame.locator("#install-name").fill(name);
            await frame.locator("#install-submit:not([disabled])").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            const record = JSON.parse((await exec(`cat ${RECORDS}/${name}/service.json`)).stdout);
            assert.equal(record.unit, null, "the host's unit is not the service's");
            await frame.locator("#install-no-unit").waitFor();
            await frame.locator("#install-close").click();

            await frame.locator("#nav-services").click();
            await frame.locator(`tr[data-service="${name}"] a`).click();
            await serviceMenu(frame, "service-uninstall");
            await frame.locator("#uninstall-dialog-preview").waitFor();
            assert.doesNotMatch(await frame.locator("#uninstall-dialog-preview").innerText(), new RegExp(`${name}\\.service`));
            await frame.locator("#uninstall-dialog-submit").click();
            await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
        });
        assert.equal((await exec(`systemctl is-active ${name}.service`, { check: false })).stdout.trim(), "active");
        assert.equal((await exec(`test -f /lib/systemd/system/${name}.service && echo kept`)).stdout.trim(), "kept");
    } finally {
        await exec(`systemctl stop ${name}.service; rm -f /lib/systemd/system/${name}.service; systemctl daemon-reload`);
        await clean(name);
    }
});

test("a \"$\" in a command reaches it as the preview shows it: systemd expands nothing", async t => {
    await clean("echo-args");
    const args = ["a$$b", "${HOME}", "$x", "$"];
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openInstall(frame, "localhost/echo-args:latest");
            await frame.locator("#install-advanced button").first().click();
            await frame.locator("#install-extra-args").fill(args.join("\n"));
            const preview = await frame.locator('#install-preview [data-testid="command"]').innerText();
            assert.equal(preview, "/bin/echo 'a$$b' '${HOME}' '$x' '$'");
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            await frame.locator("#install-dialog #operation-log").filter({ hasText: "a$$b" }).waitFor();
            // the log holds systemd's own lines about the unit too: the command's output is one line of it
            assert.ok((await frame.locator("#install-dialog #operation-log").innerText()).split("\n").includes(args.join(" ")));
        });
        const [line] = await finished("echo-args");
        const id = line.split(":")[0];
        const output = (await exec(`journalctl -u ${id}.service -o cat --no-pager`)).stdout.split("\n");
        assert.ok(output.includes(args.join(" ")), output.join("\n"));
    } finally {
        await clean("echo-args");
    }
});

test("two tabs installing one name at once: the second is refused and the first goes on alone", async t => {
    const name = "slow-install";
    await clean(name);
    try {
        await withCockpit(t, { admin: true, timeout: 90_000 }, async ({ page, frame }) => {
            const page2 = await page.context().newPage();
            await page2.goto(COCKPIT_URL + PAGE_PATH);
            const frame2 = await enterPage(page2);
            for (const f of [frame, frame2]) {
                await openInstall(f, "localhost/slow-install:latest");
                await f.locator("#install-consent").check();
            }
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="running"]').waitFor();
            await frame2.locator("#install-submit").click();
            await frame2.locator("#install-dialog .ss-error").filter({ hasText: "Another operation of slow-install" }).waitFor();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor({ timeout: 60_000 });
            await page2.close();
        });
        assert.equal((await finished(name)).length, 1, "one operation ran");
        assert.match((await exec(`cat /etc/${name}.installed`)).stdout, /installed slow-install/);
    } finally {
        await clean(name);
    }
});

test("the journal holds no complaint about transient units the page asked for after they were gone", async () => {
    // systemd's own line starts with the unit's name; the line of this very command, which
    // systemd logs too, starts with "Started run-u…"
    const noise = (await exec(`journalctl --since '${since}' --no-pager -o cat | grep '^system-services-op-[^ ]*[.]service: Failed to open' || true`)).stdout.trim();
    assert.equal(noise, "");
});

test("reading an image's host-data-list leaves no container behind, even when the page goes away at once", async t => {
    const LABEL = "io.github.system-services.copy-out";
    // a read cut short long ago (SIGKILL, a reboot) left one: it carries our label
    await exec(`podman create --label ${LABEL}=1 --entrypoint /bin/false localhost/demo-service:latest >/dev/null`);
    await exec(`podman ps -a -q --filter label=${LABEL} | xargs -r podman container inspect --format '{{.Id}}' >/dev/null`);
    await withCockpit(t, { admin: true }, async ({ page }) => {
        for (let i = 0; i < 3; i++) {
            const tab = await page.context().newPage();
            await tab.goto(COCKPIT_URL + PAGE_PATH);
            const frame = await enterPage(tab);
            await frame.locator("#nav-images").click();
            await frame.locator('tr[data-image="localhost/demo-service:latest"] a').click();
            await frame.locator("#image-details").waitFor();
            await tab.close();
        }
    });
    let left = "";
    for (let i = 0; i < 20; i++) {
        left = (await exec(`podman ps -a --filter label=${LABEL} --format '{{.ID}} {{.Created}}'`)).stdout.trim();
        if (left.split("\n").filter(Boolean).length <= 1)
            break;
        await new Promise(resolve => setTimeout(resolve, 500));
    }
    // only the old leftover may still be there (it goes on the first read a minute after it was made)
    assert.ok(left.split("\n").filter(Boolean).length <= 1, left);
    await exec(`podman ps -a -q --filter label=${LABEL} | xargs -r podman rm -f -v >/dev/null; true`);
});

// An INSTALL that ran but whose record was never written (a reboot in between, another tool):
// its unit is listed as "not installed here", and the page offers to adopt it or clean it up.
test("a service installed without a record is offered for adoption or clean-up", async t => {
    const { cleanService, readRecord } = await import("./lib/ops.mjs");
    const IMAGE = "localhost/demo-service:latest";
    const installBehindThePage = name => exec(`podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=${name} ` +
        `-e IMAGE=${IMAGE} ${IMAGE} /bin/sh /install.sh && systemctl daemon-reload`);
    for (const name of ["adopt-demo", "cleanup-demo"])
        await cleanService(name);
    try {
        await installBehindThePage("adopt-demo");
        await installBehindThePage("cleanup-demo");
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            // adopt: a record names the unit; nothing else changes
            const unitBefore = (await exec("sha256sum /etc/systemd/system/adopt-demo.service")).stdout;
            await frame.locator('tr[data-service="adopt-demo"][data-adopted="true"] a').click();
            await frame.locator("#adopted-adopt").click();
            await frame.locator("#adopt-dialog-preview").waitFor();
            await frame.locator("#adopt-dialog-submit").click();
            await frame.locator("#adopt-dialog-done").waitFor();
            const record = await readRecord("adopt-demo");
            assert.deepEqual([record?.name, record?.unit, record?.image], ["adopt-demo", "adopt-demo.service", IMAGE]);
            assert.equal((await exec("sha256sum /etc/systemd/system/adopt-demo.service")).stdout, unitBefore, "the unit is as it was");
            await frame.locator("#adopt-dialog-close").click();
            await frame.locator("#nav-services").click();
            await frame.locator('tr[data-service="adopt-demo"]:not([data-adopted])').waitFor();

            // clean up: the image's UNINSTALL runs, the unit goes
            await frame.locator('tr[data-service="cleanup-demo"][data-adopted="true"] a').click();
            await frame.locator("#adopted-cleanup").click();
            await frame.locator("#cleanup-dialog-preview").waitFor();
            const preview = await frame.locator("#cleanup-dialog-preview").innerText();
            assert.ok(preview.includes("/bin/sh /uninstall.sh"), preview);
            const consent = frame.locator("#cleanup-dialog-consent");
            if (await consent.count())
                await consent.check();
            await frame.locator("#cleanup-dialog-submit").click();
            await frame.locator("#cleanup-dialog-done").waitFor({ timeout: 60_000 });
            assert.equal((await exec("test -e /etc/systemd/system/cleanup-demo.service", { check: false })).code, 1, "the unit file is gone");
            assert.equal(await readRecord("cleanup-demo"), null);
            assert.equal((await exec("podman ps -a -q --filter label=io.github.system-services.label-run=cleanup-demo")).stdout.trim(), "");
        });
    } finally {
        for (const name of ["adopt-demo", "cleanup-demo"])
            await cleanService(name);
    }
});
