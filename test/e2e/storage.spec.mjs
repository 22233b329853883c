// The page reads podman's store itself (podman 4.3 needs minutes to list hundreds of images):
// what it lists is what `podman images` lists, an image tagged or removed shows without a
// reload, and a store it does not read is listed by podman, the page saying why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { exec } from "./lib/testbed.mjs";
import { loadImages, removeImages } from "./lib/images.mjs";

const N = 200;
const PREFIX = "localhost/route-test-";

async function openImages(frame) {
    const start = Date.now();
    await frame.locator("#nav-images").click();
    await frame.locator("#images-view[data-count]").waitFor({ timeout: 120_000 });
    return Date.now() - start;
}

test(`with ${N} more images the page reads podman's store and lists exactly what podman images lists`, async t => {
    const images = Array.from({ length: N }, (_, i) => ({
        tag: `${PREFIX}${i}:latest`,
        labels: { RUN: `podman run -d --name \${NAME} \${IMAGE} /x ${i}`, "com.example.route": String(i) },
    }));
    try {
        await loadImages(images);
        await withCockpit(t, { admin: true, timeout: 400_000 }, async ({ frame }) => {
            const ms = await openImages(frame);
            const route = frame.locator("#images-route");
            assert.equal(await route.getAttribute("data-route"), "storage");
            console.log(`Images view listed in ${ms} ms; the page says: ${await route.innerText()}`);
            const count = Number((await exec("podman images --format '{{.ID}}' | sort -u | wc -l", { timeout: 300_000 })).stdout.trim());
            assert.ok(count > N, `podman lists ${count} images`);
            assert.equal(Number(await frame.locator("#images-view").getAttribute("data-count")), count);

            await frame.locator("#images-route-check").click();
            const result = frame.locator("#images-route-check-result");
            await result.waitFor({ timeout: 300_000 });
            console.log(await result.innerText());
            assert.equal(await result.getAttribute("data-identical"), "true", await result.innerText());
            assert.match(await result.innerText(), new RegExp(`^The same ${count} images as podman images lists`));

            // a tag and a removal change the list without a reload
            await frame.locator("#images-filter").fill(`${PREFIX}7-copy`);
            await frame.locator("#images-filter-empty").waitFor();
            const tagged = frame.locator(`tr[data-image="${PREFIX}7:latest"]`);
            await exec(`podman tag ${PREFIX}7:latest ${PREFIX}7-copy:1`);
            let start = Date.now();
            await tagged.waitFor({ timeout: 10_000 });
            console.log(`a new tag showed ${Date.now() - start} ms after podman tag returned`);
            await exec(`podman rmi -f ${PREFIX}7:latest ${PREFIX}7-copy:1 >/dev/null`);
            start = Date.now();
            await tagged.waitFor({ state: "detached", timeout: 10_000 });
            console.log(`a removed image left the list ${Date.now() - start} ms after podman rmi returned`);
            assert.equal(Number(await frame.locator("#images-view").getAttribute("data-count")), count - 1);
        });
    } finally {
        await removeImages(PREFIX, { check: false });
    }
});

test("a store with an additional image store is listed by podman, and the page says why", async t => {
    await exec("mkdir -p /var/lib/extra-store && printf '[storage]\\ndriver = \"overlay\"\\ngraphroot = \"/var/lib/containers/storage\"\\nrunroot = \"/run/containers/storage\"\\n[storage.options]\\nadditionalimagestores = [\"/var/lib/extra-store\"]\\n' > /etc/containers/storage.conf");
    try {
        await withCockpit(t, { admin: true, timeout: 120_000 }, async ({ frame }) => {
            await openImages(frame);
            const route = frame.locator("#images-route");
            assert.equal(await route.getAttribute("data-route"), "engine");
            assert.match(await route.innerText(), /^Listed by podman in .*: The store has additional image stores \(overlay\.imagestore\)\.$/);
            assert.equal(await frame.locator("#images-route-check").count(), 0);
            await frame.locator("#images-filter").fill("demo-service");
            await frame.locator('tr[data-image="localhost/demo-service:latest"]').waitFor();
        });
    } finally {
        await exec("rm -f /etc/containers/storage.conf && rm -rf /var/lib/extra-store");
    }
});
