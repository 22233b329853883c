// Reads `journalctl -o json` output: one JSON object per line. MESSAGE is a string, or an
// array of bytes when it is not valid UTF-8 or holds control characters; null when absent.

import { shortId } from "./inventory";
import { isObject, parseJsonLine } from "./jsonShape";

export interface JournalEntry {
    cursor: string;
    time: number | null;       // milliseconds since the epoch
    priority: number | null;   // 0 emerg … 7 debug
    identifier: string;        // SYSLOG_IDENTIFIER, else _COMM, else ""
    pid: string;
    message: string;
}

function field(obj: Record<string, unknown>, key: string): string {
    const v = obj[key];
    if (typeof v === "string")
        return v;
    if (Array.isArray(v) && v.every(b => typeof b === "number"))
        return new TextDecoder("utf-8").decode(new Uint8Array(v as number[]));
    return "";
}

/** The longest message a journal line shows; the whole text stays one click away (its tooltip). */
export const MESSAGE_MAX = 240;

/** The message cut to MESSAGE_MAX characters, with "…" where it was cut. */
export function shortMessage(message: string): string {
    return message.length > MESSAGE_MAX ? message.slice(0, MESSAGE_MAX - 1) + "…" : message;
}

/**
 * podman's own event entries (PODMAN_EVENT set), which repeat every label of the image in their
 * message (700 characters for the demo image), as one short line: "container start ID
 * (image=…, name=…)"; the died event keeps its exit code. null for other entries.
 */
function podmanEvent(obj: Record<string, unknown>): string | null {
    const event = field(obj, "PODMAN_EVENT");
    if (event === "")
        return null;
    const [image, name, code] = ["PODMAN_IMAGE", "PODMAN_NAME", "PODMAN_EXIT_CODE"].map(key => field(obj, key));
    const details = [image && `image=${image}`, name && `name=${name}`, code && `exit code ${code}`].filter(Boolean);
    // the short ID, as `podman ps` shows it
    const what = [field(obj, "PODMAN_TYPE"), event, shortId(field(obj, "PODMAN_ID"))].filter(Boolean).join(" ");
    return details.length > 0 ? `${what} (${details.join(", ")})` : what;
}

/** One line of `journalctl -o json`; null for an empty line or anything that is not an entry. */
export function parseJournalLine(line: string): JournalEntry | null {
    const obj = parseJsonLine(line);
    if (!isObject(obj))
        return null;
    const micro = field(obj, "__REALTIME_TIMESTAMP");
    const priority = field(obj, "PRIORITY");
    return {
        cursor: field(obj, "__CURSOR"),
        time: /^\d+$/.test(micro) ? Math.floor(Number(micro) / 1000) : null,
        priority: /^[0-7]$/.test(priority) ? Number(priority) : null,
        identifier: field(obj, "SYSLOG_IDENTIFIER") || field(obj, "_COMM"),
        pid: field(obj, "_PID"),
        message: podmanEvent(obj) ?? field(obj, "MESSAGE"),
    };
}

/** Splits streamed output into whole lines: returns the entries and the unfinished rest. */
export function readJournalChunk(rest: string, data: string): { entries: JournalEntry[]; rest: string } {
    const lines = (rest + data).split("\n");
    const tail = lines.pop() ?? "";
    const entries = lines.map(parseJournalLine).filter((e): e is JournalEntry => e !== null);
    return { entries, rest: tail };
}

/** The last `max` entries of old and new together, each cursor once. */
export function appendEntries(old: JournalEntry[], added: JournalEntry[], max: number): JournalEntry[] {
    const seen = new Set(old.map(e => e.cursor).filter(Boolean));
    const merged = old.concat(added.filter(e => !e.cursor || !seen.has(e.cursor)));
    return merged.length > max ? merged.slice(merged.length - max) : merged;
}
