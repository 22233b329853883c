// The page on another host, through Cockpit's host switcher: fleet-a's shell opens the page
// installed on fleet-b (test/testbed/fleet.sh), which is read-only until the person switches to
// administrative access on fleet-b; what it then does happens on fleet-b, and on fleet-b only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanFleetService, fleetExec, switchToAdminOnB, withPageOnB } from "../lib/fleet.mjs";
import { httpHello } from "../lib/testbed.mjs";

const DEMO = "localhost/demo-service:latest";
const NAME = "demo-service";

// What installing the demo service leaves on a host, removed; the image stays.
const cleanDemo = host => cleanFleetService(host, NAME, `/etc/${NAME}`);

// Everything of the demo service a host has: its record, unit, containers and images, one per line.
async function demoTraces(host) {
    return (await fleetExec(host, `test -e /etc/containers/system-services/${NAME} && echo "record /etc/containers/system-services/${NAME}";
        test -e /etc/systemd/system/${NAME}.service && echo "unit file /etc/systemd/system/${NAME}.service";
        systemctl list-units --all --plain --no-legend '${NAME}*' | sed 's/^/unit /';
        podman ps -a --format 'container {{.Names}} {{.Image}}';
        podman images --format 'image {{.Repository}}:{{.Tag}}'`)).stdout.trim();
}

// The install dialog for the demo image, submitted; resolves the operation's final status.
async function installDemo(frame) {
    await frame.locator("#nav-images").click();
    await frame.locator(`tr[data-image="${DEMO}"] a`).click();
    await frame.locator(`#image-details[data-image="${DEMO}"]`).waitFor();
    await frame.locator("#image-install").click();
    await frame.locator("#install-dialog").waitFor();
    assert.equal(await frame.locator("#install-name").inputValue(), NAME);
    await frame.locator("#install-consent").check();
    await frame.locator("#install-submit").click();
    const done = frame.locator('#install-dialog #operation-status:is([data-status="succeeded"], [data-status="failed"])');
    // (an empty marker: attached, never visible)
    await done.waitFor({ state: "attached" });
    return done.getAttribute("data-status");
}

test("the page on fleet-b names it, installs and runs the demo service there once switched to administrative access, and only there", async t => {
    await cleanDemo("b");
    t.after(() => cleanDemo("b"));
    assert.equal(await demoTraces("a"), "", "fleet-a has no image, container, unit or record of the demo service");

    await withPageOnB(t, { admin: false }, async ({ page, frame: limited }) => {
        // fleet-a's shell holds no password for fleet-b: the page there is read-only at first,
        // and says so naming the host it manages, as its host line does
        await limited.locator("#limited-access-alert").waitFor({ state: "visible" });
        assert.match(await limited.locator("#limited-access-alert").innerText(), /\bfleet-b\b/);
        assert.equal((await limited.locator("#host-name").innerText()).trim(), "fleet-b");
        assert.equal((await limited.locator("#host-address").innerText()).trim(), "(10.77.20.12)");
        // the person switches and goes on without reloading: the page starts over by itself
        // (what it opened with limited access, such as its systemd connection, would stay so)
        const frame = await switchToAdminOnB(page);

        // fleet-b's images: the demo image is there (fleet-a has none)
        assert.equal(await installDemo(frame), "succeeded", await frame.locator("#install-dialog").innerText());
        await frame.locator(`#unit-card[data-unit="${NAME}.service"]`).waitFor();
        await frame.locator("#unit-enable").click();
        await frame.locator('#unit-state[data-enabled="enabled"]').waitFor();
        await frame.locator("#unit-start").click();
        await frame.locator('#unit-state[data-active="active"]').waitFor();
        assert.match(await httpHello(8088, { run: command => fleetExec("b", command) }), /hello from the demo system service/, "the service answers on fleet-b");
        await frame.locator("#install-close").click();

        // while it runs on fleet-b, fleet-a has nothing of it
        assert.equal(await demoTraces("a"), "");
        const onB = await demoTraces("b");
        assert.match(onB, /^record \/etc\/containers\/system-services\/demo-service$/m);
        assert.match(onB, /^unit demo-service\.service loaded active running /m);
        assert.match(onB, /^container demo-service localhost\/demo-service:latest$/m);

        // Uninstall from the Services list: gone from fleet-b, the image stays
        await frame.locator("#nav-services").click();
        await frame.locator(`#service-menu-${NAME}`).click();
        await frame.locator("#service-uninstall").click();
        await frame.locator("#uninstall-dialog-consent").check();
        await frame.locator("#uninstall-dialog-submit").click();
        await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
        await frame.locator("#uninstall-dialog-close").click();
        await frame.locator(`tr[data-service="${NAME}"]`).waitFor({ state: "detached" });
    });
    assert.equal(await demoTraces("b"), `image ${DEMO}`, "fleet-b keeps the image and nothing else of the service");
    assert.equal(await demoTraces("a"), "");
});
