// The page on a docker host: the testbed with Debian's docker.io and no podman (lib/docker.mjs).
// Engine detection, the batched listing, the demo image's whole life (install, its unit started
// and stopped, a backup restored, uninstall), the classic unit generated for the RUN-only image,
// Update and Rollback, and a label written for podman that docker refuses, in docker's words.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "../lib/session.mjs";
import { BACKUPS, OPS_DIR, RECORDS, openImage, openService, readRecord, writeHostFile } from "../lib/ops.mjs";
import { exec, sleep, waitForUnitState } from "../lib/testbed.mjs";
import { dockerImageId, useDocker } from "../lib/docker.mjs";

const DEMO = "localhost/demo-service:latest";
const RUN_ONLY = "localhost/run-only:latest";
const UNITS_DEMO = "localhost/units-demo:latest";
const PODMAN_ONLY = "localhost/podman-only:latest";
const COPY_OUT_LABEL = "io.github.system-services.copy-out";
let dockerVersion = "";

before(async () => {
    dockerVersion = await useDocker();
});

async function clean(name, extra = "") {
    await exec(`systemctl disable --now ${name}.service 2>/dev/null; docker rm -f ${name} >/dev/null 2>&1; ` +
        `rm -rf /etc/systemd/system/${name}.service ${RECORDS}/${name} ${BACKUPS}/${name} ${extra}; ` +
        `systemctl daemon-reload; systemctl stop 'system-services-op-${name}-*' 2>/dev/null; ` +
        `systemctl reset-failed 'system-services-op-${name}-*' ${name}.service 2>/dev/null; ` +
        `rm -f ${OPS_DIR}/system-services-op-${name}-* ${OPS_DIR}/${name}.busy; true`);
}

async function curl(port) {
    let answer = "";
    for (let i = 0; i < 40 && !answer.includes("hello"); i++, await sleep(250))
        answer = (await exec(`curl -s --max-time 2 http://127.0.0.1:${port}/ || true`)).stdout;
    return answer;
}

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
            assert.match(await curl(8088), /hello from the demo system service/);
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
            await frame.locator("#service-uninstall").click();
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
            assert.match(await curl(8089), /hello from the run-only image/);
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
    await exec(`docker tag ${DEMO} ${UNITS_DEMO}`);
    const before = await dockerImageId(UNITS_DEMO);
    let after = null;
    try {
        const record = {
            version: 1, name: "units-demo", image: UNITS_DEMO, imageId: before, engine: "docker",
            installedAt: "2026-01-01T00:00:00Z", unit: "units-demo.service", options: {}, extraArgs: [], previousImageId: null,
        };
        await exec(`mkdir -p ${RECORDS}/units-demo`);
        await writeHostFile(`${RECORDS}/units-demo/service.json`, JSON.stringify(record, null, 4) + "\n");
        await writeHostFile("/etc/systemd/system/units-demo.service", `[Unit]
Description=docker update demo
[Service]
ExecStartPre=-/usr/bin/docker rm -f units-demo
ExecStart=/usr/bin/docker run --rm --name units-demo --network=host ${UNITS_DEMO} /bin/busybox httpd -f -p 127.0.0.1:8091 -h /www
ExecStop=/usr/bin/docker stop -t 1 units-demo
SuccessExitStatus=137 143
[Install]
WantedBy=multi-user.target
`);
        await exec("systemctl daemon-reload && systemctl start units-demo.service");
        // the reference rebuilt with a changed file, by docker's own builder
        await exec("rm -rf /tmp/units-ctx && mkdir -p /tmp/units-ctx");
        await writeHostFile("/tmp/units-ctx/Dockerfile", `FROM ${UNITS_DEMO}\nRUN ["/bin/busybox", "sh", "-c", "echo v2 > /www/version"]\n`);
        await exec(`docker build -q --network=host -t ${UNITS_DEMO} /tmp/units-ctx`, { timeout: 300_000 });
        after = await dockerImageId(UNITS_DEMO);
        assert.notEqual(after, before);
        const running = async () => (await exec("docker container inspect --format '{{.Image}}' units-demo")).stdout.trim().replace(/^sha256:/, "");
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ frame }) => {
            await openService(frame, "units-demo");
            await frame.locator("#service-update").click();
            assert.match(await frame.locator("#update-dialog-current").innerText(), new RegExp(before.slice(0, 12)));
            await frame.locator("#update-dialog-submit").click();
            const update = frame.locator('#image-switch[data-changed="true"]');
            await update.waitFor();
            assert.equal(await update.getAttribute("data-before"), before);
            assert.equal(await update.getAttribute("data-after"), after);
            assert.equal(await update.getAttribute("data-running"), after);
            await waitForUnitState("units-demo.service", "active");
            assert.equal(await running(), after);
            assert.match(await curl(8091), /hello/);
            assert.equal((await readRecord("units-demo")).previousImageId, before);
            await frame.locator("#update-dialog-close").click();

            await frame.locator('#service-rollback:not([disabled]):not([aria-disabled="true"])').click();
            await frame.locator("#rollback-dialog-submit").click();
            const rollback = frame.locator('#image-switch[data-changed="true"]');
            await rollback.waitFor();
            assert.equal(await rollback.getAttribute("data-after"), before);
            assert.equal(await rollback.getAttribute("data-running"), before);
            await waitForUnitState("units-demo.service", "active");
            assert.equal(await running(), before);
            assert.equal((await readRecord("units-demo")).imageId, before);
            assert.equal(await dockerImageId(UNITS_DEMO), before, "the reference names the old image again");
            await frame.locator("#rollback-dialog-close").click();
        });
    } finally {
        await clean("units-demo");
        await exec(`docker rmi ${UNITS_DEMO} >/dev/null 2>&1; rm -rf /tmp/units-ctx; true`);
        if (after)
            await exec(`docker rmi ${after} >/dev/null 2>&1; true`);
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
