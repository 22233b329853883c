// Turns what the engine says about its images, containers and events into the model.
// Engine output is untrusted: a wrong shape is an InventoryError naming what was wrong.

import { N_ } from "./i18n";
import { findLabel } from "./labels";
import { ACTION_LABELS, bareId, type Container, type EngineEvent, type Image, type ServiceRecord } from "./model";
import { CoreError } from "./text";
import { describeJson, isObject, isStringArray, parseJsonLine, stringMap, type JsonObject } from "./jsonShape";

export class InventoryError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "InventoryError";
    }
}

function parseArray(json: string, source: string): unknown[] {
    let value: unknown;
    try {
        value = JSON.parse(json);
    } catch (e) {
        throw new InventoryError(N_("The output of $0 is not JSON: $1"), source, String(e instanceof Error ? e.message : e));
    }
    if (!Array.isArray(value))
        throw new InventoryError(N_("The output of $0 is $1, not a list."), source, describeJson(value));
    return value;
}

// Reads the fields of entry `index` of `source`, with errors that say which entry and field.
class Entry {
    readonly obj: JsonObject;
    constructor(value: unknown, readonly source: string, readonly index: number) {
        if (!isObject(value))
            throw new InventoryError(N_("Entry $0 of $1 is $2, not an object."), String(index), source, describeJson(value));
        this.obj = value;
    }

    fail(field: string, expected: string): never {
        const found = describeJson(this.obj[field]);
        throw new InventoryError(N_("Entry $0 of $1: \"$2\" is $3, not $4."), String(this.index), this.source, field, found, expected);
    }

    string(field: string): string {
        const value = this.obj[field];
        if (typeof value !== "string" || value === "")
            this.fail(field, N_("a non-empty string"));
        return value;
    }

    number(field: string): number {
        const value = this.obj[field];
        if (typeof value !== "number" || !Number.isFinite(value))
            this.fail(field, N_("a number"));
        return value;
    }

    object(field: string): JsonObject {
        const value = this.obj[field];
        if (!isObject(value))
            this.fail(field, N_("an object"));
        return value;
    }

    // Go's omitempty and nil maps/slices: a missing or null field is empty.
    strings(field: string): string[] {
        const value = this.obj[field];
        if (value === undefined || value === null)
            return [];
        if (!isStringArray(value))
            this.fail(field, N_("a list of strings"));
        return value;
    }

    labels(field: string, from: JsonObject = this.obj): Record<string, string> {
        const value = from[field];
        if (value === undefined || value === null)
            return {};
        const map = stringMap(value);
        if (map === null)
            throw new InventoryError(N_("Entry $0 of $1: \"$2\" is not a map of strings."), String(this.index), this.source, field);
        return map;
    }
}

/**
 * `podman images --format json` → images, one per ID: podman repeats an image with several
 * names once per name (each entry carrying all names).
 */
export function parsePodmanImages(json: string): Image[] {
    const source = "podman images";
    const byId = new Map<string, Image>();
    for (const image of parseArray(json, source).map((value, index) => {
        const entry = new Entry(value, source, index);
        const containers = entry.obj.Containers === undefined ? 0 : entry.number("Containers");
        return {
            id: bareId(entry.string("Id")),
            names: entry.strings("Names"),
            digest: typeof entry.obj.Digest === "string" ? entry.obj.Digest : "",
            labels: entry.labels("Labels"),
            created: entry.number("Created"),
            size: entry.number("Size"),
            containers,
        };
    })) {
        const seen = byId.get(image.id);
        if (seen)
            seen.names = [...new Set([...seen.names, ...image.names])];
        else
            byId.set(image.id, image);
    }
    return [...byId.values()];
}

// RFC 3339 as Go writes it (up to 9 fractional digits, Z or an offset) → seconds since the epoch.
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

export function epochSeconds(text: string): number | null {
    const m = RFC3339.exec(text);
    if (m === null)
        return null;
    const ms = Date.parse(m[1] + (m[2] ? "." + m[2].slice(0, 3).padEnd(3, "0") : "") + m[3]);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * `docker image inspect ID…` → images; `podman image inspect` has the same fields and is read alike.
 * Docker does not count containers per image: `containers` is -1 (unknown).
 */
export function parseDockerImageInspect(json: string): Image[] {
    const source = "image inspect";
    return parseArray(json, source).map((value, index) => {
        const entry = new Entry(value, source, index);
        const config = entry.obj.Config;
        if (config !== undefined && config !== null && !isObject(config))
            entry.fail("Config", N_("an object"));
        const created = epochSeconds(entry.string("Created")) ?? entry.fail("Created", N_("a date and time (RFC 3339)"));
        return {
            id: bareId(entry.string("Id")),
            // Docker lists dangling images with the tag "<none>:<none>".
            names: entry.strings("RepoTags").filter(t => t !== "<none>:<none>"),
            digest: typeof entry.obj.Digest === "string" ? entry.obj.Digest : "",
            labels: isObject(config) ? entry.labels("Labels", config) : {},
            created,
            size: entry.number("Size"),
            containers: -1,
        };
    });
}

/** `podman ps -a --format json` → containers. */
export function parsePodmanContainers(json: string): Container[] {
    const source = "podman ps";
    return parseArray(json, source).map((value, index) => {
        const entry = new Entry(value, source, index);
        const names = entry.strings("Names");
        if (names.length === 0)
            entry.fail("Names", N_("a list with the container's name"));
        const state = entry.string("State");
        return {
            id: entry.string("Id"),
            name: names[0],
            image: entry.string("Image"),
            imageId: bareId(entry.string("ImageID")),
            state,
            running: state === "running",
            labels: entry.labels("Labels"),
        };
    });
}

/**
 * `docker container inspect ID…` → containers. (`docker ps` has no image ID, so the page asks
 * for the IDs with `docker ps -aq` and inspects them in one call.)
 */
export function parseDockerContainerInspect(json: string): Container[] {
    const source = "docker container inspect";
    return parseArray(json, source).map((value, index) => {
        const entry = new Entry(value, source, index);
        const config = entry.object("Config");
        const status = new Entry(entry.object("State"), source, index).string("Status");
        return {
            id: entry.string("Id"),
            name: entry.string("Name").replace(/^\//, ""),
            image: new Entry(config, source, index).string("Image"),
            imageId: bareId(entry.string("Image")),
            state: status,
            running: status === "running",
            labels: entry.labels("Labels", config),
        };
    });
}

const EVENT_TYPES: ReadonlySet<string> = new Set(["image", "container", "volume", "pod", "system", "network"]);
const HEX_ID = /^[0-9a-f]{64}$/;

function nonEmpty(value: unknown): string | null {
    return typeof value === "string" && value !== "" ? value : null;
}

/**
 * One line of `podman events --format json`; null for a blank line or one that is not an event.
 * Never throws: the stream goes on after a line it cannot read.
 */
export function parseEngineEvent(line: string): EngineEvent | null {
    const value = parseJsonLine(line);
    if (!isObject(value) || typeof value.Status !== "string" || value.Status === "")
        return null;
    const rawType = typeof value.Type === "string" ? value.Type : "";
    const type = EVENT_TYPES.has(rawType) ? rawType as EngineEvent["type"] : "other";
    let id = nonEmpty(value.ID);
    let name = nonEmpty(value.Name);
    // Image events of podman 4.3 such as "build" carry the image ID in Name.
    if (type === "image" && id === null && name !== null && HEX_ID.test(name)) {
        id = name;
        name = null;
    }
    return { type, status: value.Status, id, name, time: nonEmpty(value.Time) };
}

/**
 * `next` with every image that did not change replaced by the object `previous` had (and
 * `previous` itself when nothing changed): a view redraws only the rows that changed.
 */
export function keepUnchanged(previous: Image[] | null, next: Image[]): Image[] {
    if (previous === null)
        return next;
    const before = new Map(previous.map(i => [i.id, i]));
    const merged = next.map(image => {
        const old = before.get(image.id);
        return old && JSON.stringify(old) === JSON.stringify(image) ? old : image;
    });
    return merged.length === previous.length && merged.every((image, i) => image === previous[i]) ? previous : merged;
}

/** Whether the image carries any of INSTALL, RUN, STOP, UNINSTALL (in any case). */
export function isSystemImage(image: Image): boolean {
    return ACTION_LABELS.some(label => findLabel(image.labels, label) !== undefined);
}

/** The first 12 hex digits of an image or container ID, as the engines show it. */
export function shortId(id: string): string {
    return bareId(id).slice(0, 12);
}

/** The image's first name, or its short ID when it has none (dangling). */
export function imageDisplayName(image: Image): string {
    return image.names[0] ?? shortId(image.id);
}

export interface ImageInfo {
    title: string | null;
    description: string | null;
    version: string | null;
    documentation: string | null;
    source: string | null;
}

function firstLabel(image: Image, keys: string[]): string | null {
    for (const key of keys) {
        const value = findLabel(image.labels, key)?.trim();
        if (value)
            return value;
    }
    return null;
}

const OCI = "org.opencontainers.image.";

/** What the image says about itself: OCI annotations first, then the older label names. */
export function imageInfo(image: Image): ImageInfo {
    const help = firstLabel(image, ["help"]);
    return {
        title: firstLabel(image, [OCI + "title", "io.k8s.display-name"]),
        description: firstLabel(image, [OCI + "description", "description", "summary", "io.k8s.description"]),
        version: firstLabel(image, [OCI + "version", "version"]),
        // Red Hat's "help" label is sometimes a URL and sometimes text or a command: only a URL links.
        documentation: firstLabel(image, [OCI + "documentation"]) ?? (help !== null && /^https?:\/\//.test(help) ? help : null),
        source: firstLabel(image, [OCI + "source", "vcs-url"]),
    };
}

/** The image a service runs: the one of its recorded ID, else the one its reference names now. */
export function imageOfRecord(images: Image[], record: ServiceRecord): Image | null {
    return images.find(i => i.id === record.imageId) ?? images.find(i => i.names.includes(record.image)) ?? null;
}
