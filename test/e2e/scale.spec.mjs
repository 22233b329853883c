// Listing cost does not grow with the number of images: the same processes list 13 images or
// 213, on the page's load and on each refresh an engine event starts. Every podman and tar
// process on the testbed is counted through logging wrappers in /usr/local/bin (first in
// sudo's and systemd's PATH), while the page shows the Images view.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { withCockpit } from "./lib/session.mjs";
import { exec } from "./lib/testbed.mjs";
import { loadImages, removeImages } from "./lib/images.mjs";

const ROOT = process.env.ROOT ?? "/var/tmp/system-services-testbed/root";
const N = 200;
const LOG = "/run/page-calls.log";
const WRAPPED = ["podman", "tar"];
const wrapper = command => `#!/bin/sh
echo "${command} $1" >> ${LOG}
exec /usr/bin/${command} "$@"
`;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const calls = async () => (await exec(`cat ${LOG} 2>/dev/null || true`)).stdout.split("\n").filter(Boolean);
const kinds = list => list.slice().sort();

async function callsWhileListing(t, lastImage) {
    await exec(`rm -f ${LOG}`);
    let load = [];
    let refresh = [];
    await withCockpit(t, { admin: true, timeout: 120_000 }, async ({ frame }) => {
        await frame.locator("#nav-images").click();
        // the list shows one page: the filter brings the last image onto it
        await frame.locator("#images-filter").fill(lastImage);
        await frame.locator(`tr[data-image="${lastImage}"]`).waitFor();
        // let anything late arrive before counting
        await sleep(1500);
        load = await calls();
        // one event, one refresh: a tag shows through the filter
        await frame.locator("#images-filter").fill("localhost/scale-refresh");
        await exec("/usr/bin/podman tag localhost/demo-service:latest localhost/scale-refresh:1");
        await frame.locator('tr[data-image="localhost/demo-service:latest"]').waitFor();
        await sleep(1500);
        refresh = (await calls()).slice(load.length);
        await exec("/usr/bin/podman untag localhost/demo-service:latest localhost/scale-refresh:1");
    });
    return { load, refresh };
}

test(`with ${N} more labelled images the page runs as many processes as before, on load and per refresh`, async t => {
    const images = Array.from({ length: N }, (_, i) => ({
        tag: `localhost/scale-test-${i}:latest`,
        labels: { RUN: `podman run -d --name \${NAME} \${IMAGE} /x ${i}` },
    }));
    for (const command of WRAPPED)
        fs.writeFileSync(path.join(ROOT, "usr/local/bin", command), wrapper(command), { mode: 0o755 });
    try {
        await removeImages("localhost/scale-test-", { podman: "/usr/bin/podman", timeout: 600_000 });
        const before = await callsWhileListing(t, "localhost/demo-service:latest");
        await loadImages(images, { podman: "/usr/bin/podman" });
        const after = await callsWhileListing(t, `localhost/scale-test-${N - 1}:latest`);
        console.log(`processes on load: ${before.load.length} before, ${after.load.length} with ${N} more images: ${kinds(after.load).join(", ")}`);
        console.log(`processes per refresh: ${before.refresh.length} before, ${after.refresh.length} with ${N} more images: ${kinds(after.refresh).join(", ")}`);
        assert.ok(before.load.some(c => c.startsWith("tar ")), "the page read podman's store");
        assert.ok(before.refresh.length > 0, "the wrappers saw the refresh");
        assert.deepEqual(kinds(after.load), kinds(before.load));
        assert.deepEqual(kinds(after.refresh), kinds(before.refresh));
    } finally {
        for (const command of WRAPPED)
            fs.rmSync(path.join(ROOT, "usr/local/bin", command), { force: true });
        await removeImages("localhost/scale-test-", { check: false });
    }
});
