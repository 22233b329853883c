// The reference SSSD image (images/sssd) serving real identities to the testbed host, through
// the page: install in ldap mode against the testbed's slapd, enable and start the unit, live
// lookups on the host, Stop flushes the caches so lookups fail at once, Start, Uninstall puts
// the host's configuration back byte for byte.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { withCockpit } from "./lib/session.mjs";
import { serviceMenu } from "./lib/ops.mjs";
import { cleanSssdService, exec, sleep, sssdImage, testbedCommand, waitForUnitState } from "./lib/testbed.mjs";

const IMAGE = "localhost/sssd:latest";
// "sssd" (the default name) is refused on this host: Debian's native sssd.service exists
const NAME = "sssd-container";
const UNIT = `${NAME}.service`;
const LDAP = "-x -H ldap://127.0.0.1 -D cn=admin,dc=example,dc=test -w secret";
const CAROL = "uid=carol,ou=people,dc=example,dc=test";
// the image's host-data-list: what INSTALL copies in and back, so what must come back unchanged
const LISTED = fs.readFileSync(new URL("../../images/sssd/host-data-list", import.meta.url), "utf8")
        .split("\n").map(l => l.trim().replace(/\/$/, "")).filter(l => l && !l.startsWith("#"));

async function cleanup() {
    await cleanSssdService(NAME, IMAGE, `ldapdelete ${LDAP} ${CAROL} >/dev/null 2>&1;`);
}

// type, mode, owner and sha256 of everything under the listed paths (sockets are live state)
async function configState() {
    const paths = LISTED.map(p => "/" + p).join(" ");
    return (await exec(`for p in ${paths}; do [ -e "$p" ] || continue;
        find "$p" ! -type s -printf '%p %y %m %U %G %l\\n'; find "$p" -type f -exec sha256sum {} +; done | sort`)).stdout;
}

async function lookup(what) {
    return exec(`getent passwd ${what}`, { check: false });
}

async function waitLookup(what, ok, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const r = await lookup(what);
        if ((r.code === 0) === ok)
            return r;
        if (Date.now() > until)
            throw new Error(`getent passwd ${what}: exit ${r.code} after ${timeoutMs} ms, wanted ${ok ? "success" : "failure"}`);
        await sleep(250);
    }
}

before(async () => {
    await testbedCommand(["directory"], 120_000);
    await sssdImage();
    await cleanup();
});

after(cleanup);

test("the SSSD image installs in ldap mode and serves the directory's users to the host until uninstalled", async t => {
    const pristine = await configState();
    assert.match(pristine, /\/etc\/nsswitch.conf /);
    assert.doesNotMatch(pristine, /\/etc\/sssd\/sssd.conf/);
    assert.equal((await lookup("alice")).code, 2, "no sssd serves the host before the install");

    await withCockpit(t, { admin: true, timeout: 90_000 }, async ({ frame }) => {
        await frame.locator("#nav-images").click();
        await frame.locator(`tr[data-image="${IMAGE}"] a`).click();
        await frame.locator(`#image-details[data-image="${IMAGE}"]`).waitFor();
        const install = frame.locator('.ss-label-view[data-label="INSTALL"] [data-testid="command"]');
        assert.match(await install.innerText(), /--pid=host .*-v \/:\/host .*\/bin\/install\.sh$/);

        await frame.locator("#image-install").click();
        await frame.locator("#install-dialog").waitFor();
        assert.equal(await frame.locator("#install-name").inputValue(), "sssd");
        await frame.locator("#install-name").fill(NAME);
        await frame.locator("#install-advanced button").first().click();
        await frame.locator("#install-extra-args").fill(["ldap", "--uri", "ldap://127.0.0.1", "--base", "dc=example,dc=test"].join("\n"));
        await frame.locator("#install-consent").check();
        await frame.locator("#install-submit").click();
        await frame.locator('#operation-status[data-status="succeeded"]').waitFor();
        const log = await frame.locator("#operation-log").innerText();
        assert.match(log, /writing \/etc\/sssd\/sssd.conf for ldap:\/\/127.0.0.1, dc=example,dc=test/);
        assert.match(log, new RegExp(`wrote /etc/systemd/system/${UNIT}`));
        const conf = await exec("stat -c '%a %u %g' /etc/sssd/sssd.conf; grep -E '^(ldap_uri|ldap_search_base|id_provider)' /etc/sssd/sssd.conf");
        assert.match(conf.stdout, /^600 0 0\nid_provider = ldap\nldap_uri = ldap:\/\/127.0.0.1\nldap_search_base = dc=example,dc=test\n$/);

        // the unit install.sh wrote: enable, start; the host's NSS answers through the container
        await frame.locator(`#unit-card[data-unit="${UNIT}"]`).waitFor();
        await frame.locator("#unit-enable").click();
        await frame.locator('#unit-state[data-enabled="enabled"]').waitFor();
        await frame.locator("#unit-start").click();
        await frame.locator('#unit-state[data-active="active"]').waitFor();
        await waitForUnitState(UNIT, "active");
        assert.equal((await exec(`podman inspect --format '{{.State.Running}}' ${NAME}`)).stdout.trim(), "true");
        // Type=notify: active means sssd answers, no wait needed
        const alice = await lookup("alice");
        assert.equal(alice.code, 0, "getent passwd alice");
        assert.equal(alice.stdout, "alice:*:10001:20000:Alice Example:/home/alice:/bin/bash\n");
        assert.match((await exec("id alice")).stdout, /^uid=10001\(alice\) gid=20000\(staff\) groups=20000\(staff\)/);

        // a user added now, never looked up before: a live lookup, not a cache hit
        await exec(`ldapadd ${LDAP} <<'L'
dn: ${CAROL}
objectClass: inetOrgPerson
objectClass: posixAccount
objectClass: shadowAccount
uid: carol
cn: Carol Example
sn: Example
uidNumber: 10003
gidNumber: 20000
homeDirectory: /home/carol
loginShell: /bin/bash
L`);
        assert.equal((await lookup("carol")).stdout, "carol:*:10003:20000:Carol Example:/home/carol:/bin/bash\n");

        // Stop: run.sh flushes the caches on SIGTERM, so the lookup fails at once
        await frame.locator("#unit-stop").click();
        await frame.locator('#unit-state[data-active="inactive"]').waitFor();
        await waitForUnitState(UNIT, "inactive");
        assert.equal((await exec(`podman container exists ${NAME}`, { check: false })).code, 1, "no container left after Stop");
        assert.equal((await lookup("carol")).code, 2, "carol after Stop");
        assert.equal((await lookup("alice")).code, 2, "alice after Stop");

        // Start: it works again
        await frame.locator("#unit-start").click();
        await frame.locator('#unit-state[data-active="active"]').waitFor();
        await waitLookup("carol", true);
        assert.match((await exec("id carol")).stdout, /^uid=10003\(carol\) gid=20000\(staff\)/);
        await frame.locator("#install-close").click();

        // Uninstall from the service page
        await frame.locator("#nav-services").click();
        await frame.locator(`tr[data-service="${NAME}"] a`).click();
        await frame.locator(`#service-details[data-service="${NAME}"]`).waitFor();
        await serviceMenu(frame, "service-uninstall");
        await frame.locator("#uninstall-dialog-preview").waitFor();
        await frame.locator("#uninstall-dialog-consent").check();
        await frame.locator("#uninstall-dialog-submit").click();
        await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
        assert.match(await frame.locator("#uninstall-dialog #operation-log").innerText(), new RegExp(`removed /etc/systemd/system/${UNIT}`));
        await frame.locator("#uninstall-dialog-close").click();
    });

    const left = (await exec(`ls /etc/systemd/system/${UNIT} /var/lib/sssd-container/${NAME} 2>&1; systemctl is-active ${UNIT}`, { check: false })).stdout;
    assert.match(left, /No such file or directory[\s\S]*No such file or directory/);
    assert.match(left, /inactive/);
    assert.equal(await configState(), pristine, "the host's configuration is as before the install");
    await waitLookup("alice", false);
});
