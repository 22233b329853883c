// Switching the host's SSSD between Debian's native sssd and the containerized one (issue 14),
// through the page's SSSD card, against the testbed's slapd: native SSSD set up as Debian leaves
// it (sssd.service and its socket units enabled); a round trip native → containerized → native
// with a directory user added during each leg resolving live; a switch to an image whose RUN
// fails at once, undone step by step until native SSSD answers again. /etc/sssd,
// /etc/nsswitch.conf and /etc/pam.d are byte-identical (sha256) after both. During each switch a
// script in the testbed samples identity lookups every 100 ms; the longest time no lookup was
// answered is printed (`# longest lookup gap (to container): N ms`).
//
// Everything done inside the testbed goes through test/images/sssd-switch-inside.sh (read-only
// at /srv/ctx): testbed.sh exec runs commands through systemd-run, which expands every $.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { withCockpit } from "./lib/session.mjs";
import { sssdImage, TESTBED_SH, testbedCommand } from "./lib/testbed.mjs";
import { readRecord, waitHost } from "./lib/ops.mjs";
import { assertAccessible } from "./lib/axe.mjs";

const INSIDE = "/srv/ctx/sssd-switch-inside.sh";
const IMAGE = "localhost/sssd:latest";
const BROKEN_IMAGE = "localhost/sssd-broken:latest";
const NAME = "sssd-container";             // the dialog's default name
const BROKEN_NAME = "sssd-broken-ct";
const UNIT = `${NAME}.service`;
const USER = "alice";                      // the user whose lookup proves a switch worked
const SAVED = "/var/tmp/ss-e2e-sssd-switch";
// directory users added during the test: never looked up before, so only a live lookup finds them
const RUN = Date.now() % 100000;
const NEW_USERS = [{ uid: `swa${RUN}`, number: 10110 }, { uid: `swb${RUN}`, number: 10111 }];
// the goal is under 5 s; the assertion leaves room for a slow machine
const GAP_LIMIT_MS = 15_000;
const SWITCH_TIMEOUT = 180_000;

// testbed.sh ARGS on this machine; resolves { code, stdout, stderr } (stdin: empty)
function testbed(args, { timeout = 120_000 } = {}) {
    return new Promise(resolve => {
        const child = execFile(TESTBED_SH, args, { timeout, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }));
        child.stdin.end();
    });
}

// sssd-switch-inside.sh ARGS in the testbed; rejects on a non-zero exit unless check is false
async function inside(args, { check = true, timeout = 120_000 } = {}) {
    const r = await testbed(["exec", INSIDE, ...args], { timeout });
    if (check && r.code !== 0)
        throw new Error(`sssd-switch-inside.sh ${args.join(" ")} exited ${r.code}\n${r.stdout}${r.stderr}`);
    return r;
}

// one command on the testbed, argv as given (no shell, so no $ to expand)
async function run(argv, { check = true } = {}) {
    const r = await testbed(["exec", ...argv]);
    if (check && r.code !== 0)
        throw new Error(`${argv.join(" ")} exited ${r.code}\n${r.stdout}${r.stderr}`);
    return r;
}

const lookup = user => run(["getent", "passwd", user], { check: false });
const fingerprint = async () => (await inside(["fingerprint"])).stdout;

// { unit: { active, enabled } } of sssd.service and its socket units
async function nativeUnits() {
    const { stdout } = await inside(["units"]);
    return Object.fromEntries(stdout.trim().split("\n").map(l => {
        const [unit, active, enabled] = l.split(" ");
        return [unit, { active, enabled }];
    }));
}

async function unitState(name) {
    const [, active, enabled] = (await inside(["unit", name])).stdout.trim().split(" ");
    return { active, enabled };
}

async function waitLookup(user, { timeout = 30_000 } = {}) {
    return waitHost(`getent passwd ${user}`, async () => {
        const r = await lookup(user);
        return r.code === 0 ? r.stdout : null;
    }, { timeout, interval: 250 });
}

/**
 * The lookup sampler (sssd-switch-inside.sh sample): `getent -s sss passwd USER` every 100 ms,
 * bypassing the memory cache (SSS_NSS_USE_MEMCACHE=NO), so that an answer means a running SSSD
 * daemon answered through /var/lib/sss/pipes/nss — the memory cache would answer a name looked
 * up before for minutes with no daemon at all, and hide the gap. The daemon may answer from its
 * own on-disk cache; that is SSSD serving the host. `stop()` resolves the longest time between
 * two answered lookups (from the first sample to the last one, which is the upper bound of the
 * time no lookup was answered, to ~0.1 s) and the counts.
 */
function startSampler(user = USER) {
    const flag = `/run/ss-e2e-sssd-switch-sample-${Date.now()}`;
    const child = spawn(TESTBED_SH, ["exec", INSIDE, "sample", flag, user], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", d => { out += d; });
    child.stderr.on("data", d => { err += d; });
    const closed = new Promise(resolve => child.on("close", resolve));
    const samples = () => out.split("\n").filter(l => /^\d+ \d+$/.test(l)).map(l => {
        const [t, rc] = l.split(" ").map(Number);
        return { t, ok: rc === 0 };
    });
    return {
        // three answered lookups in a row before the switch: the sampler runs and SSSD answers
        async ready() {
            await waitHost("the lookup sampler's first answers", async () => {
                const s = samples();
                return s.length >= 3 && s.slice(-3).every(x => x.ok);
            }, { timeout: 30_000, interval: 100 });
        },
        async stop() {
            await run(["rm", "-f", flag]);
            await closed;
            const s = samples();
            assert.ok(s.length > 0, `the sampler gave no samples: ${err}`);
            let last = s[0].ok ? s[0].t : null;
            let longest = 0;
            let failed = 0;
            for (const x of s) {
                if (!x.ok) {
                    failed++;
                    continue;
                }
                longest = Math.max(longest, x.t - (last ?? s[0].t));
                last = x.t;
            }
            // lookups that were still failing when the sampler stopped count up to its end
            longest = Math.max(longest, s[s.length - 1].t - (last ?? s[0].t));
            return { longest, samples: s.length, failed, answered: last !== null };
        },
    };
}

// The dialog from the SSSD card, filled in, consent given if asked, its preview's step kinds
// checked; resolves the steps as { kind, text, title }
async function openSwitch(frame, to, { image = IMAGE, name = NAME } = {}) {
    await frame.locator("#nav-services").click();
    await frame.locator("#sssd-card").waitFor();
    const from = to === "container" ? "native" : "container";
    await frame.locator(`#sssd-serving[data-serving="${from}"]`).waitFor({ timeout: 30_000 });
    const button = frame.locator(to === "container" ? "#sssd-to-container" : "#sssd-to-native");
    const other = frame.locator(to === "container" ? "#sssd-to-native" : "#sssd-to-container");
    assert.ok(await button.isEnabled(), `#sssd-to-${to} is enabled while SSSD is ${from}`);
    if (await other.count())
        assert.ok(!await other.isEnabled(), `the other switch is disabled while SSSD is ${from}`);
    await button.click();
    await frame.locator("#sssd-switch-dialog").waitFor();
    if (to === "container") {
        // the options' values are image IDs, their labels the images' names
        const select = frame.locator("#sssd-switch-image");
        const chosen = () => select.evaluate(el => el.options[el.selectedIndex]?.textContent.trim() ?? "");
        assert.equal(await chosen(), IMAGE, "the default image");
        if (image !== IMAGE) {
            const value = await select.evaluate((el, want) =>
                [...el.options].find(o => o.textContent.trim() === want || o.value === want)?.value ?? null, image);
            const offered = await select.evaluate(el => [...el.options].map(o => o.textContent.trim()).join(", "));
            assert.ok(value, `${image} is offered in #sssd-switch-image (${offered})`);
            await select.selectOption(value);
            assert.equal(await chosen(), image);
        }
        assert.equal(await frame.locator("#sssd-switch-name").inputValue(), NAME, "the default name");
        if (name !== NAME)
            await frame.locator("#sssd-switch-name").fill(name);
    } else {
        assert.equal(await frame.locator("#sssd-switch-image").count(), 0, "no image choice when switching to native");
        assert.equal(await frame.locator("#sssd-switch-name").count(), 0, "no name when switching to native");
    }
    await frame.locator("#sssd-switch-user").fill(USER);
    const items = frame.locator("#sssd-switch-preview li[data-step]");
    await items.first().waitFor();
    const consent = frame.locator("#sssd-switch-consent");
    if (await consent.count())
        await consent.check();
    // the preview is final once the switch can start: the host-data-list (the backup step's
    // paths) is read while the preview already shows, and the user is typed last
    await waitHost("#sssd-switch-submit to be enabled", () => frame.locator("#sssd-switch-submit").isEnabled(), { timeout: 30_000, interval: 100 });
    assert.ok((await frame.locator("#sssd-switch-preview").innerText()).includes(USER), "the preview names the user");
    // a step's title is the item's text before the command or unit it names
    const steps = await items.evaluateAll(els => els.map(e => ({
        kind: e.getAttribute("data-step"), text: e.textContent, title: (e.firstChild?.textContent ?? "").trim(),
    })));
    const kinds = steps.map(s => s.kind).join(" ");
    console.log(`# preview (to ${to}): ${kinds}`);
    if (to === "container")
        assert.match(kinds, /^backup( unit-disable)+ exec write-record daemon-reload unit-enable verify-lookup$/);
    else
        // the container's unit off, sssd.service on, Debian's socket units enabled again (not started)
        assert.match(kinds, /^backup unit-disable unit-enable( unit-enable)* verify-lookup$/);
    return steps;
}

// Sample lookups, submit, wait for the operation's end; resolves its status,
// its panel's text and the longest lookup gap
async function runSwitch(frame, label) {
    const sampler = startSampler();
    let result;
    try {
        await sampler.ready();
        await frame.locator("#sssd-switch-submit").click();
        const op = frame.locator('#sssd-switch-dialog #operation:not([data-status="running"])');
        await op.waitFor({ timeout: SWITCH_TIMEOUT });
        result = { status: await op.getAttribute("data-status"), text: await op.innerText() };
    } finally {
        const gap = await sampler.stop();
        console.log(`# longest lookup gap (${label}): ${gap.longest} ms (${gap.samples} lookups, ${gap.failed} unanswered)`);
        result = { ...result, gap };
    }
    return result;
}

// a switch that succeeds: lookups answered throughout, the dialog closed, the card names who serves
async function switchSucceeds(frame, label, serving) {
    const result = await runSwitch(frame, label);
    assert.equal(result.status, "succeeded", result.text);
    assert.ok(result.gap.answered, "lookups answered during the switch");
    assert.ok(result.gap.longest < GAP_LIMIT_MS, `longest lookup gap ${label} ${result.gap.longest} ms`);
    await frame.locator("#sssd-switch-close").click();
    await frame.locator("#sssd-switch-dialog").waitFor({ state: "detached" });
    await frame.locator(`#sssd-serving[data-serving="${serving}"]`).waitFor({ timeout: 30_000 });
}

let saved = null;          // fingerprints of the three paths with native SSSD set up

before(async () => {
    await testbedCommand(["directory"], 120_000);
    await sssdImage();
    const labels = (await inside(["build-broken"], { timeout: 300_000 })).stdout.trim();
    assert.equal(labels, "ipa realm ldap", "localhost/sssd-broken keeps localhost/sssd's labels");

    // leftovers of an interrupted run, then the host's SSSD as the testbed has it
    await inside(["uninstall", NAME]);
    await inside(["uninstall", BROKEN_NAME]);
    console.log(`# native units as the testbed has them: ${(await inside(["save", SAVED])).stdout.trim().replaceAll("\n", ", ")}`);

    // native SSSD for slapd's directory, as Debian leaves it (sssd.service and sockets enabled)
    const setup = await inside(["native-setup"], { timeout: 120_000 });
    console.log(`# native SSSD: ${setup.stdout.trim().replaceAll("\n", ", ")}`);
    await waitLookup(USER);

    // the sampler's premise: the memory cache answers alice with no daemon, the live lookup does not
    await inside(["stop-native-keep-mc"]);
    const probe = (await inside(["probe", USER])).stdout.trim();
    console.log(`# with native sssd stopped: ${probe} (cached: through /var/lib/sss/mc; live: SSS_NSS_USE_MEMCACHE=NO)`);
    assert.match(probe, /live [1-9]\d*$/, "a live lookup fails when no SSSD daemon runs");
    await run(["systemctl", "start", "sssd.service"]);
    await waitHost("native sssd to answer live again", async () => /live 0$/.test((await inside(["probe", USER])).stdout.trim()));

    saved = await fingerprint();
    assert.match(saved, /^\/etc\/sssd\/sssd.conf f 600 0 0 $/m);
    assert.match(saved, /^\/etc\/nsswitch.conf f /m);
    assert.match(saved, /^\/etc\/pam.d\/common-auth f /m);
});

after(async () => {
    const errors = [];
    const step = async (what, fn) => {
        try {
            await fn();
        } catch (e) {
            errors.push(`${what}: ${e.message}`);
        }
    };
    await step("uninstall", () => inside(["uninstall", NAME]));
    await step("uninstall broken", () => inside(["uninstall", BROKEN_NAME]));
    // native sssd stopped, disabled and masked as testbed.sh setup left it; /etc/sssd and the caches as they were
    await step("restore", () => inside(["restore", SAVED]));
    for (const { uid } of NEW_USERS)
        await step(`user-del ${uid}`, () => inside(["user-del", uid], { check: false }));
    await step("rmi", () => run(["podman", "rmi", "-f", BROKEN_IMAGE], { check: false }));
    const conf = await run(["test", "-e", "/etc/sssd/sssd.conf"], { check: false });
    if (conf.code === 0)
        errors.push("/etc/sssd/sssd.conf is still there");
    if (errors.length)
        throw new Error(`putting the testbed back failed:\n  ${errors.join("\n  ")}`);
});

test("native → containerized → native: new directory users resolve each way, the other SSSD is off, the host's files are unchanged", async t => {
    assert.ok(saved, "before() set up native SSSD");
    assert.match(await waitLookup(USER), /^alice:\*:10001:20000:/);
    const before = await nativeUnits();
    assert.equal(before["sssd.service"].active, "active");
    assert.equal(before["sssd.service"].enabled, "enabled");
    // what the switch must stop and disable: every native unit that runs or is enabled
    const toStop = Object.entries(before).filter(([, s]) => s.active === "active" || s.enabled === "enabled").map(([u]) => u);

    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        // --- to containerized ---------------------------------------------------------------
        const steps = await openSwitch(frame, "container");
        await assertAccessible(page, "SSSD switch dialog, to containerized");
        const disabled = steps.filter(s => s.kind === "unit-disable").map(s => s.text);
        for (const unit of toStop)
            assert.ok(disabled.some(text => text.includes(unit)), `the preview stops and disables ${unit}: ${disabled.join(" | ")}`);
        const exec = steps.find(s => s.kind === "exec").text;
        assert.match(exec, /\/bin\/install\.sh --migrate\b/, exec);
        assert.ok(steps.find(s => s.kind === "unit-enable").text.includes(UNIT));
        assert.ok(steps.find(s => s.kind === "verify-lookup").text.includes(USER));

        await switchSucceeds(frame, "to container", "container");

        const native = await nativeUnits();
        for (const [unit, s] of Object.entries(native)) {
            assert.notEqual(s.active, "active", `${unit} is not active with the container serving`);
            assert.notEqual(s.enabled, "enabled", `${unit} is not enabled with the container serving`);
        }
        assert.deepEqual(await unitState(NAME), { active: "active", enabled: "enabled" });
        assert.equal((await run(["podman", "container", "inspect", "--format", "{{.State.Running}}", NAME])).stdout.trim(), "true");
        const record = await readRecord(NAME);
        assert.ok(record, `a record of ${NAME}`);
        assert.equal(record.image, IMAGE);
        assert.ok(record.extraArgs.includes("--migrate"), `the record's arguments: ${record.extraArgs.join(" ")}`);
        // a user the native daemon never saw: the container's sssd asks slapd
        await inside(["user-add", NEW_USERS[0].uid, String(NEW_USERS[0].number)]);
        assert.equal(await waitLookup(NEW_USERS[0].uid, { timeout: 15_000 }),
            `${NEW_USERS[0].uid}:*:${NEW_USERS[0].number}:20000:${NEW_USERS[0].uid} Example:/home/${NEW_USERS[0].uid}:/bin/bash\n`);
        assert.match((await run(["id", NEW_USERS[0].uid])).stdout, new RegExp(`^uid=${NEW_USERS[0].number}\\(${NEW_USERS[0].uid}\\) gid=20000\\(staff\\)`));

        // --- back to native ---------------------------------------------------------------------
        await assertAccessible(page, "Services list with the SSSD card, containerized");
        const back = await openSwitch(frame, "native");
        await assertAccessible(page, "SSSD switch dialog, to native");
        assert.ok(back.find(s => s.kind === "unit-disable").text.includes(UNIT));
        assert.ok(back.find(s => s.kind === "unit-enable").text.includes("sssd.service"));
        await switchSucceeds(frame, "to native", "native");
    });

    const container = await unitState(NAME);
    assert.equal(container.active, "inactive", `${UNIT} after the switch back`);
    assert.equal(container.enabled, "disabled", `${UNIT} after the switch back`);
    assert.equal((await run(["podman", "container", "exists", NAME], { check: false })).code, 1, "no container left");
    const native = await nativeUnits();
    assert.equal(native["sssd.service"].active, "active");
    assert.equal(native["sssd.service"].enabled, "enabled");
    console.log(`# native units after the round trip: ${Object.entries(native).map(([u, s]) => `${u} ${s.active} ${s.enabled}`).join(", ")}`);
    for (const [u, s] of Object.entries(native))
        assert.equal(s.enabled, "enabled", `${u} enabled again, as Debian leaves it and as it was before the round trip`);
    await inside(["user-add", NEW_USERS[1].uid, String(NEW_USERS[1].number)]);
    assert.equal(await waitLookup(NEW_USERS[1].uid, { timeout: 15_000 }),
        `${NEW_USERS[1].uid}:*:${NEW_USERS[1].number}:20000:${NEW_USERS[1].uid} Example:/home/${NEW_USERS[1].uid}:/bin/bash\n`);
    assert.match(await waitLookup(NEW_USERS[0].uid), new RegExp(`^${NEW_USERS[0].uid}:`));
    assert.equal(await fingerprint(), saved, "/etc/sssd, /etc/nsswitch.conf and /etc/pam.d as before the round trip");
});

test("a switch to an image whose RUN fails names the failed step, undoes everything, and native SSSD answers again", async t => {
    assert.ok(saved, "before() set up native SSSD");
    await waitLookup(USER);
    assert.equal((await nativeUnits())["sssd.service"].active, "active", "native SSSD serves before the switch");

    let panel = "";
    let failedTitle = "";
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        const steps = await openSwitch(frame, "container", { image: BROKEN_IMAGE, name: BROKEN_NAME });
        assert.ok(steps.find(s => s.kind === "unit-enable").text.includes(`${BROKEN_NAME}.service`));
        assert.ok(steps.find(s => s.kind === "exec").text.includes("sssd-broken"), "INSTALL runs the chosen image");
        const result = await runSwitch(frame, "failed switch to container");
        assert.equal(result.status, "failed", result.text);
        panel = result.text;
        failedTitle = steps.find(s => s.kind === "unit-enable").title;
        await frame.locator("#sssd-switch-dialog #operation-undone").waitFor({ state: "attached" });
        await assertAccessible(page, "SSSD switch dialog, a failed switch undone");
        await frame.locator('#sssd-serving[data-serving="native"]').waitFor({ timeout: 30_000 });
        await frame.locator("#sssd-switch-dialog #operation-dismiss").click();
        await frame.locator("#sssd-switch-close").click();
        await frame.locator("#sssd-switch-dialog").waitFor({ state: "detached" });
    });

    const native = await nativeUnits();
    console.log(`# native units after the failed switch: ${Object.entries(native).map(([u, s]) => `${u} ${s.active} ${s.enabled}`).join(", ")}`);
    assert.equal(native["sssd.service"].active, "active", "native sssd.service is active again");
    assert.equal(native["sssd.service"].enabled, "enabled", "native sssd.service is enabled again");
    assert.match(await waitLookup(USER), /^alice:\*:10001:/);
    assert.match((await inside(["probe", USER])).stdout.trim(), /live 0$/, "the native daemon answers, not only the memory cache");
    const broken = await unitState(BROKEN_NAME);
    assert.notEqual(broken.active, "active", `${BROKEN_NAME}.service after the undo`);
    assert.equal((await run(["test", "-e", `/etc/systemd/system/${BROKEN_NAME}.service`], { check: false })).code, 1, "no unit file left");
    assert.equal((await run(["test", "-e", `/etc/containers/system-services/${BROKEN_NAME}`], { check: false })).code, 1, "no record left");
    assert.equal((await run(["test", "-e", `/var/lib/sssd-container/${BROKEN_NAME}`], { check: false })).code, 1, "no install state of the image left");
    assert.equal((await run(["podman", "container", "exists", BROKEN_NAME], { check: false })).code, 1, "no container left");
    assert.equal(await fingerprint(), saved, "/etc/sssd, /etc/nsswitch.conf and /etc/pam.d as before the failed switch");
    // last, so that a panel in other words still lets the host's state above be checked: the
    // panel names the step that failed by its title in the preview (the unit's start) and the unit
    assert.ok(failedTitle, "the preview's unit-enable step has a title");
    assert.ok(panel.includes(failedTitle), `the failed operation's panel names the failed step "${failedTitle}":\n${panel}`);
    assert.ok(panel.includes(`${BROKEN_NAME}.service`), `the panel names ${BROKEN_NAME}.service:\n${panel}`);
});
