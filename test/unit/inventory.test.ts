import QUnit from "qunit";
import {
    imageDisplayName, imageInfo, InventoryError, isSystemImage, parseDockerImageInspect, parseEngineEvent,
    parsePodmanContainers, parsePodmanImages, shortId, parseDockerContainerInspect,
} from "../../src/core/inventory";
import type { Image } from "../../src/core/model";
import podmanImages from "../fixtures/podman-4.3-images.json";
import podmanInspect from "../fixtures/podman-4.3-image-inspect.json";
import dockerContainers from "../fixtures/docker-container-inspect.json";
import podmanPs from "../fixtures/podman-4.3-ps.json";
import dockerInspect from "../fixtures/docker-image-inspect.json";
import { PODMAN_EVENTS } from "./events-fixture";

const DEMO_ID = "c8d96cbd050039d9e1cc99fbc7f9dfe35f365d195e846dca2c40102cdf1e2358";
const IMAGES_TEXT = JSON.stringify(podmanImages, null, 4);

// The fixture with entry `index` changed: real output, one field made the way the test needs.
function variant(fixture: unknown[], index: number, change: (entry: Record<string, unknown>) => void): string {
    const copy = JSON.parse(JSON.stringify(fixture)) as Record<string, unknown>[];
    change(copy[index]);
    return JSON.stringify(copy);
}

function demoImage(): Image {
    const demo = parsePodmanImages(IMAGES_TEXT).find(i => i.id === DEMO_ID);
    if (!demo)
        throw new Error("the demo image is not in the fixture");
    return demo;
}

function thrown(fn: () => unknown): unknown {
    try {
        fn();
    } catch (e) {
        return e;
    }
    return null;
}

QUnit.module("inventory: podman images", () => {
    QUnit.test("reads the five test images of the testbed with their names", assert => {
        const images = parsePodmanImages(IMAGES_TEXT);
        assert.deepEqual(images.map(i => i.names), [
            ["localhost/run-only:latest"], ["localhost/no-labels:latest"], ["localhost/failing-install:latest"],
            ["localhost/demo-service:latest"], ["localhost/bad-label:latest"],
        ]);
    });
    QUnit.test("keeps the ID, creation time, size and container count", assert => {
        const demo = demoImage();
        assert.deepEqual([demo.id, demo.created, demo.size, demo.containers], [DEMO_ID, 1795920449, 2141850, 1]);
    });
    QUnit.test("keeps the labels as the image carries them", assert => {
        const labels = demoImage().labels;
        assert.equal(labels.STOP, "podman stop -t 2 ${NAME}");
        assert.equal(labels["org.opencontainers.image.title"], "Demo service");
        assert.equal(Object.keys(labels).length, 7);
    });
    QUnit.test("reads null labels as no labels", assert => {
        const images = parsePodmanImages(variant(podmanImages, 1, e => { e.Labels = null; }));
        assert.deepEqual(images[1].labels, {});
    });
    QUnit.test("reads a dangling image without Names as nameless", assert => {
        const images = parsePodmanImages(variant(podmanImages, 1, e => { delete e.Names; }));
        assert.deepEqual(images[1].names, []);
    });
    QUnit.test("reads an empty list as no images", assert => {
        assert.deepEqual(parsePodmanImages("[]\n"), []);
    });
    QUnit.test("refuses output that is not JSON, saying which command", assert => {
        const e = thrown(() => parsePodmanImages("Error: short-name resolution enforced"));
        assert.ok(e instanceof InventoryError);
        assert.ok(String((e as Error).message).startsWith("The output of podman images is not JSON: "));
    });
    QUnit.test("refuses JSON that is not a list", assert => {
        assert.throws(() => parsePodmanImages("{\"Id\": \"x\"}"), /The output of podman images is an object, not a list\./);
    });
    QUnit.test("refuses an entry whose Id is not a string, naming the entry and field", assert => {
        assert.throws(() => parsePodmanImages(variant(podmanImages, 3, e => { e.Id = 42; })),
                      /Entry 3 of podman images: "Id" is a number, not a non-empty string\./);
    });
    QUnit.test("refuses a label whose value is not a string", assert => {
        assert.throws(() => parsePodmanImages(variant(podmanImages, 0, e => { e.Labels = { RUN: ["podman", "run"] }; })),
                      /Entry 0 of podman images: "Labels" is not a map of strings\./);
    });
    QUnit.test("gives the message's template and arguments for translation", assert => {
        const e = thrown(() => parsePodmanImages("[null]")) as InventoryError;
        assert.equal(e.template, "Entry $0 of $1 is $2, not an object.");
        assert.deepEqual(e.args, ["0", "podman images", "null"]);
    });
});

QUnit.module("inventory: image inspect", () => {
    QUnit.test("reads docker's ID without the sha256: prefix and its tags as names", assert => {
        const [sssd] = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.equal(sssd.id, "3f1c4a2e9b7d5c8e0a6f4b2d9c7e5a3b1f0d8c6e4a2b0f9d7c5e3a1b9f7d5c3e");
        assert.deepEqual(sssd.names, ["registry.example.test/sssd:2.8", "registry.example.test/sssd:latest"]);
    });
    QUnit.test("reads the labels from Config.Labels", assert => {
        const [sssd] = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.equal(sssd.labels.STOP, "docker kill -s TERM ${NAME}");
        assert.ok(isSystemImage(sssd));
    });
    QUnit.test("reads Created with nanoseconds as whole seconds since the epoch", assert => {
        const [sssd] = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.equal(sssd.created, Date.UTC(2024, 2, 14, 9, 26, 53) / 1000);
    });
    QUnit.test("says docker does not count an image's containers", assert => {
        const images = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.deepEqual(images.map(i => i.containers), [-1, -1]);
    });
    QUnit.test("reads a dangling image with null labels as nameless and unlabelled", assert => {
        const [, dangling] = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.deepEqual([dangling.names, dangling.labels, dangling.size], [[], {}, 116537424]);
    });
    QUnit.test("reads podman's image inspect to the same image as podman images, but the count", assert => {
        const [inspected] = parseDockerImageInspect(JSON.stringify(podmanInspect));
        assert.deepEqual({ ...inspected, containers: 1 }, demoImage());
    });
    QUnit.test("refuses a Created that is not a date", assert => {
        assert.throws(() => parseDockerImageInspect(variant(dockerInspect, 0, e => { e.Created = "yesterday"; })),
                      /Entry 0 of image inspect: "Created" is a string, not a date and time \(RFC 3339\)\./);
    });
    QUnit.test("refuses a Config that is not an object", assert => {
        assert.throws(() => parseDockerImageInspect(variant(dockerInspect, 0, e => { e.Config = "none"; })),
                      /"Config" is a string, not an object/);
    });
});

QUnit.module("inventory: podman ps", () => {
    QUnit.test("reads the stopped demo container with its name, image and state", assert => {
        const [c] = parsePodmanContainers(JSON.stringify(podmanPs));
        assert.deepEqual([c.name, c.image, c.imageId, c.state, c.running],
                         ["demo-service", "localhost/demo-service:latest", DEMO_ID, "exited", false]);
    });
    QUnit.test("keeps the container's labels", assert => {
        const [c] = parsePodmanContainers(JSON.stringify(podmanPs));
        assert.equal(c.labels.RUN, podmanImages[3].Labels.RUN);
    });
    QUnit.test("marks a container in state running as running", assert => {
        const [c] = parsePodmanContainers(variant(podmanPs, 0, e => { e.State = "running"; }));
        assert.true(c.running);
    });
    QUnit.test("refuses a container without a name", assert => {
        assert.throws(() => parsePodmanContainers(variant(podmanPs, 0, e => { e.Names = []; })),
                      /Entry 0 of podman ps: "Names" is an array, not a list with the container's name\./);
    });
});

QUnit.module("inventory: podman events", () => {
    const lines = PODMAN_EVENTS.split("\n");

    QUnit.test("reads every event of a real stream, in order", assert => {
        const events = lines.map(parseEngineEvent).filter(e => e !== null);
        assert.deepEqual(events.map(e => e?.type + " " + e?.status),
                         ["system refresh", "image build", "image build", "container history", "container create", "container init"]);
    });
    QUnit.test("takes the image ID of a build event from its Name", assert => {
        const event = parseEngineEvent(lines[2]);
        assert.deepEqual(event, {
            type: "image", status: "build", id: "271e6db4d50418022435cfdaf694bed367d9464716591af56834dc7b890c70c4",
            name: null, time: "2026-11-29T02:47:25.581526489Z",
        });
    });
    QUnit.test("reads a container event's ID and name", assert => {
        const event = parseEngineEvent(lines[4]);
        assert.deepEqual([event?.id, event?.name], ["f5aa92bf5e36f133705fe2ddc493e09bb5dcf45cf82fe26eef15859157409997", "keen_kalam"]);
    });
    QUnit.test("reads an image event without ID or Name with neither", assert => {
        const event = parseEngineEvent(lines[1]);
        assert.deepEqual([event?.id, event?.name], [null, null]);
    });
    QUnit.test("keeps an image's reference in Name when it is not an ID", assert => {
        const event = parseEngineEvent("{\"ID\":\"" + DEMO_ID + "\",\"Name\":\"localhost/demo-service:latest\",\"Status\":\"untag\",\"Time\":\"2026-11-29T03:00:00Z\",\"Type\":\"image\",\"Attributes\":null}");
        assert.deepEqual([event?.id, event?.name], [DEMO_ID, "localhost/demo-service:latest"]);
    });
    QUnit.test("returns null for a blank line", assert => {
        assert.equal(parseEngineEvent(""), null);
        assert.equal(parseEngineEvent("  \r"), null);
    });
    QUnit.test("returns null for junk instead of throwing", assert => {
        assert.equal(parseEngineEvent("Error: cannot read events"), null);
        assert.equal(parseEngineEvent("{\"Status\":"), null);
        assert.equal(parseEngineEvent("[1, 2]"), null);
        assert.equal(parseEngineEvent("{\"Type\":\"image\"}"), null);
    });
    QUnit.test("reads an unknown event type as other", assert => {
        assert.equal(parseEngineEvent("{\"Status\":\"prune\",\"Type\":\"machine\"}")?.type, "other");
    });
});

QUnit.module("inventory: images for people", () => {
    const images = parsePodmanImages(IMAGES_TEXT);

    QUnit.test("counts an image with any of INSTALL, RUN, STOP, UNINSTALL as a system image", assert => {
        assert.deepEqual(images.map(isSystemImage), [true, false, true, true, true]);
    });
    QUnit.test("finds the action labels in any case", assert => {
        assert.true(isSystemImage({ ...images[1], labels: { run: "podman run -d ${IMAGE}" } }));
        assert.false(isSystemImage({ ...images[1], labels: { RUNNER: "x", "io.buildah.version": "1.28.2" } }));
    });
    QUnit.test("shortens an ID to 12 hex digits, with or without sha256:", assert => {
        assert.equal(shortId(DEMO_ID), "c8d96cbd0500");
        assert.equal(shortId("sha256:" + DEMO_ID), "c8d96cbd0500");
    });
    QUnit.test("names an image by its first name, else by its short ID", assert => {
        assert.equal(imageDisplayName(demoImage()), "localhost/demo-service:latest");
        assert.equal(imageDisplayName({ ...demoImage(), names: [] }), "c8d96cbd0500");
    });
    QUnit.test("reads the OCI title and description of the demo image", assert => {
        assert.deepEqual(imageInfo(demoImage()), {
            title: "Demo service", description: "busybox httpd as a system service",
            version: null, documentation: null, source: null,
        });
    });
    QUnit.test("reads version and source from OCI labels", assert => {
        const [sssd] = parseDockerImageInspect(JSON.stringify(dockerInspect));
        assert.deepEqual([imageInfo(sssd).version, imageInfo(sssd).source], ["2.8.2", "https://git.example.test/containers/sssd"]);
    });
    QUnit.test("falls back to the labels of Red Hat's images", assert => {
        const ubi: Image = {
            ...demoImage(),
            labels: {
                summary: "Provides the latest release of Red Hat Universal Base Image 9.",
                description: "The Universal Base Image is designed and engineered to be the base layer for all of your containerized applications, middleware and utilities.",
                "io.k8s.display-name": "Red Hat Universal Base Image 9",
                version: "9.3",
                help: "https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/9",
                "vcs-url": "https://github.com/containerbuildsystem/ubi9",
            },
        };
        assert.deepEqual(imageInfo(ubi), {
            title: "Red Hat Universal Base Image 9",
            description: ubi.labels.description,
            version: "9.3",
            documentation: ubi.labels.help,
            source: "https://github.com/containerbuildsystem/ubi9",
        });
    });
    QUnit.test("takes the summary when there is no description", assert => {
        assert.equal(imageInfo({ ...demoImage(), labels: { summary: "SSSD as a system container" } }).description, "SSSD as a system container");
    });
    QUnit.test("does not link a help label that is not a URL", assert => {
        assert.equal(imageInfo({ ...demoImage(), labels: { help: "docker run --rm ${IMAGE} cat /help.1" } }).documentation, null);
    });
});

QUnit.module("inventory: images with several names", () => {
    // podman 4.3 as seen on the testbed after `podman tag localhost/demo-service localhost/units-demo`
    const entry = (names: string[]) => ({
        Id: "5e793a05e0d616ed71f89ab82af5ebc6f3209e260607b16c1628d4635ef61374",
        Labels: { RUN: "podman run -d --name ${NAME} ${IMAGE}" }, Names: names,
        Created: 1795920455, Size: 2133177, Containers: 0,
    });
    QUnit.test("an image podman lists once per name is one image with all its names", assert => {
        const json = JSON.stringify([entry(["localhost/demo-service:latest", "localhost/units-demo:latest"]),
            entry(["localhost/demo-service:latest", "localhost/units-demo:latest"])]);
        const images = parsePodmanImages(json);
        assert.strictEqual(images.length, 1);
        assert.deepEqual(images[0].names, ["localhost/demo-service:latest", "localhost/units-demo:latest"]);
    });
});

QUnit.module("inventory: docker containers", () => {
    QUnit.test("docker container inspect gives names without the slash, image IDs and state", assert => {
        const containers = parseDockerContainerInspect(JSON.stringify(dockerContainers));
        assert.deepEqual(containers.map(c => [c.name, c.image, c.imageId.slice(0, 12), c.state, c.running]), [
            ["sssd", "registry.example.com/team/sssd:2.8", "1146efcd95dd", "running", true],
            ["demo-service", "localhost/demo-service:latest", "5e793a05e0d6", "exited", false],
        ]);
        assert.strictEqual(containers[0].labels["org.opencontainers.image.title"], "SSSD");
        assert.deepEqual(containers[1].labels, {});
    });
    QUnit.test("a container without State is refused with what was wrong", assert => {
        assert.throws(() => parseDockerContainerInspect(JSON.stringify([{ Id: "x", Name: "/a", Image: "sha256:1", Config: {} }])),
                      /State/);
    });
});
