// A unit's journal, followed: `journalctl -o json -u UNIT -n N --follow`.
import { cockpit, type Superuser } from "../cockpit";
import { readJournalChunk, type JournalEntry } from "../core/journal";

/** Calls onEntries with the last `lines` entries, then with each new batch; returns a stop function. */
export function followJournal(unit: string, lines: number, onEntries: (entries: JournalEntry[]) => void,
    onError: (message: string) => void, superuser: Superuser = "try"): () => void {
    const proc = cockpit.spawn(["journalctl", "--output=json", "--unit", unit, "--lines", String(lines), "--follow", "--no-pager"],
                               { superuser, err: "message" });
    let rest = "";
    let stopped = false;
    proc.stream(data => {
        const chunk = readJournalChunk(rest, data);
        rest = chunk.rest;
        if (chunk.entries.length > 0 && !stopped)
            onEntries(chunk.entries);
    });
    proc.then(() => undefined, e => { if (!stopped) onError(`journalctl -u ${unit}: ${e.message}`); });
    return () => {
        stopped = true;
        proc.close();
    };
}
