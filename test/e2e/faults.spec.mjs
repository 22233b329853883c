// Fault-injection: an install cut short leaves the listed host files either installed or
// byte-identical to before, says which, and leaves no container behind.
//
// The image localhost/slow-writeback lists etc/slow-writeback/; its INSTALL copies the folder in,
// says "started", waits ~5 s, changes app.conf and adds added.conf, writes them back to the host,
// says "written back", waits ~3 s and exits 0. Each case cuts the install short at another
// moment: (a) the tab closes right after the backup's tar ran, before the page saved that step;
// (b) the tab closes while INSTALL runs; (c) the tab closes after INSTALL ended, while it waits
// for the operation's lock, before the record is written; (c') the tab closes right after the
// record was written, before the page saved that; (d) the host reboots while INSTALL runs,
// after it wrote the files back. Afterwards the folder must be exactly one of the two
// states, the page must say which, the journal must hold one line for the operation, and no
// container of the image may be left.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { withCockpit } from "./lib/session.mjs";
import { exec, TESTBED_SH } from "./lib/testbed.mjs";
import {
    OPS_DIR, RECORDS, cleanService, fingerprint, loadedOpUnits, openImage, openTab, opFileExists, opIds, opJournal, opState,
    opUnit, readRecord, waitHost,
} from "./lib/ops.mjs";

const NAME = "slow-writeback";
const IMAGE = "localhost/slow-writeback:latest";
const DIR = "/etc/slow-writeback";
const SIM = "/var/tmp/ss-faults-installed";
const HOLD_UNIT = "ss-e2e-faults-hold.service";
const LABEL_RUN = "io.github.system-services.label-run";
const outcomes = {};

after(() => console.log(`# fault-injection outcomes: ${JSON.stringify(outcomes)}`));

// a promise that rejects after `ms` instead of hanging the spec
function bounded(promise, ms, what) {
    let timer;
    return Promise.race([promise, new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
    })]).finally(() => clearTimeout(timer));
}

// test/testbed/testbed.sh on this machine (stop, boot): with the plugin and image folders the run uses
function testbed(command) {
    const env = {
        ...process.env,
        PLUGIN_DIR: process.env.PLUGIN_DIR ?? fileURLToPath(new URL("../../dist", import.meta.url)),
    };
    return new Promise((resolve, reject) => {
        execFile(TESTBED_SH, [command], { env, timeout: 300_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error)
                reject(new Error(`testbed.sh ${command} failed: ${error.message}\n${stdout}${stderr}`));
            else
                resolve(stdout);
        });
    });
}

const containersLeft = async () =>
    (await exec(`podman ps -a -q --filter ancestor=${IMAGE}`)).stdout.trim();

async function clean() {
    await exec(`systemctl stop ${HOLD_UNIT} 2>/dev/null; rm -f /run/ss-faults-hold /run/ss-faults-held; rm -rf ${SIM}; ` +
        `podman ps -a -q --filter ancestor=${IMAGE} | xargs -r podman rm -f >/dev/null 2>&1; true`);
    await cleanService(NAME, DIR);
}

/**
 * A fresh /etc/slow-writeback (modes and owners varied) and its two fingerprints: as it is
 * (`before`), and as the INSTALL leaves it (`installed`: app.conf with one line more, added.conf new).
 */
async function prepare() {
    await clean();
    await exec(`mkdir -p ${DIR}/sub && printf 'original\\n' > ${DIR}/app.conf && chmod 640 ${DIR}/app.conf && ` +
        `printf 'key material\\n' > ${DIR}/secret.key && chmod 600 ${DIR}/secret.key && ` +
        `printf 'keep\\n' > ${DIR}/sub/other.conf && chown -R 1:2 ${DIR}/sub && chmod 750 ${DIR}/sub && ` +
        `printf '#!/bin/sh\\necho hi\\n' > ${DIR}/run.sh && chmod 755 ${DIR}/run.sh && ` +
        `: > ${DIR}/empty && chown 0:2 ${DIR}/empty && chmod 444 ${DIR}/empty`);
    const before = await fingerprint(DIR);
    await exec(`rm -rf ${SIM} && cp -a ${DIR} ${SIM} && printf 'changed by ${NAME} install\\n' >> ${SIM}/app.conf && ` +
        `(umask 022 && printf 'added by ${NAME} install\\n' > ${SIM}/added.conf)`);
    const installed = await fingerprint(SIM);
    await exec(`rm -rf ${SIM}`);
    assert.notEqual(installed, before);
    return { before, installed };
}

// the folder now: "installed", "before", or the fingerprint itself when it is neither
async function folderState(fp) {
    const now = await fingerprint(DIR);
    return now === fp.installed ? "installed" : now === fp.before ? "before" : now;
}

// the Install dialog of the image, up to the submit click (the backup step is in the plan)
async function submitInstall(frame) {
    await openImage(frame, IMAGE);
    await frame.locator("#image-install").click();
    await frame.locator('#install-preview li[data-step="backup"]').waitFor();
    assert.ok(await frame.locator("#install-restore").isChecked(), "restore on failure is on");
    await frame.locator("#install-consent").check();
    await frame.locator("#install-submit").click();
}

// the operation ID the dialog shows, once INSTALL said "started"
async function startedInDialog(frame) {
    const panel = frame.locator("#install-dialog #operation");
    await panel.waitFor();
    const id = await panel.getAttribute("data-operation");
    assert.match(id, new RegExp(`^system-services-op-${NAME}-install-\\d+$`));
    await frame.locator("#install-dialog #operation-log").filter({ hasText: "started" }).waitFor({ timeout: 60_000 });
    return id;
}

const pendingId = async () => {
    const ids = await opIds(`${NAME}-install-*`);
    assert.equal(ids.length, 1, `one operation of ${NAME} on the host: ${ids.join(", ")}`);
    return ids[0];
};

/**
 * `frame` (a page loaded after the fault) follows operation `id` to its end. Then: the folder is
 * the installed result with a record and "succeeded", or as before with "failed" and undone; the
 * page shows which; one journal line; no container of the image; after Close/Dismiss nothing of
 * the operation is left on the host. Resolves with the outcome.
 */
async function judge(frame, id, fp, label, t0) {
    const panel = frame.locator(`#operation[data-operation="${id}"]`);
    const ended = frame.locator(`#operation[data-operation="${id}"]:not([data-status="running"])`);
    await ended.waitFor({ state: "attached", timeout: 90_000 });
    const status = await ended.getAttribute("data-status");
    const finishedHere = await ended.getAttribute("data-finished-here");
    const lines = await waitHost(`the journal line of ${id}`, async () => {
        const l = await opJournal(`${id}:`);
        return l.length > 0 ? l : null;
    }, { timeout: 30_000, interval: 300 });
    const state = await opState(id);
    const folder = await folderState(fp);
    const record = await readRecord(NAME);
    const took = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`# (${label}) ${id}: ${status} (finished here: ${finishedHere}), folder ${folder.length > 20 ? "MIXED" : folder}, ` +
        `record ${record ? "written" : "none"}, ${took} s from the start of the case; journal: ${lines.join(" | ")}`);
    outcomes[label] = status;

    assert.equal(state?.outcome, status, "the state file and the page agree");
    if (status === "succeeded") {
        assert.equal(folder, "installed", `the listed files are the installed result\n--- now\n${folder}\n--- installed\n${fp.installed}`);
        assert.equal(record?.name, NAME);
        assert.equal(record.image, IMAGE);
        assert.equal(record.unit, null, "INSTALL wrote no unit");
        assert.equal(state.error, null);
        assert.deepEqual(lines, [`${id}: install of ${NAME} succeeded`]);
        assert.equal(await panel.locator("#operation-undone").count(), 0);
        assert.equal(await frame.locator(`#operation[data-operation="${id}"] .pf-m-danger`).count(), 0);
    } else {
        assert.equal(status, "failed");
        assert.equal(folder, "before", `the listed files are byte-identical to before\n--- now\n${folder}\n--- before\n${fp.before}`);
        assert.equal(record, null, "no record");
        assert.equal(state.undone, true, `undone (undoError: ${state.undoError})`);
        await panel.locator("#operation-undone").waitFor({ state: "attached" });
        assert.equal(lines.length, 1, lines.join("\n"));
        assert.match(lines[0], new RegExp(`^${id}: install of ${NAME} failed: .* \\(undone\\)$`));
    }
    assert.equal(await frame.locator("#operation-problem").count(), 0, "the page could follow it");
    // a --rm container is removed by the time its command ended; give a cleanup a moment all the same
    const gone = await waitHost("no container of the image", async () => (await containersLeft()) === "" || null,
                                { timeout: 10_000, interval: 500 }).catch(() => false);
    if (!gone) {
        const { stdout } = await exec(`podman ps -a --filter ancestor=${IMAGE} --format '{{.ID}} {{.Status}} {{.Command}}'`);
        assert.fail(`containers of ${IMAGE} left behind:\n${stdout.trim()}`);
    }

    // Close (succeeded, found on load) or Dismiss (failed): the operation's files and unit go
    if (status === "succeeded") {
        await waitHost(`${id}'s file to go`, async () => !(await opFileExists(id)));
        await panel.locator("#operation-close").click();
    } else {
        await panel.locator("#operation-dismiss").click();
    }
    await panel.waitFor({ state: "detached" });
    await waitHost("the operation's files to go", async () =>
        (await exec(`ls -1 ${OPS_DIR} | grep -c -e '^${id}' -e '^${NAME}.busy$'; true`)).stdout.trim() === "0");
    await waitHost("the operation's unit to go", async () => (await loadedOpUnits(`${NAME}-*`)) === "");
    assert.deepEqual(await opJournal(`${id}:`), lines, "still one journal line");
    return status;
}

test("(a) the tab closes right after the backup's tar ran, before the page saved the step", async t => {
    const fp = await prepare();
    const errors = [];
    const t0 = Date.now();
    try {
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();
            const tab = await openTab(context, errors, { cutAfter: { spawn: /^tar --create --file \/var\/lib\/containers\/system-services\/backups\// } });
            // the click may still be under way when the tab closes
            const acting = submitInstall(tab.frame).then(() => null, e => e);
            const cut = await bounded(tab.cut, 60_000, "the backup's tar --create");
            await bounded(cut.closed, 30_000, "closing the tab");
            const actError = await acting;
            if (actError && !/closed/i.test(actError.message))
                throw actError;

            const id = await pendingId();
            const state = await opState(id);
            const backups = (await exec(`ls -1 /var/lib/containers/system-services/backups/${NAME} 2>&1; true`)).stdout.trim().split("\n").join(" ");
            console.log(`# (a) the tab closed after "${cut.request.spawn.join(" ").slice(0, 60)}…"; saved state: ` +
                `${state ? JSON.stringify({ next: state.next, mainStarted: state.mainStarted }) : "none"}; backups folder: ${backups}`);
            assert.equal(state?.mainStarted ?? false, false, "INSTALL was not started");
            assert.equal((await opUnit(id)).LoadState, "not-found", "no INSTALL unit");
            assert.equal(await folderState(fp), "before");
            assert.deepEqual(await opJournal(`${id}:`), []);

            const next = await openTab(context, errors);
            await judge(next.frame, id, fp, "a", t0);
            // the backup taken again under the same stamp: one archive, one manifest, nothing half-done
            const files = (await exec(`ls -1 /var/lib/containers/system-services/backups/${NAME}`)).stdout.trim().split("\n");
            const stamp = files[0].replace(/\.(json|tar)$/, "");
            assert.deepEqual(files.sort(), [`${stamp}.json`, `${stamp}.tar`], `backup files: ${files.join(" ")}`);
            await next.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await clean();
    }
});

test("(b) the tab closes while INSTALL runs", async t => {
    const fp = await prepare();
    const errors = [];
    const t0 = Date.now();
    try {
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();
            const tab = await openTab(context, errors);
            await submitInstall(tab.frame);
            const id = await startedInDialog(tab.frame);
            await tab.page.close();

            const state = await opState(id);
            const unit = await opUnit(id);
            console.log(`# (b) the tab closed while INSTALL ran: unit ${unit.ActiveState}/${unit.SubState}, ` +
                `saved state ${JSON.stringify({ next: state?.next, mainStarted: state?.mainStarted })}`);
            assert.equal(unit.ActiveState, "active");
            assert.equal(unit.SubState, "running", "INSTALL still runs");
            assert.equal(state.mainStarted, true);
            assert.equal(state.outcome, null);

            // a new page finds it running, follows it and finishes it
            const next = await openTab(context, errors);
            await judge(next.frame, id, fp, "b", t0);
            await next.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await clean();
    }
});

test("(c) the tab closes after INSTALL ended, before the record is written", async t => {
    const fp = await prepare();
    const errors = [];
    const t0 = Date.now();
    try {
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();
            const tab = await openTab(context, errors);
            await submitInstall(tab.frame);
            const id = await startedInDialog(tab.frame);
            const lock = `${OPS_DIR}/${id}.lock`;

            // the test takes the operation's lock while INSTALL runs (nobody holds it then)
            await exec(`touch /run/ss-faults-hold && systemd-run --unit=${HOLD_UNIT} --collect --property=RuntimeMaxSec=180 ` +
                `flock ${lock} /bin/sh -c 'echo held > /run/ss-faults-held; while [ -e /run/ss-faults-hold ]; do sleep 0.05; done'`);
            await waitHost("the test to hold the lock", async () =>
                (await exec("cat /run/ss-faults-held 2>/dev/null; true")).stdout.trim() === "held", { interval: 100 });
            assert.equal((await opUnit(id)).SubState, "running", "the lock was taken while INSTALL ran");

            // INSTALL ends; the tab sees it and waits for the lock to write the record
            const u = await waitHost(`${id}.service to end`, async () => {
                const s = await opUnit(id);
                return s.SubState === "exited" || s.ActiveState === "failed" ? s : null;
            }, { timeout: 60_000, interval: 300 });
            assert.equal(`${u.ActiveState}/${u.SubState}`, "active/exited");
            const waiter = `pgrep -f '^flock ${lock} cat$'; true`;
            await waitHost("the tab to wait for the lock", async () => (await exec(waiter)).stdout.trim() !== "", { interval: 200 });
            await tab.page.close();
            await waitHost("the closed tab's flock to go", async () => (await exec(waiter)).stdout.trim() === "", { interval: 200 });

            const state = await opState(id);
            const op = JSON.parse((await exec(`cat ${OPS_DIR}/${id}.op.json`)).stdout);
            const folder = await folderState(fp);
            console.log("# (c) the tab closed while waiting for the lock after INSTALL ended: saved state " +
                `${JSON.stringify({ next: state.next, mainStarted: state.mainStarted })} (INSTALL is step ${op.main}), folder ${folder.length > 20 ? "MIXED" : folder}`);
            assert.equal(state.next, op.main, "the step after INSTALL was not reached");
            assert.equal(state.outcome, null);
            assert.equal(await readRecord(NAME), null, "no record yet");
            assert.equal(folder, "installed", "INSTALL wrote the files back");
            assert.deepEqual(await opJournal(`${id}:`), []);

            // the test lets go; a new page finishes it
            await exec("rm -f /run/ss-faults-hold");
            await waitHost("the test's lock to go", async () =>
                (await exec(`systemctl is-active ${HOLD_UNIT}; true`)).stdout.trim() !== "active", { interval: 100 });
            const next = await openTab(context, errors);
            await judge(next.frame, id, fp, "c", t0);
            await next.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await clean();
    }
});

test("(c') the tab closes right after the record was written, before the page saved the step", async t => {
    const fp = await prepare();
    const errors = [];
    const t0 = Date.now();
    try {
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();
            const tab = await openTab(context, errors, { cutAfter: { path: `${RECORDS}/${NAME}/service.json` } });
            await submitInstall(tab.frame);
            const cut = await bounded(tab.cut, 60_000, "the record's write");
            await bounded(cut.closed, 30_000, "closing the tab");

            const id = await pendingId();
            const state = await opState(id);
            const op = JSON.parse((await exec(`cat ${OPS_DIR}/${id}.op.json`)).stdout);
            const folder = await folderState(fp);
            console.log(`# (c') the tab closed after writing ${cut.request.path} (${cut.answer.problem ? `problem ${cut.answer.problem}` : "done"}): saved state ` +
                `${JSON.stringify({ next: state.next, mainStarted: state.mainStarted })} (write-record is step ${op.main + 1}), folder ${folder.length > 20 ? "MIXED" : folder}`);
            assert.equal(state.next, op.main + 1, "INSTALL's end was saved, the record's write was not");
            assert.equal(state.outcome, null);
            assert.equal((await readRecord(NAME))?.name, NAME, "the record was written");
            assert.equal(folder, "installed");
            assert.deepEqual(await opJournal(`${id}:`), []);

            // a new page writes the record again (its own content: done) and finishes
            const next = await openTab(context, errors);
            await judge(next.frame, id, fp, "c'", t0);
            await next.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await clean();
    }
});

test("(d) the host reboots while INSTALL runs, after it wrote the files back", async t => {
    const fp = await prepare();
    const t0 = Date.now();
    let id = null;
    let rebooted = false;
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await submitInstall(frame);
            id = await startedInDialog(frame);
        });
        // the browser is closed: nobody follows the operation (a page open across the reboot
        // would only log the lost connection)
        await waitHost("INSTALL to write the files back", async () =>
            (await exec(`journalctl -u ${id}.service -o cat --no-pager`)).stdout.includes("written back"),
        { timeout: 30_000, interval: 200 });
        const seen = Date.now();
        const unit = await opUnit(id);
        const folder = await folderState(fp);
        const state = await opState(id);
        assert.equal(unit.SubState, "running", "INSTALL still runs");
        assert.equal(folder, "installed", "INSTALL wrote the files back before the reboot");
        assert.equal(state.mainStarted, true);

        const r0 = Date.now();
        const margin = r0 - seen;
        await testbed("stop");
        rebooted = true;
        await testbed("boot");
        console.log(`# (d) rebooted while ${id}.service ran (stop began ${margin} ms after "written back" was seen; INSTALL exits ~3 s after it): ` +
            `stop + boot took ${((Date.now() - r0) / 1000).toFixed(1)} s`);
        assert.equal((await opUnit(id)).LoadState, "not-found", "the transient unit is gone after the reboot");
        assert.equal(await opFileExists(id), true, "the operation is still on the host");
        // The shutdown may cut podman's --rm short (its clean-up runs from conmon's exit command),
        // leaving INSTALL's container Created: it carries the service's label, and the page's
        // clean-up of the failed command removes it. When this reboot left none, one is created to
        // stand for it, so that the clean-up is proven on every run.
        const left = (await exec(`podman ps -a -q --filter ancestor=${IMAGE}`)).stdout.trim().split("\n").filter(Boolean);
        const labelled = (await exec(`podman ps -a -q --filter ancestor=${IMAGE} --filter label=${LABEL_RUN}=${NAME}`)).stdout.trim().split("\n").filter(Boolean);
        console.log(`# (d) containers of the image after the reboot: ${left.length} (labelled as INSTALL's: ${labelled.length})`);
        assert.deepEqual(labelled, left, "every container the reboot left is labelled as INSTALL's");
        if (left.length === 0)
            await exec(`podman create --label ${LABEL_RUN}=${NAME} ${IMAGE} true`);

        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await judge(frame, id, fp, "d", t0);
        });
    } finally {
        // the testbed may be down if the reboot failed: then there is nothing to clean
        await clean().catch(e => console.error(`# (d) cleanup failed${rebooted ? " after the reboot" : ""}: ${e.message}`));
    }
});
