// podman's images read from containers-storage's own files, not from `podman images` (which
// takes minutes at a few hundred images on podman 4.3: it walks the layer tree once per image).
// The files: DRIVER-images/images.json (IDs, names, digest, top layer, created, big-data
// sizes), DRIVER-layers/layers.json (parents, sizes), DRIVER-containers/containers.json (which
// image each container uses), and each image's config blob (labels, diff IDs, history), kept
// beside images.json as DRIVER-images/ID/=BASE64(KEY). An image's ID is its config's digest,
// so what a config says about an ID never changes: callers cache it by ID (ConfigFacts).
// Anything this reader does not recognise is a StoreUnsupported: the caller lists with the
// engine instead and says why.

import { N_ } from "./i18n";
import { epochSeconds } from "./inventory";
import { isObject, isStringArray, type JsonObject } from "./jsonShape";
import type { Image } from "./model";
import { isParentOf, StoreUnsupported, type ConfigFacts } from "./imageConfig";

export { parseConfig, StoreUnsupported, type ConfigFacts } from "./imageConfig";

/** Where the store is and how it is laid out, from `podman info --format json`. */
export interface StoreLayout {
    graphRoot: string;
    driver: string;
}

export function storeLayout(infoJson: string): StoreLayout {
    let info: unknown;
    try {
        info = JSON.parse(infoJson);
    } catch {
        throw new StoreUnsupported(N_("podman info did not print JSON."));
    }
    const store = isObject(info) ? info.store : undefined;
    if (!isObject(store))
        throw new StoreUnsupported(N_("podman info has no store section."));
    const { graphRoot, graphDriverName: driver, graphOptions } = store;
    if (typeof graphRoot !== "string" || !graphRoot.startsWith("/") || graphRoot.split("/").includes(".."))
        throw new StoreUnsupported(N_("The store's graph root is not an absolute path."));
    if (typeof driver !== "string" || !/^[a-z0-9]+$/.test(driver))
        throw new StoreUnsupported(N_("The store's driver \"$0\" is not one this page reads."), String(driver));
    // additional image stores (driver option "DRIVER.imagestore") hold images listed with these
    const options = isObject(graphOptions) ? Object.keys(graphOptions) : [];
    const extra = options.find(o => /imagestore/i.test(o));
    if (extra)
        throw new StoreUnsupported(N_("The store has additional image stores ($0)."), extra);
    return { graphRoot: graphRoot.replace(/\/+$/, "") || "/", driver };
}

/** The metadata files, relative to the graph root, in the order readStoreMetadata expects them. */
export function metadataPaths(layout: StoreLayout): [string, string, string] {
    const d = layout.driver;
    return [`${d}-images/images.json`, `${d}-layers/layers.json`, `${d}-containers/containers.json`];
}

// containers-storage names a big-data file after its key: as it is when the key is made of
// [0-9a-z.] only, else "=" and the key in standard base64.
function bigDataFileName(key: string): string {
    if (/^[0-9a-z.]*$/.test(key))
        return key;
    const bytes = new TextEncoder().encode(key);
    return "=" + btoa(String.fromCharCode(...bytes));
}

interface StoredImage {
    id: string;
    names: string[];
    digest: string;
    topLayers: string[];               // the top layer and any mapped top layers ("" none)
    created: number;
    bigDataBytes: number;
    hasConfig: boolean;                // its config is kept under "sha256:ID"
}

interface StoredLayer { parent: string; size: number | null }   // null: not recorded (a container's layer)

export interface StoreMetadata {
    images: StoredImage[];
    layers: Map<string, StoredLayer>;
    containersByImage: Map<string, number>;
}

const HEX_ID = /^[0-9a-f]{64}$/;

function jsonArray(text: string | null, file: string): unknown[] {
    if (text === null)
        return [];
    try {
        const value: unknown = JSON.parse(text);
        if (Array.isArray(value))
            return value;
    } catch { /* said below */ }
    throw new StoreUnsupported(N_("$0 is not a JSON list."), file);
}

function stringField(entry: JsonObject, field: string, file: string): string {
    const value = entry[field];
    if (value === undefined || value === null)
        return "";
    if (typeof value !== "string")
        throw new StoreUnsupported(N_("An entry of $0 has a \"$1\" that is not a string."), file, field);
    return value;
}

function imageEntry(value: unknown, file: string): StoredImage {
    if (!isObject(value) || typeof value.id !== "string" || !HEX_ID.test(value.id))
        throw new StoreUnsupported(N_("An entry of $0 has no image ID."), file);
    const names = value.names ?? [];
    const mapped = value["mapped-top-layers"] ?? [];
    const sizes = isObject(value["big-data-sizes"]) ? value["big-data-sizes"] : {};
    const bigDataNames = value["big-data-names"] ?? [];
    if (!isStringArray(names) || !isStringArray(mapped) || !isStringArray(bigDataNames))
        throw new StoreUnsupported(N_("Image $0 in $1 has a list that is not of strings."), value.id, file);
    let bigDataBytes = 0;
    for (const name of bigDataNames) {
        const size = sizes[name];
        if (typeof size !== "number")
            throw new StoreUnsupported(N_("Image $0 in $1 has no size for its data \"$2\"."), value.id, file, name);
        bigDataBytes += size;
    }
    const created = epochSeconds(stringField(value, "created", file));
    if (created === null)
        throw new StoreUnsupported(N_("Image $0 in $1 has no creation time."), value.id, file);
    return {
        id: value.id,
        names,
        digest: stringField(value, "digest", file),
        topLayers: [stringField(value, "layer", file), ...mapped].filter(Boolean),
        created,
        bigDataBytes,
        hasConfig: bigDataNames.includes(`sha256:${value.id}`),
    };
}

/** The three metadata files (containers.json may be missing: no containers yet). */
export function readStoreMetadata(layout: StoreLayout, files: Map<string, string>): StoreMetadata {
    const [imagesFile, layersFile, containersFile] = metadataPaths(layout);
    if (!files.has(imagesFile))
        throw new StoreUnsupported(N_("The store has no $0."), imagesFile);
    const images = jsonArray(files.get(imagesFile) ?? null, imagesFile).map(v => imageEntry(v, imagesFile));
    const layers = new Map<string, StoredLayer>();
    for (const value of jsonArray(files.get(layersFile) ?? null, layersFile)) {
        if (!isObject(value) || typeof value.id !== "string")
            throw new StoreUnsupported(N_("An entry of $0 has no layer ID."), layersFile);
        const size = value["diff-size"];
        const recorded = typeof size === "number" && size >= 0 && stringField(value, "diff-digest", layersFile) !== "";
        layers.set(value.id, { parent: stringField(value, "parent", layersFile), size: recorded ? size : null });
    }
    const containersByImage = new Map<string, number>();
    for (const value of jsonArray(files.get(containersFile) ?? null, containersFile)) {
        const image = isObject(value) ? stringField(value, "image", containersFile) : "";
        if (image)
            containersByImage.set(image, (containersByImage.get(image) ?? 0) + 1);
    }
    return { images, layers, containersByImage };
}

/** The images whose config is to be read, but for those in `known`. */
export function configsToRead(metadata: StoreMetadata, known: (id: string) => boolean): string[] {
    return metadata.images.filter(i => i.hasConfig && !known(i.id)).map(i => i.id);
}

/** The config blob of each image, relative to the graph root. */
export function configPath(layout: StoreLayout, id: string): string {
    return `${layout.driver}-images/${id}/${bigDataFileName(`sha256:${id}`)}`;
}

// An image being written (a pull, a load, a commit) is in images.json before its config is:
// for this long after its creation a missing config means "not there yet", not "unreadable".
const WRITING_SECONDS = 120;

/**
 * The images `podman images` lists: all but the intermediate ones (no name, and a child: an
 * image on the same top layer or on a layer right above it whose config continues this one's).
 * An image still being written is left out; the engine's event when it is done lists it.
 */
export function storeInventory(metadata: StoreMetadata, facts: Map<string, ConfigFacts>, now: number): Image[] {
    const byTopLayer = new Map<string, StoredImage[]>();
    const childLayers = new Map<string, string[]>();
    const empty: StoredImage[] = [];
    const complete = metadata.images.filter(image => {
        if (facts.has(image.id))
            return true;
        if (image.created < now - WRITING_SECONDS)
            throw new StoreUnsupported(N_("The config of image $0 is not where the store keeps it."), image.id);
        return false;
    });
    for (const image of metadata.images) {
        const top = image.topLayers[0];
        if (top === undefined)
            empty.push(image);
        else
            listIn(byTopLayer, top).push(image);
    }
    for (const [id, layer] of metadata.layers)
        if (layer.parent)
            listIn(childLayers, layer.parent).push(id);
    const factsOf = (image: StoredImage): ConfigFacts => facts.get(image.id) as ConfigFacts;
    // a candidate still being written may well be the child (a build's next step): counted as one
    const hasChild = (image: StoredImage): boolean => {
        const top = image.topLayers[0];
        const candidates = top === undefined
            ? empty
            : [...(childLayers.get(top) ?? []).flatMap(l => byTopLayer.get(l) ?? []), ...byTopLayer.get(top) ?? []];
        return candidates.some(c => c.id !== image.id && (!facts.has(c.id) || isParentOf(factsOf(image), factsOf(c))));
    };
    return complete.filter(image => image.names.length > 0 || !hasChild(image)).map(image => ({
        id: image.id,
        names: image.names,
        digest: image.digest,
        labels: factsOf(image).labels,
        created: image.created,
        size: imageSize(metadata, image),
        containers: metadata.containersByImage.get(image.id) ?? 0,
    }));
}

// the list kept under `key`, made on first use (images often share a top layer: hundreds, loaded from one archive)
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
    let list = map.get(key);
    if (list === undefined) {
        list = [];
        map.set(key, list);
    }
    return list;
}

// containers-storage's ImageSize: every layer under the image's top layers once, plus its data
function imageSize(metadata: StoreMetadata, image: StoredImage): number {
    const seen = new Set<string>();
    const queue = [...image.topLayers];
    let size = image.bigDataBytes;
    while (queue.length > 0) {
        const id = queue.pop() as string;
        if (seen.has(id))
            continue;
        seen.add(id);
        const layer = metadata.layers.get(id);
        if (!layer)
            throw new StoreUnsupported(N_("Layer $0 of image $1 is not in the store."), id, image.id);
        // storage computes a size it has not recorded by reading the layer: podman's listing must say it
        if (layer.size === null)
            throw new StoreUnsupported(N_("Layer $0 of image $1 has no recorded size."), id, image.id);
        size += layer.size;
        if (layer.parent)
            queue.push(layer.parent);
    }
    return size;
}
