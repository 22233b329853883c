// Listing cost does not grow with the number of images: one engine call lists them all.
// Every podman process on the testbed is counted through a logging wrapper in /usr/local/bin
// (first in sudo's and systemd's PATH), while the page shows the Images view.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { withCockpit } from "./lib/session.mjs";
import { exec } from "./lib/testbed.mjs";
import { dockerArchive } from "./lib/archive.mjs";

const ROOT = process.env.ROOT ?? "/var/tmp/system-services-testbed/root";
const N = 200;
const LOG = "/run/podman-calls.log";
const WRAPPER = `#!/bin/sh
echo "$*" >> ${LOG}
exec /usr/bin/podman "$@"
`;

async function podmanCallsWhileListing(t, lastImage) {
    await exec(`rm -f ${LOG}`);
    let calls = [];
    await withCockpit(t, { admin: true, timeout: 120_000 }, async ({ frame }) => {
        await frame.locator("#nav-images").click();
        // the list shows one page: the filter brings the last image onto it
        await frame.locator("#images-filter").fill(lastImage);
        await frame.locator(`tr[data-image="${lastImage}"]`).waitFor();
        // let anything late arrive before counting
        await frame.locator("#images-view").waitFor();
        await new Promise(resolve => setTimeout(resolve, 3000));
        calls = (await exec(`cat ${LOG} 2>/dev/null || true`)).stdout.split("\n").filter(Boolean);
    });
    return calls;
}

test(`with ${N} more labelled images the page runs as many podman processes as before`, async t => {
    const images = Array.from({ length: N }, (_, i) => ({
        tag: `localhost/scale-test-${i}:latest`,
        labels: { RUN: `podman run -d --name \${NAME} \${IMAGE} /x ${i}` },
    }));
    fs.writeFileSync(path.join(ROOT, "var/tmp/scale.tar"), dockerArchive(images));
    fs.writeFileSync(path.join(ROOT, "usr/local/bin/podman"), WRAPPER, { mode: 0o755 });
    try {
        await exec("/usr/bin/podman images --format '{{.Repository}}' | grep '^localhost/scale-test-' | xargs -r /usr/bin/podman rmi -f >/dev/null", { timeout: 600_000 });
        const before = await podmanCallsWhileListing(t, "localhost/demo-service:latest");
        await exec("/usr/bin/podman load -q -i /var/tmp/scale.tar >/dev/null", { timeout: 300_000 });
        const after = await podmanCallsWhileListing(t, `localhost/scale-test-${N - 1}:latest`);
        console.log(`podman processes while listing: ${before.length} before, ${after.length} with ${N} more images`);
        assert.ok(before.length > 0, "the wrapper saw the page's podman calls");
        assert.deepEqual(after.map(c => c.split(" ")[0]).sort(), before.map(c => c.split(" ")[0]).sort());
        assert.equal(after.length, before.length);
    } finally {
        fs.rmSync(path.join(ROOT, "usr/local/bin/podman"), { force: true });
        fs.rmSync(path.join(ROOT, "var/tmp/scale.tar"), { force: true });
        await exec("podman images --format '{{.Repository}}' | grep '^localhost/scale-test-' | xargs -r podman rmi -f >/dev/null", { check: false, timeout: 300_000 });
    }
});
