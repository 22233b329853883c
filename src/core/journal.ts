// Reads `journalctl -o json` output: one JSON object per line. MESSAGE is a string, or an
// array of bytes when it is not valid UTF-8 or holds control characters; null when absent.

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
        message: field(obj, "MESSAGE"),
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
