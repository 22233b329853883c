// Fleet rollout: the Install and Uninstall playbooks the page on fleet-b exports (its dialogs'
// "Download playbook"), run by Debian's ansible-playbook against fleet-a and fleet-b at once.
// The service answers on both, a second run changes nothing, the page on each host lists the
// service the playbook installed (it wrote the record the page reads), and Uninstall removes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { withCockpit } from "../lib/session.mjs";
import { downloadPlaybook } from "../lib/playbook.mjs";
import { ansiblePlaybook, cleanFleetService, DEMO_ARCHIVE, FLEET_A_URL, fleetExec, fleetJournal, HOSTS, withPageOnB } from "../lib/fleet.mjs";

const DEMO = "localhost/demo-service:latest";
const NAME = "demo-service";
const HOST_NAMES = [HOSTS.a.name, HOSTS.b.name];

// What installing the demo service leaves on a host, removed (and on fleet-a the image too:
// the install playbook loads it from the archive there)
async function cleanDemo(host) {
    await cleanFleetService(host, NAME, `/etc/${NAME}`);
    if (host === "a")
        await fleetExec("a", `podman rmi -f ${DEMO} >/dev/null 2>&1; true`);
}

async function answer(host) {
    return (await fleetExec(host, "curl -s --max-time 2 http://127.0.0.1:8088/ || true")).stdout;
}

async function saved(dir, { name, text }) {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    return file;
}

function assertRecap(result, check, what) {
    for (const host of HOST_NAMES) {
        const r = result.recap[host];
        assert.ok(r, `${what}: ${host} in the recap\n${result.stdout}`);
        assert.equal(r.failed + r.unreachable, 0, `${what}: ${host} failed\n${result.stdout}`);
        check(r, host);
    }
    console.log(`# ${what}: ${HOST_NAMES.map(h => `${h} ${Object.entries(result.recap[h]).map(([k, v]) => `${k}=${v}`).join(" ")}`).join("; ")}`);
}

test("the exported Install playbook installs the demo service on both hosts, idempotently; Uninstall removes it", async t => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fleet-playbooks-"));
    await Promise.all([cleanDemo("a"), cleanDemo("b")]);
    t.after(async () => {
        await Promise.all([cleanDemo("a"), cleanDemo("b")]);
        await fs.rm(dir, { recursive: true, force: true });
    });

    // the page on fleet-b exports the Install playbook, the image loaded from the archive
    let install;
    await withPageOnB(t, {}, async ({ page, frame }) => {
        await frame.locator("#nav-images").click();
        await frame.locator(`tr[data-image="${DEMO}"] a`).click();
        await frame.locator("#image-install").click();
        await frame.locator("#install-preview").waitFor();
        const preview = await frame.locator("#install-preview").innerText();
        install = await downloadPlaybook(page, frame, "install-playbook", { archive: DEMO_ARCHIVE });
        await frame.locator("#install-close").click();
        assert.equal(install.name, `install-${NAME}.yml`);
        assert.match(install.text, /^# Exported by cockpit-system-services \S+ from fleet-b at /m);
        // the INSTALL argv the preview shows, word for word, in the playbook
        for (const word of ["--privileged", "/:/host", `NAME=${NAME}`, "io.github.system-services.label-run=demo-service", "/install.sh"]) {
            assert.ok(preview.includes(word), `${word} in the preview`);
            assert.ok(install.text.includes(`- "${word}"`), `${word} in the playbook`);
        }
    });
    const installFile = await saved(dir, install);

    const first = await ansiblePlaybook(installFile);
    assertRecap(first, r => assert.ok(r.changed > 0), "first install run");
    for (const host of ["a", "b"])
        assert.match(await answer(host), /hello from the demo system service/, `the service answers on ${host}`);
    const second = await ansiblePlaybook(installFile);
    assertRecap(second, (r, host) => assert.equal(r.changed, 0, `second run changed nothing on ${host}\n${second.stdout}`), "second install run");

    // the records are the page's own: it lists the service on each host, with its unit running
    for (const host of ["a", "b"]) {
        const record = JSON.parse((await fleetExec(host, `cat /etc/containers/system-services/${NAME}/service.json`)).stdout);
        assert.equal(record.name, NAME);
        assert.equal(record.unit, `${NAME}.service`);
        assert.match(record.imageId, /^[0-9a-f]{64}$/);
    }
    await withCockpit(t, { baseUrl: FLEET_A_URL, timeout: 60_000, journal: lines => fleetJournal("a", lines) }, async ({ frame }) => {
        await frame.locator(`tr[data-service="${NAME}"] .ss-unit-badge[data-active="active"]`).waitFor();
        assert.equal(await frame.locator("#host-name").innerText(), "fleet-a");
    });

    // the page on fleet-b exports the Uninstall playbook from the service's row
    let uninstall;
    await withPageOnB(t, {}, async ({ page, frame }) => {
        await frame.locator(`tr[data-service="${NAME}"] .ss-unit-badge[data-active="active"]`).waitFor();
        await frame.locator(`#service-menu-${NAME}`).click();
        await frame.locator("#service-uninstall").click();
        await frame.locator("#uninstall-dialog-preview").waitFor();
        uninstall = await downloadPlaybook(page, frame, "uninstall-playbook");
        await frame.locator("#uninstall-dialog-close").click();
    });
    assert.equal(uninstall.name, `uninstall-${NAME}.yml`);
    const uninstallFile = await saved(dir, uninstall);
    const removed = await ansiblePlaybook(uninstallFile);
    assertRecap(removed, r => assert.ok(r.changed > 0), "uninstall run");
    for (const host of ["a", "b"]) {
        const left = (await fleetExec(host, `ls /etc/containers/system-services/${NAME} /etc/systemd/system/${NAME}.service 2>&1;
            podman container exists ${NAME} && { echo container-left; podman ps -a --filter name=^${NAME}$ --format "{{.Status}}"; };
            systemctl is-active ${NAME}.service; true`)).stdout;
        assert.match(left, /No such file or directory[\s\S]*No such file or directory/, `${host}: ${left}`);
        // which host, the container's state and what the run did there, should it ever be left
        assert.doesNotMatch(left, /container-left/, `${host}: ${left}\n${removed.stdout}`);
        assert.doesNotMatch(await answer(host), /hello/, `the service is gone from ${host}`);
    }
    const again = await ansiblePlaybook(uninstallFile);
    assertRecap(again, (r, host) => assert.equal(r.changed, 0, `second uninstall changed nothing on ${host}\n${again.stdout}`), "second uninstall run");
});
