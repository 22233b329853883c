// Operations on a real host, with more than one tab and with tabs that close: every change is
// saved on the host as an operation before it runs (/var/lib/containers/system-services/ops), runs its steps
// only under the operation's lock and is finished (or undone) exactly once, by whichever tab
// takes the lock first, or by the next page that loads when no tab was open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { imageId, installUnitsDemo, rebuildUnitsDemo, removeUnitsDemoImages, UNITS_DEMO } from "./lib/units-demo.mjs";
import { exec, sleep, waitForUnitState } from "./lib/testbed.mjs";
import {
    OPS_DIR, RECORDS, BACKUPS, cleanService, fingerprint, loadPage, loadedOpUnits, openImage, openService, openTab,
    opFileExists, opIds, opJournal, opState, opUnit, readRecord, serviceMenu, waitHost, writeHostFile,
} from "./lib/ops.mjs";

const SLOW = "localhost/slow-install:latest";
const FAILING = "localhost/failing-install:latest";
const DEMO = "localhost/demo-service:latest";

// the operation panel of the install dialog, and its ID once it shows
async function startInstall(frame, ref) {
    await openImage(frame, ref);
    await frame.locator("#image-install").click();
    await frame.locator("#install-preview li[data-step]").first().waitFor();
    await frame.locator("#install-consent").check();
    await frame.locator("#install-submit").click();
    const panel = frame.locator("#install-dialog #operation");
    await panel.waitFor();
    return { panel, id: await panel.getAttribute("data-operation") };
}

// the install's unit has ended on the host (its command exited; RemainAfterExit keeps it)
async function unitEnded(id, timeout = 90_000) {
    return waitHost(`${id}.service to end`, async () => {
        const u = await opUnit(id);
        return u.SubState === "exited" || u.ActiveState === "failed" || u.LoadState === "not-found" ? u : null;
    }, { timeout, interval: 500 });
}

test("two tabs on a finishing install: the record is written once", async t => {
    await cleanService("slow-install");
    const errors = [];
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
            // two tabs on the Services view; tab 1 then opens the image's Install dialog
            await frame.locator("#nav-services").click();
            await frame.locator("#services-view, #services-empty").first().waitFor();
            const tab2 = await openTab(page.context(), errors);
            const frame2 = tab2.frame;
            await frame2.locator("#services-view, #services-empty").first().waitFor();
            const { panel, id } = await startInstall(frame, SLOW);
            assert.match(id, /^system-services-op-slow-install-install-\d+$/);
            await frame.locator("#install-dialog #operation-log").filter({ hasText: "started" }).waitFor();

            // tab 2, loaded before it started, finds the operation running (its unit appeared)
            await frame2.locator(`#operation[data-operation="${id}"][data-status="running"]`).waitFor();
            await frame2.locator('tr[data-service="slow-install"][data-operation="running"]').waitFor();
            assert.equal(await panel.getAttribute("data-status"), "running", "tab 2 came before the end");

            // both follow it to its end; one of them takes the lock and finishes it
            await frame.locator(`#install-dialog #operation[data-operation="${id}"][data-status="succeeded"]:not([data-finished-here=""])`)
                    .waitFor({ timeout: 90_000 });
            // tab 2 shows the operation it found until it ends: then with its outcome (or not at all)
            const panel2 = frame2.locator(`#operation[data-operation="${id}"]`);
            const final2 = frame2.locator(`#operation[data-operation="${id}"][data-status="succeeded"]:not([data-finished-here=""])`);
            await waitHost("tab 2 to show the end", async () => await final2.count() > 0 || await panel2.count() === 0, { interval: 100 });
            await frame2.locator('tr[data-service="slow-install"]:not([data-operation]) a').waitFor({ timeout: 30_000 });
            assert.equal(await frame2.locator("#operation-problem").count(), 0);
            assert.equal(await frame2.locator('tr[data-service="slow-install"]').count(), 1);

            // exactly one tab finished it; the other one says another tab did
            const here1 = await panel.getAttribute("data-finished-here");
            const here2 = await final2.count() > 0 ? await final2.getAttribute("data-finished-here") : null;
            if (here2 !== null)
                assert.deepEqual([here1, here2].sort(), ["false", "true"], `finished here: tab 1 ${here1}, tab 2 ${here2}`);
            const other = here1 === "false" ? frame.locator("#install-dialog #operation") : here2 === "false" ? final2 : null;
            if (other)
                await other.locator("#operation-elsewhere").waitFor();
            if (here1 === "true")
                assert.equal(await frame.locator("#install-dialog #operation-elsewhere").count(), 0);
            console.log(`# ${id}: finished by tab ${here1 === "true" ? 1 : 2} (tab 2 ${here2 === null ? "no longer shows it" : `shows finished-here=${here2}`})`);

            // on the host: the journal line once, the record once, the op file and unit gone
            await waitHost("the operation's file to go", async () => !(await opFileExists(id)));
            assert.deepEqual(await opJournal(`${id}:`), [`${id}: install of slow-install succeeded`]);
            const record = await readRecord("slow-install");
            assert.equal(record?.name, "slow-install");
            assert.equal(record.image, SLOW);
            assert.equal((await exec(`ls ${RECORDS} | grep -c '^slow-install$'`)).stdout.trim(), "1");
            assert.match((await exec("cat /etc/slow-install.installed")).stdout, /installed slow-install/);
            const state = await opState(id);
            assert.equal(state.outcome, "succeeded");
            assert.equal(state.error, null);
            assert.equal(state.results.filter(r => r && typeof r === "object" && r.name === "slow-install").length, 1,
                "one write-record result");
            await waitHost("the unit to be reset", async () => (await opUnit(id)).LoadState === "not-found");
            assert.equal(await exec(`test -e ${OPS_DIR}/${id}.lock && echo left || echo gone`).then(r => r.stdout.trim()), "gone");
            await tab2.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await cleanService("slow-install");
    }
});

// a script that takes the lock of the first failing-install operation the moment its file
// appears, and holds it while /run/ss-e2e-hold exists
const HOLD_SCRIPT = `#!/bin/bash
touch /run/ss-e2e-hold
for i in $(seq 1 9000); do
    f=$(ls ${OPS_DIR}/system-services-op-failing-install-install-*.op.json 2>/dev/null | head -n 1)
    [ -n "$f" ] && break
    sleep 0.01
done
[ -n "$f" ] || exit 1
lock="\${f%.op.json}.lock"
exec flock "$lock" /bin/bash -c 'echo "$0" > /run/ss-e2e-held; while [ -e /run/ss-e2e-hold ]; do sleep 0.05; done' "$(basename "\${f%.op.json}")"
`;

test("a failed install's restore runs once, even with two tabs, and a reload restores nothing again", async t => {
    const cleanHold = () => exec("systemctl stop ss-e2e-ops-hold.service 2>/dev/null; systemctl reset-failed ss-e2e-ops-hold.service 2>/dev/null; rm -f /run/ss-e2e-hold /run/ss-e2e-held /run/ss-e2e-hold.sh; true");
    await cleanHold();
    await cleanService("failing-install", "/etc/failing-install");
    await exec("mkdir -p /etc/failing-install/sub && echo original > /etc/failing-install/app.conf && " +
        "printf 'keep\\n' > /etc/failing-install/sub/other.conf && chmod 640 /etc/failing-install/app.conf && " +
        "chown 1:2 /etc/failing-install/sub/other.conf && " +
        // a name that is not UTF-8 (Latin-1 "café.conf"), saved and put back by its bytes
        "cd /etc/failing-install && printf 'caf\\351.conf\\0' | xargs -0 -I NAME cp /etc/os-release NAME");
    const before = await fingerprint("/etc/failing-install");
    assert.match((await exec("ls /etc/failing-install | od -c")).stdout, /c {3}a {3}f 351/, "the Latin-1 name is there");
    const errors = [];
    try {
        await writeHostFile("/run/ss-e2e-hold.sh", HOLD_SCRIPT);
        await exec("systemd-run --unit=ss-e2e-ops-hold --collect --property=RuntimeMaxSec=240 /bin/bash /run/ss-e2e-hold.sh");
        await waitHost("the lock holder to wait", async () => (await exec("test -e /run/ss-e2e-hold && echo y || echo n")).stdout.trim() === "y");
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
            const { panel, id } = await startInstall(frame, FAILING);
            // the test holds the operation's lock: nothing is finished or undone until tab 2 is there
            const held = await waitHost("the test to hold the lock", async () =>
                (await exec("cat /run/ss-e2e-held 2>/dev/null; true")).stdout.trim(), { interval: 100 });
            assert.equal(held, id);
            const tab2 = await openTab(page.context(), errors);
            const frame2 = tab2.frame;
            await frame2.locator(`#operation[data-operation="${id}"][data-status="running"]`).waitFor();
            // the INSTALL ran (if tab 1 started it before the test took the lock): let it fail first
            const started = (await opState(id))?.mainStarted === true;
            if (started) {
                const u = await unitEnded(id, 30_000);
                assert.equal(u.ActiveState, "failed");
            }
            console.log(`# ${id}: ${started ? "INSTALL failed while both tabs waited for the lock" : "the test took the lock before tab 1 started the INSTALL"}`);
            assert.equal(await panel.getAttribute("data-status"), "running");
            await exec("rm -f /run/ss-e2e-hold");

            // both tabs show it failed and undone
            const failed1 = frame.locator(`#install-dialog #operation[data-operation="${id}"][data-status="failed"]`);
            const failed2 = frame2.locator(`#operation[data-operation="${id}"][data-status="failed"]`);
            await failed1.waitFor({ state: "attached", timeout: 60_000 });
            await failed2.waitFor({ state: "attached", timeout: 60_000 });
            await failed1.locator("#operation-undone").waitFor({ state: "attached" });
            await failed2.locator("#operation-undone").waitFor({ state: "attached" });
            const here = [await failed1.getAttribute("data-finished-here"), await failed2.getAttribute("data-finished-here")];
            console.log(`# ${id}: finished here? tab 1 ${here[0]}, tab 2 ${here[1]}`);
            assert.deepEqual([...here].sort(), ["false", "true"], "exactly one tab finished it");
            await (here[0] === "false" ? failed1 : failed2).locator("#operation-elsewhere").waitFor({ state: "attached" });
            assert.equal(await fingerprint("/etc/failing-install"), before, "restored byte for byte");
            const lines = await opJournal(`${id}:`);
            assert.equal(lines.length, 1, lines.join("\n"));
            assert.match(lines[0], new RegExp(`^${id}: install of failing-install failed: .* \\(undone\\)$`));
            const left = (await exec("ls /etc/systemd/system/failing-install.service /etc/containers/system-services/failing-install 2>&1; true")).stdout;
            assert.match(left, /No such file or directory[\s\S]*No such file or directory/);

            // a change by hand after the failure; two reloads must not restore the backup again
            await exec("echo changed > /etc/failing-install/app.conf");
            const again1 = await loadPage(page);
            const again2 = await loadPage(tab2.page);
            for (const f of [again1, again2]) {
                const p = f.locator(`#operation[data-operation="${id}"][data-status="failed"]`);
                await p.waitFor({ state: "attached" });
                assert.equal(await p.getAttribute("data-finished-here"), "false");
                await p.locator("#operation-undone").waitFor({ state: "attached" });
            }
            // nothing may run for a finished operation: give a wrong restore time to show
            await sleep(2000);
            assert.equal((await exec("cat /etc/failing-install/app.conf")).stdout, "changed\n");
            assert.equal((await opJournal(`${id}:`)).length, 1);
            assert.equal((await opState(id)).outcome, "failed");

            // Dismiss: the files and the unit go
            await again1.locator(`#operation[data-operation="${id}"] #operation-dismiss`).click();
            await again1.locator(`#operation[data-operation="${id}"]`).waitFor({ state: "detached" });
            await waitHost("the op files to go", async () => (await exec(`ls ${OPS_DIR} | grep -c '^${id}' ; true`)).stdout.trim() === "0");
            await waitHost("the unit to go", async () => (await loadedOpUnits("failing-install*")) === "");
            assert.equal((await exec("cat /etc/failing-install/app.conf")).stdout, "changed\n");
            await tab2.page.close();
            assert.deepEqual(errors, []);
        });
    } finally {
        await cleanHold();
        await cleanService("failing-install", "/etc/failing-install");
    }
});

test("closing the tab during an install completes it", async t => {
    await cleanService("slow-install");
    const errors = [];
    try {
        // the first page stays on Cockpit's overview: only the tab that closes knows the operation
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const tab = await openTab(page.context(), errors);
            const { id } = await startInstall(tab.frame, SLOW);
            await tab.frame.locator("#install-dialog #operation-log").filter({ hasText: "started" }).waitFor();
            await tab.page.close();

            // the INSTALL runs on as its unit and ends; nothing else happens without a page
            const u = await unitEnded(id);
            assert.equal(`${u.ActiveState}/${u.SubState}`, "active/exited");
            assert.match((await exec("cat /etc/slow-install.installed")).stdout, /installed slow-install/);
            assert.equal(await opFileExists(id), true);
            const state = await opState(id);
            assert.equal(state.mainStarted, true);
            assert.equal(state.outcome, null);
            assert.equal(await readRecord("slow-install"), null, "no record before a page finishes it");
            assert.deepEqual(await opJournal(`${id}:`), []);

            // the next page load carries it on from the step where it stopped
            const frame = await loadPage(page);
            await frame.locator('tr[data-service="slow-install"]:not([data-operation]) a').waitFor({ timeout: 60_000 });
            await waitHost("the operation to finish", async () => !(await opFileExists(id)), { timeout: 60_000 });
            assert.deepEqual(await opJournal(`${id}:`), [`${id}: install of slow-install succeeded`]);
            const record = await readRecord("slow-install");
            assert.equal(record?.image, SLOW);
            assert.equal((await opState(id)).outcome, "succeeded");
            await waitHost("the unit to be reset", async () => (await opUnit(id)).LoadState === "not-found");
            assert.equal(await frame.locator("#operation-problem").count(), 0);
            assert.deepEqual(errors, []);
        });
    } finally {
        await cleanService("slow-install");
    }
});

// --- closing the tab right after a fast operation's submit ----------------------------------


/**
 * One case: `act(frame)` in a new tab ends with the submit click; the tab is closed at once
 * (after the op file appeared when `waitForOpFile`). Then a new tab. The change must be all or
 * nothing: `done()` with exactly one "succeeded" journal line, or `untouched()` with none.
 */
async function closeRightAfterSubmit(context, errors, c) {
    const prefix = `system-services-op-${c.service}-${c.kind}-`;
    const earlier = await opJournal(prefix);
    const fresh = async () => (await opJournal(prefix)).filter(l => !earlier.includes(l));
    const tab = await openTab(context, errors);
    await c.act(tab.frame);
    if (c.waitForOpFile) {
        await waitHost(`the ${c.kind} operation's file`, async () =>
            (await opIds(`${c.service}-${c.kind}-*`)).length > 0 || (await fresh()).length > 0, { interval: 20, timeout: 20_000 });
    }
    await tab.page.close();
    // what the closed tab had sent is carried out or dropped by now
    await sleep(1000);
    const pending = await opIds(`${c.service}-${c.kind}-*`);
    let how;
    if ((await fresh()).length > 0)
        how = "finished by the tab before it closed";
    else if (pending.length > 0)
        how = "left unfinished when the tab closed: the next page finished it";
    else
        how = "never reached the host";
    const state = pending.length > 0 ? await opState(pending[0]) : null;

    const next = await openTab(context, errors);
    if (how.startsWith("left"))
        await waitHost(`the next page to finish ${pending[0]}`, async () => (await fresh()).length > 0, { timeout: 60_000, interval: 300 });
    const lines = await fresh();
    console.log(`# ${c.kind} of ${c.service}: ${how}${state ? ` (state then: next ${state.next}, mainStarted ${state.mainStarted})` : ""}`);
    if (how === "never reached the host") {
        assert.equal(c.mustReach, undefined, `${c.kind}: the click never reached the host`);
        assert.deepEqual(lines, []);
        assert.deepEqual(await opIds(`${c.service}-${c.kind}-*`, ".state.json"), [], "no state file either");
        await c.untouched(next.frame);
    } else {
        assert.equal(lines.length, 1, `${c.kind}: journal lines\n${lines.join("\n")}`);
        const id = lines[0].slice(0, lines[0].indexOf(":"));
        assert.equal(lines[0], `${id}: ${c.kind} of ${c.service} succeeded`);
        await waitHost(`${id}'s file to go`, async () => !(await opFileExists(id)));
        await c.done(next.frame);
        // and it stays once: the next page did not run it again
        assert.deepEqual(await opJournal(`${id}:`), [lines[0]]);
    }
    assert.equal(await next.frame.locator("#operation-problem").count(), 0);
    assert.equal(await next.frame.locator('#operation[data-status="failed"]').count(), 0);
    await next.page.close();
    return how;
}

const OVERRIDE = `${RECORDS}/units-demo/host-data-list`;

async function cleanFastOps() {
    await cleanService("units-demo");
    await cleanService("ops-unit");
    await cleanService("demo-service", "/etc/demo-service");
}

// units-demo installed and running on `before`, its tag rebuilt as `after`
async function prepareUpdate() {
    const before = await installUnitsDemo("operations spec demo");
    await exec("systemctl start units-demo.service");
    const after = await rebuildUnitsDemo();
    assert.notEqual(after, before);
    return { before, after };
}

const removeUpdateImages = after => removeUnitsDemoImages("podman", after);
const taggedId = () => imageId(UNITS_DEMO);
const runningId = async () => (await exec("podman container inspect --format '{{.Image}}' units-demo")).stdout.trim();
const backupCount = async () => (await exec(`ls ${BACKUPS}/demo-service/*.tar 2>/dev/null | wc -l`)).stdout.trim();

// demo-service installed by the page (a backup of etc/demo-service/ holding "original"), then its file changed
async function installDemoWithBackup(context, errors) {
    await exec("mkdir -p /etc/demo-service && echo original > /etc/demo-service/demo.conf");
    const tab = await openTab(context, errors);
    const { id } = await startInstall(tab.frame, DEMO);
    await tab.frame.locator(`#install-dialog #operation[data-operation="${id}"][data-status="succeeded"]`).waitFor();
    await tab.page.close();
    assert.match((await exec("cat /etc/demo-service/demo.conf")).stdout, /^original\ninstalled=/);
    assert.equal(await backupCount(), "1");
}

// the UI of each fast operation, ending with its submit click
const ACT = {
    update: async f => {
        await openService(f, "units-demo");
        await serviceMenu(f, "service-update");
        await f.locator("#update-dialog-submit").click();
    },
    rollback: async f => {
        await openService(f, "units-demo");
        await serviceMenu(f, "service-rollback");
        await f.locator("#rollback-dialog-submit").click();
    },
    "list-save": async f => {
        await openService(f, "units-demo");
        await f.locator('#host-data-list-card tr[data-entry="etc/demo-service/"]').waitFor();
        await f.locator('#hdl-add:not([disabled]):not([aria-disabled="true"])').click();
        await f.locator("#hdl-entry-1").fill("etc/ops-extra/");
        await f.locator('tr[data-entry="etc/ops-extra/"]').waitFor();
        await f.locator('#hdl-save:not([disabled]):not([aria-disabled="true"])').click();
    },
    // resolves with the unit text as previewed
    "unit-write": async f => {
        await openImage(f, "localhost/run-only:latest");
        await f.locator("#image-generate-unit").click();
        await f.locator("#generate-unit-name").fill("ops-unit");
        await f.locator("#generate-unit-path").filter({ hasText: "/etc/systemd/system/ops-unit.service" }).waitFor();
        await f.locator("#generate-unit-save:not([disabled])").waitFor();
        const preview = await f.locator("#generate-unit-text").inputValue();
        await f.locator("#generate-unit-save").click();
        return preview;
    },
    restore: async f => {
        await openService(f, "demo-service");
        await f.locator("#backups-table tr[data-backup] .backup-restore").first().click();
        await f.locator("#restore-overwrite").waitFor();
        await f.locator("#restore-submit:not([disabled])").click();
    },
};

test("closing the tab during update, rollback, unit write, restore and a host-data-list save still completes each", async t => {
    await cleanFastOps();
    let after = null;
    let before = null;
    const errors = [];
    const outcomes = {};
    try {
        ({ before, after } = await prepareUpdate());
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();

            // update: deterministic, the tab closes once the operation is on the host
            outcomes.update = await closeRightAfterSubmit(context, errors, {
                service: "units-demo", kind: "update", waitForOpFile: true, mustReach: true,
                act: ACT.update,
                done: async () => {
                    const record = await readRecord("units-demo");
                    assert.equal(record.imageId, after);
                    assert.equal(record.previousImageId, before);
                    await waitForUnitState("units-demo.service", "active");
                },
            });

            // rollback: closed right after the click
            outcomes.rollback = await closeRightAfterSubmit(context, errors, {
                service: "units-demo", kind: "rollback",
                act: ACT.rollback,
                done: async () => {
                    assert.equal((await readRecord("units-demo")).imageId, before);
                    assert.equal(await taggedId(), before);
                },
                untouched: async () => {
                    assert.equal((await readRecord("units-demo")).imageId, after);
                    assert.equal(await taggedId(), after);
                },
            });

            // the host-data-list override of units-demo
            outcomes["list-save"] = await closeRightAfterSubmit(context, errors, {
                service: "units-demo", kind: "list-save",
                act: ACT["list-save"],
                done: async () => assert.equal((await exec(`cat ${OVERRIDE}`)).stdout, "etc/demo-service/\netc/ops-extra/\n"),
                untouched: async () => assert.equal((await exec(`test -e ${OVERRIDE} && echo there || echo none`)).stdout.trim(), "none"),
            });

            // Generate a unit for the RUN-only image: the unit file and a record naming it
            let preview = null;
            outcomes["unit-write"] = await closeRightAfterSubmit(context, errors, {
                service: "ops-unit", kind: "unit-write",
                act: async f => { preview = await ACT["unit-write"](f); },
                done: async () => {
                    assert.equal((await exec("cat /etc/systemd/system/ops-unit.service")).stdout, preview);
                    assert.equal((await readRecord("ops-unit"))?.unit, "ops-unit.service");
                },
                untouched: async () => {
                    assert.equal((await exec("test -e /etc/systemd/system/ops-unit.service && echo there || echo none")).stdout.trim(), "none");
                    assert.equal(await readRecord("ops-unit"), null);
                },
            });

            // restore: a backup from installing the demo service (its INSTALL changed the file)
            await installDemoWithBackup(context, errors);
            outcomes.restore = await closeRightAfterSubmit(context, errors, {
                service: "demo-service", kind: "restore",
                act: ACT.restore,
                done: async () => {
                    assert.equal((await exec("cat /etc/demo-service/demo.conf")).stdout, "original\n");
                    assert.equal(await backupCount(), "2", "the restore backed up the files first");
                },
                untouched: async () => {
                    assert.match((await exec("cat /etc/demo-service/demo.conf")).stdout, /^original\ninstalled=/);
                    assert.equal(await backupCount(), "1");
                },
            });
            console.log(`# closing right after submit: ${JSON.stringify(outcomes)}`);
            assert.deepEqual(errors, []);
        });
    } finally {
        await cleanFastOps();
        await removeUpdateImages(after);
    }
});

// a promise that rejects after `ms` instead of hanging the spec
function bounded(promise, ms, what) {
    let timer;
    return Promise.race([promise, new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
    })]).finally(() => clearTimeout(timer));
}

/**
 * The tab is closed right after the host carried out one request of a step (`cutAfter`), before
 * the page could save that the step is done: the next page runs the rest from the saved step on,
 * and the operation must still succeed exactly once, with the change made.
 */
async function closeAfterRequest(context, errors, c) {
    const prefix = `system-services-op-${c.service}-${c.kind}-`;
    const earlier = await opJournal(prefix);
    const fresh = async () => (await opJournal(prefix)).filter(l => !earlier.includes(l));
    const tab = await openTab(context, errors, { cutAfter: c.cutAfter });
    const acted = await c.act(tab.frame);
    const cut = await bounded(tab.cut, 30_000, `the request ${JSON.stringify(c.cutAfter, (_k, v) => v instanceof RegExp ? String(v) : v)}`);
    await bounded(cut.closed, 30_000, "closing the tab");
    const what = cut.request.spawn ? cut.request.spawn.join(" ").slice(0, 80) : `${cut.request.payload} ${cut.request.path}`;

    const pending = await opIds(`${c.service}-${c.kind}-*`);
    assert.equal(pending.length, 1, `${c.kind}: one unfinished operation on the host`);
    const id = pending[0];
    assert.deepEqual(await fresh(), [], `${c.kind}: nothing finished it yet`);
    const state = await opState(id);
    console.log(`# ${c.kind} of ${c.service}: the tab closed after "${what}" (${cut.answer.problem ? `problem ${cut.answer.problem}` : "done"}); ` +
        `saved state: ${state ? `next ${state.next}, mainStarted ${state.mainStarted}` : "none"}`);
    await c.between?.(acted);

    const next = await openTab(context, errors);
    try {
        await waitHost(`the next page to finish ${id}`, async () => (await fresh()).length > 0, { timeout: 60_000, interval: 300 });
        const lines = await fresh();
        assert.deepEqual(lines, [`${id}: ${c.kind} of ${c.service} succeeded`], `${c.kind}: journal`);
        await waitHost(`${id}'s file to go`, async () => !(await opFileExists(id)));
        await c.done(acted, next.frame);
        assert.equal(await next.frame.locator("#operation-problem").count(), 0);
        assert.equal(await next.frame.locator('#operation[data-status="failed"]').count(), 0);
    } finally {
        await next.page.close();
    }
}

// Runs each case; a failing one is reported at the end (with the others' results) and its
// operation removed from the host, so the next case starts clean.
function caseRunner() {
    const failures = [];
    const each = async (c, run) => {
        try {
            await run();
        } catch (e) {
            failures.push(`${c}: ${e.message.split("\n").slice(0, 6).join("\n    ")}`);
            const [service, kind] = c.split(" ");
            await exec(`systemctl stop 'system-services-op-${service}-${kind}-*' 2>/dev/null; systemctl reset-failed 'system-services-op-${service}-${kind}-*' 2>/dev/null; ` +
                `rm -f ${OPS_DIR}/system-services-op-${service}-${kind}-* ${OPS_DIR}/${service}.busy; true`);
        }
    };
    return { each, failures };
}

test("a tab closed right after a step of update, rollback or restore reached the host: the next page finishes it once", async t => {
    await cleanFastOps();
    let after = null;
    let before = null;
    const errors = [];
    const { each, failures } = caseRunner();
    try {
        ({ before, after } = await prepareUpdate());
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();

            // update: the record names the new image, the unit was not restarted yet
            await each("units-demo update", () => closeAfterRequest(context, errors, {
                service: "units-demo", kind: "update", act: ACT.update,
                cutAfter: { path: `${RECORDS}/units-demo/service.json` },
                between: async () => {
                    assert.equal((await readRecord("units-demo")).imageId, after);
                    assert.equal(await runningId(), before, "the container still runs the old image");
                },
                done: async () => {
                    const record = await readRecord("units-demo");
                    assert.equal(record.imageId, after);
                    assert.equal(record.previousImageId, before);
                    await waitForUnitState("units-demo.service", "active");
                    await waitHost("the container on the new image", async () => await runningId() === after, { timeout: 30_000 });
                },
            }));

            // rollback: its long command (podman tag) was started as a unit; that was not saved
            await each("units-demo rollback", () => closeAfterRequest(context, errors, {
                service: "units-demo", kind: "rollback", act: ACT.rollback,
                cutAfter: { spawn: /^systemd-run --unit system-services-op-units-demo-rollback-/ },
                done: async () => {
                    assert.equal((await readRecord("units-demo")).imageId, before);
                    assert.equal(await taggedId(), before);
                    await waitHost("the container on the old image", async () => await runningId() === before, { timeout: 30_000 });
                },
            }));

            // restore: the files were extracted, the step not recorded as done
            await each("demo-service restore", async () => {
                await installDemoWithBackup(context, errors);
                await closeAfterRequest(context, errors, {
                    service: "demo-service", kind: "restore", act: ACT.restore,
                    cutAfter: { spawn: /^tar --extract / },
                    between: async () => assert.equal((await exec("cat /etc/demo-service/demo.conf")).stdout, "original\n"),
                    done: async () => {
                        assert.equal((await exec("cat /etc/demo-service/demo.conf")).stdout, "original\n");
                        assert.equal(await backupCount(), "2", "one backup before the restore, not two");
                    },
                });
            });
            assert.deepEqual(errors, []);
        });
        assert.deepEqual(failures, [], `cases that failed:\n  ${failures.join("\n  ")}`);
    } finally {
        await cleanFastOps();
        await removeUpdateImages(after);
    }
});

test("a tab closed right after a host-data-list save or a unit write reached the host: the next page finishes it once", async t => {
    await cleanFastOps();
    const errors = [];
    const { each, failures } = caseRunner();
    try {
        await installUnitsDemo("operations spec demo");
        await withCockpit(t, { admin: true, path: "/", timeout: 60_000 }, async ({ page }) => {
            const context = page.context();

            // host-data-list: the override was written, the step not recorded as done
            await each("units-demo list-save", () => closeAfterRequest(context, errors, {
                service: "units-demo", kind: "list-save", act: ACT["list-save"],
                cutAfter: { path: OVERRIDE },
                between: async () => assert.equal((await exec(`cat ${OVERRIDE}`)).stdout, "etc/demo-service/\netc/ops-extra/\n"),
                done: async () => assert.equal((await exec(`cat ${OVERRIDE}`)).stdout, "etc/demo-service/\netc/ops-extra/\n"),
            }));

            // Generate a unit: the unit file was written, the record not yet
            await each("ops-unit unit-write", () => closeAfterRequest(context, errors, {
                service: "ops-unit", kind: "unit-write", act: ACT["unit-write"],
                cutAfter: { path: "/etc/systemd/system/ops-unit.service" },
                between: async preview => {
                    assert.equal((await exec("cat /etc/systemd/system/ops-unit.service")).stdout, preview);
                    assert.equal(await readRecord("ops-unit"), null);
                },
                done: async preview => {
                    assert.equal((await exec("cat /etc/systemd/system/ops-unit.service")).stdout, preview);
                    assert.equal((await readRecord("ops-unit"))?.unit, "ops-unit.service");
                },
            }));
            assert.deepEqual(errors, []);
        });
        assert.deepEqual(failures, [], `cases that failed:\n  ${failures.join("\n  ")}`);
    } finally {
        await cleanFastOps();
        await exec(`podman rmi ${UNITS_DEMO} >/dev/null 2>&1; true`);
    }
});
