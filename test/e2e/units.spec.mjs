// The services' systemd units on a real host: live state and journal, a unit generated from the
// RUN label, update and rollback of the image, units the page did not install, broken unit files,
// and a unit file changed on disk while it is being edited.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { installUnitsDemo, rebuildUnitsDemo, removeUnitsDemoImages, updateAndRollBack } from "./lib/units-demo.mjs";
import { exec, httpHello, waitForUnitState } from "./lib/testbed.mjs";

const RECORDS = "/etc/containers/system-services";

// Commands here are one line: a daemon-reload re-reads the transient unit that `exec` runs in, and
// a command of several lines would come back as lines of that unit (ExecStop=… and all).
async function writeFile(path, text) {
    await exec(`echo ${globalThis.Buffer.from(text).toString("base64")} | base64 -d > ${path}`);
}

async function clean(...names) {
    for (const name of names) {
        await exec(`systemctl stop ${name}.service 2>/dev/null; systemctl disable ${name}.service 2>/dev/null; ` +
            `podman rm -f ${name} >/dev/null 2>&1; rm -rf /etc/systemd/system/${name}.service ${RECORDS}/${name}; ` +
            `systemctl reset-failed ${name}.service 2>/dev/null; ` +
            `rm -f /var/lib/containers/system-services/ops/system-services-op-${name}-* /var/lib/containers/system-services/ops/${name}.busy; true`);
    }
    await exec("systemctl daemon-reload");
}


async function openService(frame, name) {
    await frame.locator("#nav-services").click();
    await frame.locator(`tr[data-service="${name}"] a`).click();
    await frame.locator(`#service-details[data-service="${name}"]`).waitFor();
}

async function readRecord(name) {
    return JSON.parse((await exec(`cat ${RECORDS}/${name}/service.json`)).stdout);
}

test("systemctl start and stop on the host show in the open page within a second, with the journal", async t => {
    await clean("units-demo");
    await installUnitsDemo("units spec demo");
    try {
        await withCockpit(t, { admin: true, timeout: 30_000 }, async ({ frame }) => {
            await openService(frame, "units-demo");
            await frame.locator('#unit-state[data-active="inactive"]').waitFor();
            await exec("systemctl start units-demo.service");
            await frame.locator('#unit-state[data-active="active"]').waitFor({ timeout: 1000 });
            // the journal follows: podman's line about starting this very container (its short ID) shows up
            const id = (await exec("podman container inspect --format '{{.Id}}' units-demo")).stdout.trim();
            await frame.locator("#unit-journal").filter({ hasText: `container start ${id.slice(0, 12)}` }).waitFor({ timeout: 10_000 });
            await exec("systemctl stop units-demo.service");
            await frame.locator('#unit-state[data-active="inactive"]').waitFor({ timeout: 1000 });
        });
    } finally {
        await clean("units-demo");
    }
});

test("Update moves the service to the rebuilt image and Rollback back to the old one, active both times", async t => {
    await clean("units-demo");
    const before = await installUnitsDemo("units spec demo");
    let after = null;
    try {
        await exec("systemctl start units-demo.service");
        after = await rebuildUnitsDemo();
        assert.notEqual(after, before);
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await updateAndRollBack(frame, "podman", before, after);
        });
    } finally {
        await clean("units-demo");
        // only what this test made: the tag and the rebuilt image; other specs' images stay
        await removeUnitsDemoImages("podman", after);
    }
});

test("a unit generated from the RUN-only image is written as previewed, starts, serves, stops and disables", async t => {
    await clean("units-runonly");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await frame.locator("#nav-images").click();
            await frame.locator('tr[data-image="localhost/run-only:latest"] a').click();
            await frame.locator("#image-generate-unit").click();
            await frame.locator("#generate-unit-name").fill("units-runonly");
            const text = frame.locator("#generate-unit-text");
            await frame.locator("#generate-unit-path").filter({ hasText: "/etc/systemd/system/units-runonly.service" }).waitFor();
            await frame.locator("#generate-unit-save:not([disabled])").waitFor();
            const preview = await text.inputValue();
            assert.match(preview, /--name units-runonly --sdnotify=conmon --cgroups=split -d/);
            await frame.locator("#generate-unit-save").click();
            await frame.locator("#generate-unit-done").waitFor();
            assert.equal((await exec("cat /etc/systemd/system/units-runonly.service")).stdout, preview);
            assert.equal((await readRecord("units-runonly")).unit, "units-runonly.service");
            await frame.locator("#generate-unit-close").click();

            // the service page, with the unit card
            await frame.locator('#service-details[data-service="units-runonly"] #unit-card').waitFor();
            await frame.locator("#unit-start").click();
            await frame.locator('#unit-state[data-active="active"]').waitFor();
            assert.match(await httpHello(8089), /hello from the run-only image/);
            await frame.locator("#unit-stop").click();
            await frame.locator('#unit-state[data-active="inactive"]').waitFor();
            await waitForUnitState("units-runonly.service", "inactive");
            await frame.locator("#unit-enable").click();
            await frame.locator('#unit-state[data-enabled="enabled"]').waitFor();
            await frame.locator("#unit-disable").click();
            await frame.locator('#unit-state[data-enabled="disabled"]').waitFor();
        });
    } finally {
        await clean("units-runonly");
    }
});

test("a unit file changed on disk while the editor is open is reported, and neither text is lost", async t => {
    await clean("units-conflict");
    try {
        await withCockpit(t, { admin: true }, async ({ frame }) => {
            await frame.locator("#nav-images").click();
            await frame.locator('tr[data-image="localhost/run-only:latest"] a').click();
            await frame.locator("#image-generate-unit").click();
            await frame.locator("#generate-unit-name").fill("units-conflict");
            await frame.locator("#generate-unit-path").filter({ hasText: "units-conflict.service" }).waitFor();
            await frame.locator("#generate-unit-save:not([disabled])").waitFor();
            const onDisk = "# written by hand meanwhile\n[Service]\nExecStart=/bin/true\n";
            await writeFile("/etc/systemd/system/units-conflict.service", onDisk);
            const text = frame.locator("#generate-unit-text");
            await text.fill((await text.inputValue()) + "# my edit\n");
            await frame.locator("#generate-unit-save").click();
            await frame.locator("#generate-unit-conflict").waitFor();
            assert.equal((await exec("cat /etc/systemd/system/units-conflict.service")).stdout, onDisk);
            assert.match(await text.inputValue(), /# my edit\n$/);
            assert.equal((await exec(`test -e ${RECORDS}/units-conflict && echo yes || echo no`)).stdout.trim(), "no");
            // nothing was written: closing the dialog leaves no failed operation behind
            await frame.locator("#generate-unit-dialog").getByRole("button", { name: "Cancel" }).click();
            await frame.locator("#generate-unit-dialog").waitFor({ state: "detached" });
            await frame.locator('#operation[data-status="failed"]').waitFor({ state: "detached" });
            assert.equal((await exec("ls /var/lib/containers/system-services/ops | grep -c units-conflict; true")).stdout.trim(), "0");
        });
    } finally {
        await clean("units-conflict");
    }
});

test("container units the page did not install are listed; a broken atomic unit and a bad unit file say why", async t => {
    const names = ["units-adopt", "units-atomic", "units-bad"];
    await clean(...names);
    const run = "/usr/bin/podman run --rm --name NAME localhost/run-only:latest /bin/busybox sleep 1000";
    const units = {
        "units-adopt": `[Service]\nExecStart=${run.replace("NAME", "units-adopt")}\n`,
        "units-atomic": "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/bin/atomic run --name=units-atomic localhost/run-only:latest\n",
        // two ExecStart= for Type=simple: systemd refuses the unit (bad-setting)
        "units-bad": `[Service]\nExecStart=${run.replace("NAME", "units-bad")}\nExecStart=${run.replace("NAME", "units-bad")}\n`,
    };
    try {
        for (const [name, text] of Object.entries(units))
            await writeFile(`/etc/systemd/system/${name}.service`, text);
        await exec("systemctl daemon-reload");
        await withCockpit(t, { admin: true }, async ({ frame }) => {
            for (const name of names)
                await frame.locator(`tr[data-service="${name}"][data-adopted="true"]`).waitFor();
            assert.match(await frame.locator('tr[data-service="units-adopt"]').innerText(), /Not installed here/);

            await frame.locator('tr[data-service="units-atomic"] a').click();
            await frame.locator('#adopted-details[data-unit="units-atomic.service"] #unit-card').waitFor();
            await frame.locator('#unit-legacy[data-broken="true"]').waitFor();
            await frame.locator("#unit-rewrite").click();
            await frame.locator("#generate-unit-path").filter({ hasText: "/etc/systemd/system/units-atomic.service" }).waitFor();
            assert.match(await frame.locator("#generate-unit-text").inputValue(), /\/usr\/bin\/podman run --rm --replace --name units-atomic/);
            await frame.locator("#generate-unit-dialog button", { hasText: "Cancel" }).click();

            await frame.locator("#nav-services").click();
            await frame.locator('tr[data-service="units-bad"] a').click();
            await frame.locator('#unit-load-error[data-load-state="bad-setting"]').waitFor();
            await frame.locator("#unit-verify").filter({ hasText: "more than one ExecStart" }).waitFor();
        });
    } finally {
        await clean(...names);
    }
});
