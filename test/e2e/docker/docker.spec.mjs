// The page on a docker host: the testbed with Debian's docker.io and no podman (lib/docker.mjs).
// Engine detection, the batched listing, the demo image's whole life (install, its unit started
// and stopped, a backup restored, uninstall), the classic unit generated for the RUN-only image,
// Update and Rollback, and a label written for podman that docker refuses, in docker's words.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "../lib/session.mjs";
import { RECORDS, cleanService, openImage, openService, readRecord, serviceMenu, writeHostFile } from "../lib/ops.mjs";
import { exec, httpHello, waitForUnitState } from "../lib/testbed.mjs";
import { useDocker } from "../lib/docker.mjs";
import { installUnitsDemo, rebuildUnitsDemo, removeUnitsDemoImages, updateAndRollBack } from "../lib/units-demo.mjs";

const DEMO = "localhost/demo-service:latest";
const RUN_ONLY = "localhost/run-only:latest";
const PODMAN_ONLY = "localhost/podman-only:latest";
const COPY_OUT_LABEL = "io.github.system-services.copy-out";
let dockerVersion = "";

before(async () => {
    dockerVersion = await useDocker();
});

const clean = (name, extra = "") => cleanService(name, extra, "docker");

async function unitShow(unit, ...props) {
    return (await exec(`systemctl show -p ${props.join(",")} ${unit}`)).stdout.trim();
}

async function containerState(name) {
    return (await exec(`docker container inspect --format '{{.State.Status}}' ${name} 2>&1 || true`)).stdout.trim();
}

test("the page finds docker and lists its images with their labels, read through docker", async t => {
    assert.equal((await exec("command -v podman || echo none")).stdout.trim(), "none");
    await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
        const engine = frame.locator("#engine-status");
        await engine.filter({ hasText: dockerVersion }).waitFor();
        assert.match(await engine.innerText(), /docker\b/i);

        // the demo image: labels expanded for docker, its host-data-list copied out by docker
        await openImage(frame, DEMO);
        const install = frame.locator('.ss-label-view[data-label="INSTALL"]');
        assert.match(await install.locator('[data-testid="command"]').innerText(),
            /^docker run --rm --privileged -v \/:\/host -e HOST=\/host -e NAME=demo-service -e IMAGE=localhost\/demo-service:latest localhost\/demo-service:latest \/bin\/sh \/install.sh$/);
        assert.equal(await install.locator(".ss-refused").count(), 0, "docker knows every option of the demo image's labels");
        await frame.locator('#host-data-list-card[data-source="image"] tr[data-entry="etc/demo-service/"]').waitFor();

        await openImage(frame, RUN_ONLY);
        assert.match(await frame.locator('.ss-label-view[data-label="RUN"] [data-testid="command"]').innerText(),
            /^docker run -d --name run-only --network=host localhost\/run-only:latest /);
    });
    // the containers that read the lists are gone
    assert.equal((await exec(`docker ps -a -q --filter label=${COPY_OUT_LABEL}`)).stdout.trim(), "");
});

test("with limited access the page still names docker, and says why its images are not shown", async t => {
    // the login user is not in the docker group: the daemon refuses it, the client answers
    assert.match((await exec("runuser -u admin -- docker version 2>&1 || true")).stdout, /permission denied while trying to connect to the Docker daemon socket/);
    await withCockpit(t, { admin: false }, async ({ frame }) => {
        await frame.locator("#engine-status").filter({ hasText: dockerVersion }).waitFor();
        assert.match(await frame.locator("#engine-status").innerText(), /docker\b/i);
        await frame.locator("#limited-access-alert").waitFor();
        await frame.locator("#nav-images").click();
        await frame.locator("#images-limited").waitFor();
    });
});

test("the demo image installs, its docker unit runs and stops it, a backup restores, Uninstall removes it", async t => {
    await clean("demo-service", "/etc/demo-service");
    await exec("mkdir -p /etc/demo-service && echo 'before docker' > /etc/demo-service/demo.conf");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openImage(frame, DEMO);
            await frame.locator("#image-install").click();
            await frame.locator('#install-preview li[data-step="backup"]').waitFor();
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor();
            assert.match(await frame.locator("#operation-log").innerText(), /installing demo-service from localhost\/demo-service:latest/);
            const record = await readRecord("demo-service");
            assert.equal(record.engine, "docker");
            assert.match((await exec("cat /etc/systemd/system/demo-service.service")).stdout, /^ExecStart=\/usr\/bin\/docker run --rm --name demo-service /m);
            assert.match((await exec("cat /etc/demo-service/demo.conf")).stdout, /^before docker\ninstalled=/);
            await frame.locator("#install-close").click();

            // the unit the image wrote, from the page: the one control that starts and stops it
            await openService(frame, "demo-service");
            await frame.locator('#unit-card[data-unit="demo-service.service"]').waitFor();
            await frame.locator("#unit-start").click();
            await frame.locator('#unit-state[data-active="active"]').waitFor();
            assert.match(await httpHello(8088), /hello from the demo system service/);
            assert.equal(await containerState("demo-service"), "running");
            assert.deepEqual(await frame.locator("#service-details button").evaluateAll(bs => bs.filter(b => /\bstop\b/i.test(b.innerText)).map(b => b.id)), ["unit-stop"]);
            assert.equal(await frame.locator("#service-label-stop").innerText(), "podman stop -t 2 ${NAME}");
            await frame.locator("#unit-stop").click();
            await frame.locator('#unit-state[data-active="inactive"]').waitFor();
            assert.equal(await unitShow("demo-service.service", "Result"), "Result=success");
            assert.match(await containerState("demo-service"), /No such (container|object)/);

            assert.doesNotMatch((await exec("curl -s --max-time 2 http://127.0.0.1:8088/ || true")).stdout, /hello/);

            // the backup taken before INSTALL brings the host file back as it was
            await frame.locator("#backups-table tr[data-backup] .backup-restore").first().click();
            await frame.locator("#restore-overwrite").waitFor();
            await frame.locator("#restore-submit:not([disabled])").click();
            await frame.locator("#restore-done").waitFor();
            await frame.locator("#restore-close").click();
            assert.equal((await exec("cat /etc/demo-service/demo.conf")).stdout, "before docker\n");

            // Uninstall: UNINSTALL runs under docker, the container, unit file and record go, the image stays
            await serviceMenu(frame, "service-uninstall");
            await frame.locator("#uninstall-dialog-preview").waitFor();
            assert.match(await frame.locator("#uninstall-dialog-preview").innerText(), /docker run --rm --privileged /);
            await frame.locator("#uninstall-dialog-consent").check();
            await frame.locator("#uninstall-dialog-submit").click();
            await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor();
            await frame.locator("#uninstall-dialog-close").click();
            const left = (await exec(`ls /etc/systemd/system/demo-service.service ${RECORDS}/demo-service 2>&1; ` +
                `docker container inspect demo-service >/dev/null 2>&1 && echo container-left; docker image inspect ${DEMO} >/dev/null && echo image-kept`, { check: false })).stdout;
            assert.match(left, /No such file or directory[\s\S]*No such file or directory/);
            assert.doesNotMatch(left, /container-left/);
            assert.match(left, /image-kept/);
        });
    } finally {
        await clean("demo-service", "/etc/demo-service");
    }
});

test("a unit generated from the RUN-only image runs docker in the foreground, serves, and stops as inactive", async t => {
    await clean("dk-runonly");
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openImage(frame, RUN_ONLY);
            await frame.locator("#image-generate-unit").click();
            await frame.locator("#generate-unit-name").fill("dk-runonly");
            await frame.locator("#generate-unit-path").filter({ hasText: "/etc/systemd/system/dk-runonly.service" }).waitFor();
            await frame.locator("#generate-unit-save:not([disabled])").waitFor();
            const preview = await frame.locator("#generate-unit-text").inputValue();
            assert.match(preview, /^Type=simple$/m);
            assert.match(preview, /^ExecStartPre=-\/usr\/bin\/docker rm -f dk-runonly$/m);
            assert.match(preview, /^ExecStart=\/usr\/bin\/docker run --rm --name dk-runonly \\\n\s+--network=host \\\n\s+localhost\/run-only:latest \/bin\/busybox httpd/m);
            assert.match(preview, /^ExecStop=\/usr\/bin\/docker stop -t 10 dk-runonly$/m);
            assert.doesNotMatch(preview, /--sdnotify|--replace|--cgroups|--ignore/);
            await frame.locator("#generate-unit-save").click();
            await frame.locator("#generate-unit-done").waitFor();
            assert.equal((await exec("cat /etc/systemd/system/dk-runonly.service")).stdout, preview);
            await frame.locator("#generate-unit-close").click();

            await frame.locator('#service-details[data-service="dk-runonly"] #unit-card').waitFor();
            await frame.locator("#unit-start").click();
            await frame.locator('#unit-state[data-active="active"]').waitFor();
            assert.match(await httpHello(8089), /hello from the run-only image/);
            assert.equal(await containerState("dk-runonly"), "running");
            // busybox httpd ignores SIGTERM: docker stop kills it after 10 s, and that is a clean stop
            await frame.locator("#unit-stop").click();
            await frame.locator('#unit-state[data-active="inactive"]').waitFor({ timeout: 30_000 });
            await waitForUnitState("dk-runonly.service", "inactive");
            assert.equal(await unitShow("dk-runonly.service", "Result"), "Result=success");
            assert.match(await containerState("dk-runonly"), /No such (container|object)/, "--rm removed the container");
        });
    } finally {
        await clean("dk-runonly");
    }
});

test("Update moves a docker service to the rebuilt image and Rollback back, active both times", async t => {
    await clean("units-demo");
    const before = await installUnitsDemo("docker update demo", "docker");
    let after = null;
    try {
        await exec("systemctl start units-demo.service");
        after = await rebuildUnitsDemo("docker");
        assert.notEqual(after, before);
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await updateAndRollBack(frame, "docker", before, after);
        });
    } finally {
        await clean("units-demo");
        await removeUnitsDemoImages("docker", after);
    }
});

test("a label written for podman: the preview names what docker refuses, and the failure shows docker's own words", async t => {
    await clean("podman-only");
    await exec("rm -rf /tmp/podman-only && mkdir -p /tmp/podman-only");
    // docker's builder expands $VAR in LABEL too: the dollars are escaped
    await writeHostFile("/tmp/podman-only/Dockerfile", `FROM ${RUN_ONLY}
LABEL INSTALL="podman run --rm --replace \\\${IMAGE} /bin/true"
LABEL RUN="podman run -d --name \\\${NAME} --sdnotify=conmon --network=host \\\${IMAGE} /bin/sleep 3600"
`);
    await exec(`docker build -q -t ${PODMAN_ONLY} /tmp/podman-only`, { timeout: 300_000 });
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openImage(frame, PODMAN_ONLY);
            const install = frame.locator('.ss-label-view[data-label="INSTALL"]');
            assert.match(await install.locator('[data-testid="command"]').innerText(), /^docker run --rm --replace localhost\/podman-only:latest \/bin\/true$/);
            assert.match(await install.locator(".ss-refused").innerText(), /docker does not know these options[\s\S]*--replace/);
            assert.match(await frame.locator('.ss-label-view[data-label="RUN"] .ss-refused').innerText(), /--sdnotify=conmon/);
            // an image without a list: docker says "No such container:path", which means none
            await frame.locator("#hdl-none").waitFor();

            await frame.locator("#image-install").click();
            await frame.locator("#install-dialog .ss-refused").first().waitFor();
            await frame.locator("#install-submit:not([disabled])").click();
            await frame.locator('#install-dialog #operation-status[data-status="failed"]').waitFor({ state: "attached" });
            await frame.locator("#install-dialog").filter({ hasText: "unknown flag: --replace" }).waitFor();
            assert.equal(await readRecord("podman-only"), null, "a refused INSTALL records nothing");
        });
    } finally {
        await clean("podman-only");
        await exec(`docker rmi ${PODMAN_ONLY} >/dev/null 2>&1; rm -rf /tmp/podman-only; true`);
    }
});
