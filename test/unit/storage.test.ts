// podman's images read from containers-storage's files give what `podman images` gives.
// The fixture is one moment of the testbed: the two tar streams the page reads (made with the
// page's own tar argv) and `podman images --format json`, with 73 images in the store of which
// podman lists 26: the test images, 11 loaded from one docker-archive over a shared layer, a
// dangling image (no name, no child), an image with two names, one used by a container, and
// 46 intermediate images of `podman build` that it does not list.
import QUnit from "qunit";
import fixture from "../fixtures/podman-4.3-storage.json";
import { keepUnchanged, parsePodmanImages } from "../../src/core/inventory";
import type { Image } from "../../src/core/model";
import {
    configPath, configsToRead, metadataPaths, parseConfig, readStoreMetadata, storeInventory, storeLayout,
    StoreUnsupported, type ConfigFacts, type StoreLayout,
} from "../../src/core/storage";
import { tarMembers } from "../../src/core/tarFile";
import { gunzipBase64 } from "./fixture-bytes";

async function files(base64: string): Promise<Map<string, string>> {
    return new Map(tarMembers(await gunzipBase64(base64)).map(m => [m.name, new TextDecoder().decode(m.bytes)]));
}

const byId = (a: Image, b: Image) => a.id.localeCompare(b.id);
const NOW = Date.parse("2026-12-01T00:00:00Z") / 1000;
const layout = (): StoreLayout => storeLayout(JSON.stringify(fixture.info));

async function fromStore(): Promise<{ images: Image[]; facts: Map<string, ConfigFacts>; metadata: ReturnType<typeof readStoreMetadata> }> {
    const metadata = readStoreMetadata(layout(), await files(fixture.metadataTarGz));
    const configs = await files(fixture.configsTarGz);
    const facts = new Map<string, ConfigFacts>();
    for (const id of configsToRead(metadata, () => false)) {
        const text = configs.get(configPath(layout(), id));
        if (text !== undefined)
            facts.set(id, parseConfig(id, text));
    }
    return { images: storeInventory(metadata, facts, NOW), facts, metadata };
}

QUnit.module("storage: podman's images from containers-storage", () => {
    QUnit.test("podman info's store gives the graph root and the driver", assert => {
        assert.deepEqual(layout(), { graphRoot: "/var/lib/containers/storage", driver: "overlay" });
        assert.deepEqual(metadataPaths(layout()), ["overlay-images/images.json", "overlay-layers/layers.json", "overlay-containers/containers.json"]);
    });

    QUnit.test("a store this page does not read is refused, saying why", assert => {
        const info = (store: object) => JSON.stringify({ store: { ...fixture.info.store, ...store } });
        assert.throws(() => storeLayout(info({ graphOptions: { "overlay.imagestore": "/usr/lib/containers/storage" } })),
                      (e: Error) => e instanceof StoreUnsupported && /additional image stores \(overlay\.imagestore\)/.test(e.message));
        assert.throws(() => storeLayout(info({ graphRoot: "var/lib/containers" })), /not an absolute path/);
        assert.throws(() => storeLayout(info({ graphRoot: "/var/../etc" })), /not an absolute path/);
        assert.throws(() => storeLayout(info({ graphDriverName: "../x" })), /driver "\.\.\/x"/);
        assert.throws(() => storeLayout("podman: command not found"), /did not print JSON/);
        assert.deepEqual(storeLayout(info({ graphRoot: "/srv/storage/", graphDriverName: "vfs" })), { graphRoot: "/srv/storage", driver: "vfs" });
    });

    QUnit.test("the tar reader finds every member, long names included (GNU tar's 'L' headers)", async assert => {
        const configs = await files(fixture.configsTarGz);
        assert.equal(configs.size, 73);
        const metadata = readStoreMetadata(layout(), await files(fixture.metadataTarGz));
        for (const id of configsToRead(metadata, () => false))
            assert.ok(configs.has(configPath(layout(), id)), id);
        assert.equal(configPath(layout(), "5926a12e1f84b09c9996e2f6d536147c02c37c35674ecf830471dfe01eaef938"),
                     "overlay-images/5926a12e1f84b09c9996e2f6d536147c02c37c35674ecf830471dfe01eaef938/" +
                     "=c2hhMjU2OjU5MjZhMTJlMWY4NGIwOWM5OTk2ZTJmNmQ1MzYxNDdjMDJjMzdjMzU2NzRlY2Y4MzA0NzFkZmUwMWVhZWY5Mzg=");
    });

    QUnit.test("the store's inventory is podman's: IDs, names, digests, created, labels, sizes, containers", async assert => {
        const { images, metadata } = await fromStore();
        assert.equal(metadata.images.length, 73, "the store holds 73 images");
        const podman = parsePodmanImages(JSON.stringify(fixture.podmanImages));
        assert.equal(podman.length, 26);
        assert.deepEqual(images.slice().sort(byId), podman.slice().sort(byId));
        const dangling = images.find(i => i.names.length === 0);
        assert.equal(dangling?.id.slice(0, 12), "a3189fcd7669", "the dangling image is listed");
        assert.deepEqual(images.find(i => i.names.includes("localhost/demo-alias:1"))?.names, ["localhost/demo-service:latest", "localhost/demo-alias:1"]);
        assert.equal(images.find(i => i.names.includes("localhost/echo-args:latest"))?.containers, 1);
    });

    QUnit.test("with every config from the cache the inventory is the same", async assert => {
        const { images, facts, metadata } = await fromStore();
        assert.deepEqual(configsToRead(metadata, id => facts.has(id)), []);
        const cached = new Map([...facts].map(([id, f]) => [id, JSON.parse(JSON.stringify(f)) as ConfigFacts]));
        assert.deepEqual(storeInventory(metadata, cached, NOW), images);
    });

    QUnit.test("an image whose config is not there yet is left out; an old one sends the page to the engine", async assert => {
        const { facts, metadata } = await fromStore();
        const demo = metadata.images.find(i => i.names.includes("localhost/demo-service:latest"));
        assert.ok(demo);
        const without = new Map(facts);
        without.delete(demo!.id);
        const justMade = storeInventory(metadata, without, demo!.created + 5);
        assert.notOk(justMade.some(i => i.id === demo!.id));
        assert.equal(justMade.length, 25);
        assert.throws(() => storeInventory(metadata, without, NOW),
                      (e: Error) => e instanceof StoreUnsupported && e.message.includes(demo!.id));
    });

    QUnit.test("a layer without a recorded size or a missing layer sends the page to the engine", async assert => {
        const found = await files(fixture.metadataTarGz);
        const layers = JSON.parse(found.get("overlay-layers/layers.json")!) as Record<string, unknown>[];
        const { facts } = await fromStore();
        const unsized = layers.map(l => l.id === "651c06400e8507bdd3476281466efbd2159fd761c1dc71605383af51df09a0a4" ? { ...l, "diff-size": undefined } : l);
        assert.throws(() => storeInventory(readStoreMetadata(layout(), new Map([...found, ["overlay-layers/layers.json", JSON.stringify(unsized)]])), facts, NOW),
                      /Layer 651c06400e85\w+ of image \w+ has no recorded size/);
        const partial = readStoreMetadata(layout(), new Map([...found, ["overlay-layers/layers.json", JSON.stringify(layers.slice(1))]]));
        assert.throws(() => storeInventory(partial, facts, NOW), /is not in the store/);
        assert.throws(() => readStoreMetadata(layout(), new Map()), /has no overlay-images\/images\.json/);
        const noContainers = new Map(found);
        noContainers.delete("overlay-containers/containers.json");
        assert.ok(storeInventory(readStoreMetadata(layout(), noContainers), facts, NOW).every(i => i.containers === 0),
                  "no containers.json: no containers yet");
    });

    QUnit.test("history times compare as instants, as Go compares them", assert => {
        const config = (created: string) => JSON.stringify({ config: {}, rootfs: { diff_ids: [] }, history: [{ created, created_by: "x" }] });
        assert.deepEqual(parseConfig("a", config("2026-01-01T00:00:00Z")).history, parseConfig("a", config("2026-01-01T01:00:00.000+01:00")).history);
        assert.notDeepEqual(parseConfig("a", config("2026-01-01T00:00:00Z")).history, parseConfig("a", config("2026-01-01T00:00:00.5Z")).history);
        assert.throws(() => parseConfig("a", "{\"config\": {\"Labels\": {\"RUN\": 1}}}"), /labels of image a are not a map of strings/);
    });

    QUnit.test("a new listing keeps the objects of images that did not change", assert => {
        const parsed = parsePodmanImages(JSON.stringify(fixture.podmanImages));
        const again = parsePodmanImages(JSON.stringify(fixture.podmanImages));
        assert.strictEqual(keepUnchanged(parsed, again), parsed, "nothing changed: the same list");
        const tagged = again.map((image, i) => i === 3 ? { ...image, names: [...image.names, "localhost/new:1"] } : image);
        const merged = keepUnchanged(parsed, tagged);
        assert.notStrictEqual(merged, parsed);
        assert.deepEqual(merged.map((image, i) => image === parsed[i]), parsed.map((_, i) => i !== 3));
        assert.deepEqual(keepUnchanged(parsed, again.slice(1)).every((image, i) => image === parsed[i + 1]), true, "a removed image: the rest kept");
    });
});
