// A service as an install would leave it, for the specs that need one with a unit: a copy of
// the demo image tagged localhost/units-demo, its record and a unit serving on 127.0.0.1:8091
// (a port of its own: the demo image's RUN would clash with services.spec's). With podman, or
// with docker on the testbed made a docker host (lib/docker.mjs).
import assert from "node:assert/strict";
import { exec, httpHello, waitForUnitState } from "./testbed.mjs";
import { RECORDS, openService, readRecord, serviceMenu, writeHostFile } from "./ops.mjs";

export const UNITS_DEMO = "localhost/units-demo:latest";
const CTX = "/tmp/units-ctx";

/** Image ID of REF in ENGINE's store, without docker's "sha256:". */
export async function imageId(ref, engine = "podman") {
    return (await exec(`${engine} image inspect --format '{{.Id}}' ${ref}`)).stdout.trim().replace(/^sha256:/, "");
}

/** Resolves with the image ID the record names. */
export async function installUnitsDemo(description, engine = "podman") {
    await exec(`${engine} tag localhost/demo-service:latest ${UNITS_DEMO}`);
    const id = await imageId(UNITS_DEMO, engine);
    const record = {
        version: 1, name: "units-demo", image: UNITS_DEMO, imageId: id, engine,
        installedAt: "2026-01-01T00:00:00Z", unit: "units-demo.service", options: {}, extraArgs: [], previousImageId: null,
    };
    const unit = `[Unit]
Description=${description}
[Service]
ExecStartPre=-/usr/bin/${engine} rm -f units-demo
ExecStart=/usr/bin/${engine} run --rm --name units-demo --network=host ${UNITS_DEMO} /bin/busybox httpd -f -p 127.0.0.1:8091 -h /www
ExecStop=/usr/bin/${engine} stop -t 1 units-demo
SuccessExitStatus=137 143
[Install]
WantedBy=multi-user.target
`;
    await exec(`mkdir -p ${RECORDS}/units-demo`);
    await writeHostFile(`${RECORDS}/units-demo/service.json`, JSON.stringify(record, null, 4) + "\n");
    await writeHostFile("/etc/systemd/system/units-demo.service", unit);
    await exec("systemctl daemon-reload");
    return id;
}

/** Rebuilds the units-demo reference with a changed file, by the engine's own builder; resolves with the new image ID. */
export async function rebuildUnitsDemo(engine = "podman") {
    await exec(`rm -rf ${CTX} && mkdir -p ${CTX}`);
    await writeHostFile(`${CTX}/Containerfile`, `FROM ${UNITS_DEMO}\nRUN ["/bin/busybox", "sh", "-c", "echo v2 > /www/version"]\n`);
    await exec(`${engine} build -q -f ${CTX}/Containerfile -t ${UNITS_DEMO} ${CTX}`, { timeout: 300_000 });
    return imageId(UNITS_DEMO, engine);
}

/** Removes only what the units-demo specs made: the tag, the rebuilt image and its context. */
export async function removeUnitsDemoImages(engine, rebuilt) {
    await exec(`${engine} rmi ${UNITS_DEMO} >/dev/null 2>&1; rm -rf ${CTX}; true`);
    if (rebuilt)
        await exec(`${engine} rmi ${rebuilt} >/dev/null 2>&1; true`);
}

/**
 * On the open page: Update moves units-demo from image `before` to `after`, Rollback back. Each
 * time the dialog's result, the unit (active), the running container's image, the answer on
 * 8091, the record and the image the reference names.
 */
export async function updateAndRollBack(frame, engine, before, after) {
    // the dialog's result says units-demo moved from `from` to `to`; its unit is active, its container runs `to`
    const switched = async (from, to) => {
        const result = frame.locator('#image-switch[data-changed="true"]');
        await result.waitFor();
        assert.equal(await result.getAttribute("data-before"), from);
        assert.equal(await result.getAttribute("data-after"), to);
        assert.equal(await result.getAttribute("data-running"), to);
        await waitForUnitState("units-demo.service", "active");
        const running = (await exec(`${engine} container inspect --format '{{.Image}}' units-demo`)).stdout.trim().replace(/^sha256:/, "");
        assert.equal(running, to);
    };
    await openService(frame, "units-demo");
    await serviceMenu(frame, "service-update");
    assert.match(await frame.locator("#update-dialog-current").innerText(), new RegExp(before.slice(0, 12)));
    await frame.locator("#update-dialog-submit").click();
    await switched(before, after);
    assert.match(await httpHello(8091), /hello/);
    const record = await readRecord("units-demo");
    assert.equal(record.imageId, after);
    assert.equal(record.previousImageId, before);
    await frame.locator("#update-dialog-close").click();

    await serviceMenu(frame, "service-rollback");
    await frame.locator("#rollback-dialog-submit").click();
    await switched(after, before);
    assert.equal((await readRecord("units-demo")).imageId, before);
    assert.equal(await imageId(UNITS_DEMO, engine), before, "the reference names the old image again");
    await frame.locator("#rollback-dialog-close").click();
}
