// Small checks for untrusted JSON (engine output, our own files): what a value is, in words.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "null", "an array", "a number", … for messages that say what was found instead. */
export function describeJson(value: unknown): string {
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return "an array";
    switch (typeof value) {
    case "object":
        return "an object";
    case "string":
        return "a string";
    case "number":
        return "a number";
    case "boolean":
        return "a boolean";
    default:
        return typeof value;
    }
}

export function isStringArray(value: unknown): value is string[] {
    return Array.isArray(value) && value.every(v => typeof v === "string");
}

/** A map of string to string (labels, options), or null when the value is anything else. */
export function stringMap(value: unknown): Record<string, string> | null {
    if (!isObject(value))
        return null;
    const map: Record<string, string> = {};
    for (const [key, v] of Object.entries(value)) {
        if (typeof v !== "string")
            return null;
        map[key] = v;
    }
    return map;
}

/** One line of a JSON-lines stream; null for a blank line or one that is not JSON (streams go on). */
export function parseJsonLine(line: string): unknown {
    if (line.trim() === "")
        return null;
    try {
        return JSON.parse(line);
    } catch {
        return null;
    }
}
