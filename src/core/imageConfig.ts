// What an image's config says that the page keeps: its labels, and what tells whether it is
// the parent of another image (libimage's test, which `podman images` uses to leave out the
// intermediate images of a build). Read from the config blob in containers-storage.
import { N_ } from "./i18n";
import { epochSeconds } from "./inventory";
import { isObject, isStringArray, stringMap } from "./jsonShape";
import { CoreError } from "./text";

/** What the store holds is not what this page reads: the engine lists the images instead. */
export class StoreUnsupported extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "StoreUnsupported";
    }
}

/**
 * What the page keeps of an image's config: its labels, and what tells whether it is the
 * parent of another image (its layers' diff IDs and its history, both as short hashes).
 */
export interface ConfigFacts {
    labels: Record<string, string>;
    diffIds: string[];
    history: string[];
}

// FNV-1a, twice with different offsets: 16 hex digits, enough to tell history entries apart
function hash(text: string): string {
    let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x01000193) + i;
    }
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

// Go compares history times as instants: "…:00Z" and "…:00.000+00:00" are the same.
function instant(value: unknown): string {
    if (typeof value !== "string")
        return "";
    const seconds = epochSeconds(value);
    const fraction = /\.(\d+)/.exec(value)?.[1] ?? "";
    return seconds === null ? value : `${seconds}.${fraction.padEnd(9, "0").slice(0, 9)}`;
}

export function parseConfig(id: string, text: string): ConfigFacts {
    let config: unknown;
    try {
        config = JSON.parse(text);
    } catch {
        throw new StoreUnsupported(N_("The config of image $0 is not JSON."), id);
    }
    if (!isObject(config))
        throw new StoreUnsupported(N_("The config of image $0 is not an object."), id);
    const inner = config.config;
    const labels = isObject(inner) && inner.Labels !== undefined && inner.Labels !== null ? stringMap(inner.Labels) : {};
    if (labels === null)
        throw new StoreUnsupported(N_("The labels of image $0 are not a map of strings."), id);
    const rootfs = config.rootfs;
    const diffIds = isObject(rootfs) && isStringArray(rootfs.diff_ids) ? rootfs.diff_ids : [];
    const history = Array.isArray(config.history) ? config.history : [];
    return {
        labels,
        diffIds: diffIds.map(hash),
        history: history.map(h => {
            const e = isObject(h) ? h : {};
            return hash(JSON.stringify([instant(e.created), e.created_by ?? "", e.author ?? "", e.comment ?? "", e.empty_layer === true]));
        }),
    };
}

// libimage's test: the child has all the parent's layers and the parent's history plus one entry
export function isParentOf(parent: ConfigFacts, child: ConfigFacts): boolean {
    return parent.diffIds.length <= child.diffIds.length &&
        parent.diffIds.every((d, i) => child.diffIds[i] === d) &&
        parent.history.length + 1 === child.history.length &&
        parent.history.every((h, i) => child.history[i] === h);
}

