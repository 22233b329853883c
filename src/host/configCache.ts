// What image configs say, kept in the browser across page loads by image ID. An ID is the
// digest of its config, so an entry never goes stale: it is only dropped when the browser
// has too many (the least recently listed first).
import type { ConfigFacts } from "../core/storage";
import { isObject, isStringArray, stringMap } from "../core/jsonShape";

const KEY = "system-services:image-configs:v1";
const MAX_ENTRIES = 5000;

export interface ConfigCache {
    get(id: string): ConfigFacts | null;
    set(id: string, facts: ConfigFacts): void;
    /** Writes the cache, the images just listed kept first. */
    save(listed: string[]): void;
}

function storage(): Storage | null {
    try {
        return window.localStorage;
    } catch {
        return null;               // storage turned off in the browser: nothing is kept
    }
}

function parseEntries(text: string | null): Map<string, ConfigFacts> {
    const entries = new Map<string, ConfigFacts>();
    let value: unknown = null;
    try {
        value = text === null ? null : JSON.parse(text);
    } catch { /* a damaged cache is an empty one */ }
    if (!isObject(value))
        return entries;
    for (const [id, e] of Object.entries(value)) {
        const labels = isObject(e) ? stringMap(e.labels) : null;
        if (labels && isObject(e) && isStringArray(e.diffIds) && isStringArray(e.history))
            entries.set(id, { labels, diffIds: e.diffIds, history: e.history });
    }
    return entries;
}

let loaded: Map<string, ConfigFacts> | null = null;

export function configCache(): ConfigCache {
    loaded ??= parseEntries(storage()?.getItem(KEY) ?? null);
    const entries = loaded;
    return {
        get: id => entries.get(id) ?? null,
        set: (id, facts) => { entries.set(id, facts); },
        save: listed => {
            const order = [...new Set([...listed.filter(id => entries.has(id)), ...entries.keys()])].slice(0, MAX_ENTRIES);
            const kept = Object.fromEntries(order.map(id => [id, entries.get(id)]));
            try {
                storage()?.setItem(KEY, JSON.stringify(kept));
            } catch { /* over the browser's quota: kept in memory for this page load only */ }
        },
    };
}
