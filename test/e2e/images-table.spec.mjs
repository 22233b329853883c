// The Images list with 200 more labelled images: filtering, sorting, paging and a row's
// Install… button, and how fast the filter answers typing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { loadImages, removeImages } from "./lib/images.mjs";

const N = 200;
const PREFIX = "localhost/table-test-";
const GROUP = "com.example.bench-group";
const DAY = 86_400_000;

const ref = i => `${PREFIX}${String(i).padStart(3, "0")}:latest`;
// creation days in another order than the names: 7 and 200 have no common factor
const createdDay = i => (i * 7 + 3) % N;
const images = Array.from({ length: N }, (_, i) => ({
    tag: ref(i),
    created: new Date(Date.UTC(2025, 0, 1) + createdDay(i) * DAY).toISOString(),
    labels: {
        RUN: `podman run -d --name \${NAME} \${IMAGE} /x ${i}`,
        ...i % 2 === 0 ? { INSTALL: `podman run --rm \${IMAGE} /x install ${i}` } : {},
        ...i % 7 === 0 ? { [GROUP]: `group-${i % 3}` } : {},
    },
}));
const grouped = images.filter((_, i) => i % 7 === 0).map(im => im.tag);
const byCreated = [...Array(N).keys()].sort((a, b) => createdDay(a) - createdDay(b));

const rowNames = frame => frame.locator("#images-view tbody tr").evaluateAll(rows => rows.map(r => r.dataset.image));

async function openListed(frame) {
    await frame.locator("#nav-images").click();
    await frame.locator("#images-view").waitFor();
    // fully listed: every image of the host is in the inventory
    const view = frame.locator("#images-view");
    const deadline = Date.now() + 120_000;
    while (Number(await view.getAttribute("data-count")) < N) {
        assert.ok(Date.now() < deadline, "the images were listed within 120 s");
        await new Promise(resolve => setTimeout(resolve, 250));
    }
}

// one keystroke's worth of input, measured inside the page until the range shows the result
function timeFilter(frame, text, expectRange) {
    return frame.locator("#images-view").evaluate((view, [text, expectRange]) => new Promise(resolve => {
        const input = document.getElementById("images-filter");
        const start = window.performance.now();
        const done = () => document.getElementById("images-range")?.textContent === expectRange;
        const observer = new window.MutationObserver(() => {
            if (done()) {
                observer.disconnect();
                resolve(window.performance.now() - start);
            }
        });
        observer.observe(view, { subtree: true, childList: true, characterData: true });
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
    }), [text, expectRange]);
}

test(`the Images list of ${N} more images filters, sorts, pages and installs from a row`, async t => {
    try {
        await removeImages(PREFIX);
        await loadImages(images);
        await withCockpit(t, { admin: true, timeout: 120_000 }, async ({ frame }) => {
            const listed = Date.now();
            await openListed(frame);
            console.log(`listed ${N} more images in ${Date.now() - listed} ms`);
            assert.equal(await frame.locator("#images-view tbody tr").count(), 50, "one page of rows");
            // the columns are apart: the short ID and the date do not touch
            const id = await frame.locator("#images-view tbody tr:first-child td[data-label='ID'] code").boundingBox();
            const date = await frame.locator("#images-view tbody tr:first-child td[data-label='Created']").boundingBox();
            assert.ok(date.x - (id.x + id.width) >= 8, `ID ends at ${id.x + id.width}, Created starts at ${date.x}`);

            // (a) a label key narrows the list to the images that carry it
            const ms = await timeFilter(frame, GROUP, `1 – ${grouped.length} of ${grouped.length}`);
            console.log(`filter by a label key answered in ${ms.toFixed(0)} ms`);
            assert.ok(ms < 1000, `the filter answered in ${ms} ms`);
            assert.deepEqual(await rowNames(frame), grouped);

            // a filter that matches nothing, and its clear button
            await frame.locator("#images-filter").fill("no-such-image-anywhere");
            await frame.locator("#images-filter-empty").waitFor();
            await frame.locator("#images-filter-empty-clear").click();
            assert.equal(await frame.locator("#images-filter").inputValue(), "");

            // (b) sorting: by name both ways, then by created
            await frame.locator("#images-filter").fill(PREFIX);
            await frame.locator("#images-range").filter({ hasText: `1 – 50 of ${N}` }).waitFor();
            const nameTh = frame.locator("th", { has: frame.locator("#images-sort-name") });
            assert.equal(await nameTh.getAttribute("aria-sort"), "ascending");
            assert.equal((await rowNames(frame))[0], ref(0));
            await frame.locator("#images-sort-name").click();
            await frame.locator(`#images-view tbody tr:first-child[data-image="${ref(N - 1)}"]`).waitFor();
            assert.equal(await nameTh.getAttribute("aria-sort"), "descending");
            await frame.locator("#images-sort-name").click();
            await frame.locator(`#images-view tbody tr:first-child[data-image="${ref(0)}"]`).waitFor();

            await frame.locator("#images-sort-created").click();
            const createdTh = frame.locator("th", { has: frame.locator("#images-sort-created") });
            assert.equal(await createdTh.getAttribute("aria-sort"), "ascending");
            assert.equal(await nameTh.getAttribute("aria-sort"), "none");
            assert.deepEqual(await rowNames(frame), byCreated.slice(0, 50).map(ref));
            await frame.locator("#images-sort-created").click();
            await frame.locator(`#images-view tbody tr:first-child[data-image="${ref(byCreated[N - 1])}"]`).waitFor();

            // (c) the next page shows rows 51 to 100; a new filter goes back to page 1
            await frame.locator("#images-sort-name").click();
            await frame.locator("#images-page-next").click();
            await frame.locator("#images-range").filter({ hasText: `51 – 100 of ${N}` }).waitFor();
            assert.deepEqual(await rowNames(frame), [...Array(50).keys()].map(i => ref(50 + i)));
            await frame.locator("#images-page-prev").click();
            await frame.locator("#images-range").filter({ hasText: `1 – 50 of ${N}` }).waitFor();
            await frame.locator("#images-page-next").click();
            await frame.locator("#images-filter").fill(`${PREFIX}01`);
            await frame.locator("#images-range").filter({ hasText: "1 – 10 of 10" }).waitFor();

            // (d) Install… opens the Install dialog for that row's image; Run… for RUN alone
            const row = frame.locator(`tr[data-image="${ref(14)}"]`);
            assert.equal(await frame.locator(`tr[data-image="${ref(13)}"] .ss-row-install`).innerText(), "Run…");
            assert.equal(await row.locator(".ss-row-install").innerText(), "Install…");
            await row.locator(".ss-row-install").click();
            await frame.locator("#install-dialog").waitFor();
            assert.equal(await frame.locator("#install-title").innerText(), `Install ${ref(14)}`);
            await frame.locator("#install-close").click();
            await frame.locator("#install-dialog").waitFor({ state: "detached" });
        });
    } finally {
        await removeImages(PREFIX, { check: false });
    }
});
