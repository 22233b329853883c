// Joining a domain through the page, against the testbed's real Active Directory (a Samba AD
// DC, test/testbed/ad.sh) with the reference SSSD image: the Join dialog's discovery, a join
// with the administrator's password (users resolve and log in on the host through the
// containerized SSSD), the domain card, Leave and a second join, a one-time password used twice,
// a wrong password, and FreeIPA with no IPA server. After each run the secrets are looked for in
// the journal, /etc, /var, /run, podman inspect, systemctl show and a process list sampled every
// 100 ms (test/images/ad-inside.sh, which takes the secrets on stdin: never in an argv here).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withCockpit } from "./lib/session.mjs";
import { assertAccessible } from "./lib/axe.mjs";
import { cleanSssdService, exec, sssdImage, TESTBED_SH } from "./lib/testbed.mjs";
import { readRecord, waitHost } from "./lib/ops.mjs";
import { downloadPlaybook } from "./lib/playbook.mjs";

const AD_SH = fileURLToPath(new URL("../testbed/ad.sh", import.meta.url));
const INSIDE = "/srv/ctx/ad-inside.sh";
const ENROLL_INSIDE = "/srv/ctx/enroll-inside.sh";
const NAME = "sssd-ad";
const UNIT = `${NAME}.service`;
const IMAGE = "localhost/sssd:latest";
const DOMAIN = "syssvc.test";
const ADMIN_PW = "Syssvc-Admin1";
const WRONG_PW = "Not-The-Admin-Pw9";
const OTP = "Otp-E2e-4711-Page";
const CAROL_PW = "Carol-Pass1-E2e";
const SECRETS = [ADMIN_PW, WRONG_PW, OTP, CAROL_PW];

// ad.sh on this machine (the DC's side: users, preset computer accounts)
function ad(...args) {
    return new Promise((resolve, reject) => {
        execFile(AD_SH, args, { timeout: 120_000 }, (error, stdout, stderr) =>
            error ? reject(new Error(`ad.sh ${args[0]} failed: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout));
    });
}

// ad-inside.sh in the testbed with the secrets on its standard input; resolves its output
function inside(args, { env = {}, input = SECRETS.join("\n") + "\n", wait = true, script = INSIDE } = {}) {
    const argv = ["exec", "env", ...Object.entries({ NAME, ...env }).map(([k, v]) => `${k}=${v}`), script, ...args];
    const child = spawn(TESTBED_SH, argv, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", d => { out += d; });
    child.stderr.on("data", d => { out += d; });
    child.stdin.end(input);
    const done = new Promise(resolve => child.on("close", () => resolve(out)));
    return wait ? done : { done };
}

// every path the image's host-data-list names
const LISTED = readFileSync(new URL("../../images/sssd/host-data-list", import.meta.url), "utf8");
const fingerprint = () => inside(["fingerprint"], { input: LISTED });

// samples `ps -eo args` every 100 ms until stopped; resolves "samples=N hits=N"
function sampler() {
    const flag = `/run/ss-e2e-sampling-${Date.now()}`;
    const { done } = inside(["sample", flag], { wait: false });
    return { stop: async () => { await exec(`rm -f ${flag}`); return (await done).trim(); }, flag };
}

async function secretsAtRest(what) {
    const found = {
        journal: (await inside(["journal"])).trim(),
        files: (await inside(["files"])).trim(),
        inspect: (await inside(["inspect"])).trim(),
        // every unit systemd knows, as `systemctl show` gives it: no secret in a command line or environment
        show: (await exec("systemctl show '*' --all --no-pager 2>/dev/null | wc -l", { check: false })).stdout.trim(),
    };
    const showHits = await inside(["show"], { script: ENROLL_INSIDE });
    assert.equal(found.journal, "", `${what}: a secret in the journal`);
    assert.equal(found.files, "", `${what}: a secret in a file under /etc, /var or /run`);
    assert.equal(found.inspect, "", `${what}: a secret in podman inspect`);
    assert.ok(Number(found.show) > 100, `${what}: systemctl show gave ${found.show} lines`);
    assert.equal(showHits.trim(), "", `${what}: a secret in systemctl show`);
}

const clean = () => cleanSssdService(NAME, IMAGE);

// The listed host paths as they were before this spec, put back after it: a join and its leave
// leave sssd.conf (with no domain) and krb5.conf behind, which later specs must not find.
const PATHS = LISTED.split("\n").map(l => l.trim().replace(/\/$/, "")).filter(Boolean).join(" ");
const SAVED = "/var/tmp/ss-e2e-enroll";

async function putBack() {
    await exec(`test -f ${SAVED}.tar && cd / && rm -rf ${PATHS} && tar -xpf ${SAVED}.tar && rm -f ${SAVED}.tar ${SAVED}.present; true`);
}

before(async () => {
    assert.match(await ad("status"), /running/, "the AD DC is up (test/e2e/run.sh brings it up)");
    await exec(`cd / && ls -d ${PATHS} > ${SAVED}.present 2>/dev/null; tar -cpf ${SAVED}.tar --files-from=${SAVED}.present`);
    await sssdImage();
    await clean();
});
after(async () => {
    await clean();
    await putBack();
});

// Opens the Join dialog from the Services view with the AD form filled in
async function openJoin(frame, { mode = "realm" } = {}) {
    await frame.locator("#services-enroll").click();
    await frame.locator("#enroll-dialog").waitFor();
    await frame.locator(`#enroll-mode-${mode}`).check();
    await frame.locator("#enroll-name").fill(NAME);
}

// Consents, joins and waits for the operation to end, the process list sampled all along for
// the secrets; resolves its status
async function join(frame) {
    const consent = frame.locator("#enroll-consent");
    await frame.locator("#enroll-preview").waitFor();
    if (await consent.count())
        await consent.check();
    const ps = sampler();
    await frame.locator("#enroll-submit").click();
    const op = frame.locator('#enroll-dialog #operation:not([data-status="running"])');
    await op.waitFor({ timeout: 120_000 });
    const samples = await ps.stop();
    console.log(`# process list while joining: ${samples}`);
    assert.match(samples, /^samples=\d+ hits=0$/, `no secret in the process list (${samples})`);
    assert.ok(Number(/samples=(\d+)/.exec(samples)[1]) >= 5, samples);
    return op.getAttribute("data-status");
}

// The dialog's playbook, downloaded with the password typed in: no secret in it, the password's
// file written from the admin's variable by a task that logs nothing
async function checkPlaybook(page, frame) {
    const { name, text } = await downloadPlaybook(page, frame, "enroll-playbook", { archive: "/srv/images/sssd.tar" });
    assert.equal(name, `install-${NAME}.yml`);
    for (const secret of SECRETS)
        assert.ok(!text.includes(secret), `${secret} is not in the playbook`);
    assert.match(text, /- name: "Write the password to a file only root can read"\n\s+ansible.builtin.copy:\n\s+mode: "0600"\n\s+dest: "\/run\/system-services\/sssd-ad\/enroll-password"\n\s+content: "\{\{ system_services_secret \}\}"\n\s+no_log: true/);
    assert.match(text, /--extra-vars @vault\.yml/);
    assert.match(text, /- "realm"\n\s+- "-U"\n\s+- "administrator"\n\s+- "syssvc.test"/);
}

// `page`: the Join dialog's playbook is checked before joining (checkPlaybook)
async function passwordJoin(frame, page = null) {
    await openJoin(frame);
    await frame.locator("#enroll-domain").fill(DOMAIN);
    await frame.locator('#enroll-discovery[data-status="found"]').waitFor({ timeout: 30_000 });
    await frame.locator("#enroll-user").fill("administrator");
    await frame.locator("#enroll-secret").fill(ADMIN_PW);
    const preview = await frame.locator("#enroll-preview").innerText();
    assert.ok(preview.includes(`/run/system-services/${NAME}/enroll-password:/run/secrets/enroll-password:ro`), preview);
    assert.ok(preview.includes(`realm -U administrator ${DOMAIN}`), preview);
    assert.ok(!preview.includes(ADMIN_PW), "the password is not in the preview");
    if (page)
        await checkPlaybook(page, frame);
    return join(frame);
}

async function leave(frame) {
    if (await frame.locator("#domain-leave").count() === 0)
        await frame.locator(`tr[data-service="${NAME}"] a`).click();
    await frame.locator("#domain-leave").click();
    await frame.locator("#uninstall-dialog-preview").waitFor();
    const consent = frame.locator("#uninstall-dialog-consent");
    if (await consent.count())
        await consent.check();
    await frame.locator("#uninstall-dialog-submit").click();
    await frame.locator("#uninstall-dialog-done").waitFor({ timeout: 120_000 });
    await frame.locator("#uninstall-dialog-close").click();
    await frame.locator("#nav-services").click();
}


// the dialog says which failure it recognised
async function failedWith(frame, kind) {
    const failure = frame.locator("#enroll-failure");
    await failure.waitFor();
    assert.equal(await failure.getAttribute("data-failure"), kind, await failure.innerText());
}

test("the Join dialog looks the domain up as it is typed", async t => {
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        await openJoin(frame);
        await frame.locator("#enroll-domain").fill(DOMAIN);
        const found = frame.locator('#enroll-discovery[data-status="found"]');
        await found.waitFor({ timeout: 30_000 });
        const text = await found.innerText();
        assert.match(text, /SYSSVC\.TEST/);
        assert.match(text, /active-directory/);
        await assertAccessible(page, "Join dialog, the domain found");
        await frame.locator("#enroll-domain").fill("nosuch.invalid");
        const none = frame.locator('#enroll-discovery[data-status="no-such-realm"]');
        await none.waitFor({ timeout: 30_000 });
        assert.match(await none.innerText(), /nosuch\.invalid/);
        await frame.locator("#enroll-close").click();
    });
});

test("join with the administrator's password (its playbook holds no secret): AD users resolve and log in on the host; leave; join again", async t => {
    const carol = `adcarol${Date.now() % 100000}`;
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        const status = await passwordJoin(frame, page);
        assert.equal(status, "succeeded", await frame.locator("#enroll-dialog #operation-log").innerText());
        await frame.locator("#enroll-joined").waitFor();
        await frame.locator("#unit-start").click();
        await frame.locator('#unit-state[data-active="active"]').waitFor({ timeout: 30_000 });
        await frame.locator("#enroll-close").click();

        assert.match((await exec(`getent passwd administrator@${DOMAIN}`)).stdout, new RegExp(`^administrator@${DOMAIN}:`));
        await ad("user-add", carol, CAROL_PW);
        const id = await waitHost(`id ${carol}@${DOMAIN}`, async () => {
            const r = await exec(`id ${carol}@${DOMAIN}`, { check: false });
            return r.code === 0 ? r.stdout : null;
        }, { timeout: 30_000, interval: 1000 });
        assert.match(id, new RegExp(`uid=\\d+\\(${carol}@${DOMAIN}\\)`));
        // su as nobody, the password typed after its prompt (script gives su a terminal)
        const su = await inside(["su", `${carol}@${DOMAIN}`], { input: `${CAROL_PW}\n`, script: ENROLL_INSIDE });
        assert.match(su, /AUTH-OK/, su);

        // the domain card, and a user looked up through it
        await frame.locator(`tr[data-service="${NAME}"] a`).click();
        await frame.locator("#domain-card").waitFor();
        assert.equal(await frame.locator("#domain-name").innerText(), DOMAIN);
        assert.equal(await frame.locator("#domain-realm").innerText(), "SYSSVC.TEST");
        assert.match(await frame.locator("#domain-keytab").innerText(), /present/);
        await frame.locator("#domain-lookup").fill(`adalice@${DOMAIN}`);
        await frame.locator("#domain-lookup-submit").click();
        await frame.locator('#domain-lookup-result[data-found="true"]').waitFor({ timeout: 30_000 });
        assert.match(await frame.locator("#domain-lookup-result").innerText(), /adstaff@syssvc\.test/);
        await assertAccessible(page, "Service page with the Domain card and a user looked up");
    });
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
        await leave(frame);
        assert.equal((await exec("test -e /etc/krb5.keytab", { check: false })).code, 1, "the keytab is gone");
        assert.ok(!(await exec("cat /etc/sssd/sssd.conf", { check: false })).stdout.includes(`[domain/${DOMAIN}]`), "the domain left sssd.conf");
        assert.equal(await readRecord(NAME), null);
        // a second join works
        assert.equal(await passwordJoin(frame), "succeeded", await frame.locator("#enroll-dialog #operation-log").innerText());
        await frame.locator("#enroll-close").click();
        await leave(frame);
    });
    await secretsAtRest("password join");
});

test("a one-time password joins a preset computer account once; used again it fails in words", async t => {
    const computer = `SSOTP${Date.now() % 10000}`;
    await ad("computer-preset", computer, OTP);
    const otpJoin = async frame => {
        await openJoin(frame);
        await frame.locator("#enroll-domain").fill(DOMAIN);
        await frame.locator("#enroll-credential-otp").check();
        await frame.locator("#enroll-computer-name").fill(computer);
        await frame.locator("#enroll-secret").fill(OTP);
        const preview = await frame.locator("#enroll-preview").innerText();
        assert.ok(preview.includes(`realm --login-type computer --computer-name=${computer} ${DOMAIN}`) ||
                  preview.includes("--login-type computer"), preview);
        return join(frame);
    };
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
        assert.equal(await otpJoin(frame), "succeeded", await frame.locator("#enroll-dialog #operation-log").innerText());
        await frame.locator("#enroll-close").click();
        await leave(frame);
        const before = await fingerprint();
        assert.equal(await otpJoin(frame), "failed");
        await failedWith(frame, "one-time-password");
        assert.equal(await fingerprint(), before, "the host files are as before");
        await frame.locator("#enroll-dialog #operation-dismiss").click();
        await frame.locator("#enroll-close").click();
    });
    await ad("computer-delete", computer).catch(() => undefined);
    await secretsAtRest("one-time password joins");
});

test("a wrong password fails in words and leaves the host files, unit and record as they were", async t => {
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
        const before = await fingerprint();
        await openJoin(frame);
        await frame.locator("#enroll-domain").fill(DOMAIN);
        await frame.locator("#enroll-user").fill("administrator");
        await frame.locator("#enroll-secret").fill(WRONG_PW);
        assert.equal(await join(frame), "failed");
        await failedWith(frame, "wrong-password");
        await assertAccessible(page, "Join dialog, a wrong password");
        await frame.locator("#enroll-dialog #operation-undone").waitFor({ state: "attached" });
        assert.equal(await fingerprint(), before, "every host-data-list path is byte-identical");
        assert.equal((await exec(`test -e /etc/systemd/system/${UNIT}`, { check: false })).code, 1, "no unit");
        assert.equal(await readRecord(NAME), null, "no record");
        await frame.locator("#enroll-dialog #operation-dismiss").click();
        await frame.locator("#enroll-close").click();
    });
    await secretsAtRest("wrong password");
});

test("FreeIPA with no IPA server: said in words, host files as they were", async t => {
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
        const before = await fingerprint();
        await openJoin(frame, { mode: "ipa" });
        await frame.locator("#enroll-domain").fill("nonexistent.invalid");
        await frame.locator("#enroll-principal").fill("admin");
        await frame.locator("#enroll-secret").fill(WRONG_PW);
        const preview = await frame.locator("#enroll-preview").innerText();
        assert.ok(preview.includes("--no-ntp"), preview);
        assert.equal(await join(frame), "failed");
        await failedWith(frame, "no-ipa-server");
        assert.equal(await fingerprint(), before, "every host-data-list path is byte-identical");
        await frame.locator("#enroll-dialog #operation-dismiss").click();
        await frame.locator("#enroll-close").click();
    });
    await secretsAtRest("FreeIPA");
});

test("a password's file that no unfinished operation needs is removed when the page loads", async t => {
    // what a tab that closed between writing it and removing it would leave
    await inside(["plant", "/run/system-services/orphan-demo/enroll-password"], { script: ENROLL_INSIDE, input: `${OTP}\n` });
    assert.equal((await exec("stat -c %a /run/system-services/orphan-demo/enroll-password")).stdout.trim(), "600");
    await withCockpit(t, { admin: true, timeout: 60_000 }, async () => {
        await waitHost("the orphaned password file to go", async () =>
            (await exec("test -e /run/system-services/orphan-demo", { check: false })).code === 1);
    });
});
