// The page's listing checked against the engine's: what differs is named, image by image.
import QUnit from "qunit";
import podmanImages from "../fixtures/podman-4.3-images.json";
import { parsePodmanImages } from "../../src/core/inventory";
import { inventoryDifferences } from "../../src/core/inventoryCompare";
import { checkListing } from "../../src/app/listing";
import type { Image } from "../../src/core/model";
import type { ImageListing } from "../../src/app/context";

const images = (): Image[] => parsePodmanImages(JSON.stringify(podmanImages));
const words = (d: { template: string; args: string[] }) => d.args.reduce((t, a, i) => t.replace(`$${i}`, a), d.template);

QUnit.module("inventoryCompare", () => {
    QUnit.test("identical listings in any order, labels in any key order: no difference", assert => {
        const reordered = images().reverse().map(i => ({ ...i, labels: Object.fromEntries(Object.entries(i.labels).reverse()) }));
        assert.deepEqual(inventoryDifferences(images(), reordered), []);
    });

    QUnit.test("each difference names the image, the field and both values", assert => {
        const theirs = images();
        const [first, second] = theirs;
        theirs[0] = { ...first, names: [...first.names, "localhost/extra:1"] };
        theirs[1] = { ...second, labels: { ...second.labels, RUN: "changed" } };
        const extra: Image = { ...first, id: "f".repeat(64) };
        const ours = images().slice(0, -1).concat(extra);
        const found = inventoryDifferences(ours, theirs).map(words);
        assert.ok(found.some(w => w.startsWith(`${first.id.slice(0, 12)}: names is `)), found.join("\n"));
        assert.ok(found.some(w => w.startsWith(`${second.id.slice(0, 12)}: labels is `) && w.includes("changed")));
        assert.ok(found.includes("ffffffffffff is only in the page's listing."));
        assert.ok(found.includes(`${images().at(-1)!.id.slice(0, 12)} is only in the engine's listing.`));
        assert.equal(found.length, 4);
    });

    QUnit.test("checkListing: an image pulled between the two readings is no difference", async assert => {
        const all = images();
        const listings: Image[][] = [all.slice(1), all];
        const host = {
            listImages: async (): Promise<ImageListing> => ({ images: listings.shift() ?? [], route: "storage", reason: null, ms: 1 }),
            listImagesWithEngine: async () => all,
        };
        const check = await checkListing(host, "podman");
        assert.deepEqual(check.differences, []);
        assert.equal(check.images, all.length);
        const stale = await checkListing({ ...host, listImages: async () => ({ images: all.slice(2), route: "storage", reason: null, ms: 1 }) }, "podman");
        assert.equal(stale.differences.length, 2);
    });
});
