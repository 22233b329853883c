// A unit's journal, followed: the last N entries (`journalctl -o json -u UNIT -n N`), then
// every later one (`--follow --after-cursor=` the last of them, or `--lines=all` when there was
// none). Not `-n N --follow` in one: journalctl 252 started that way on a unit with no entries
// yet misses the first entries the unit then writes (seen on Debian 12: "Started …" and the
// service's first lines never arrived).
import { cockpit, type Superuser } from "../cockpit";
import { readJournalChunk, type JournalEntry } from "../core/journal";

/**
 * Feeds what `journalctl --output=json` prints on `proc` to onEntries, in whole entries;
 * returns the cursor of the last entry read so far (null before any).
 */
export function streamEntries(proc: ReturnType<typeof cockpit.spawn>, onEntries: (entries: JournalEntry[]) => void): () => string | null {
    let rest = "";
    let last: string | null = null;
    proc.stream(data => {
        const chunk = readJournalChunk(rest, data);
        rest = chunk.rest;
        last = chunk.entries.at(-1)?.cursor || last;
        if (chunk.entries.length > 0)
            onEntries(chunk.entries);
    });
    return () => last;
}

/** Calls onEntries with the last `lines` entries, then with each new batch; returns a stop function. */
export function followJournal(unit: string, lines: number, onEntries: (entries: JournalEntry[]) => void,
    onError: (message: string) => void, superuser: Superuser = "try"): () => void {
    const base = ["journalctl", "--output=json", "--unit", unit, "--no-pager"];
    let stopped = false;
    let proc: ReturnType<typeof cockpit.spawn> | null = null;
    const fail = (e: { message: string }) => { if (!stopped) onError(`journalctl -u ${unit}: ${e.message}`); };

    const read = (argv: string[], then?: (last: string | null) => void) => {
        proc = cockpit.spawn(argv, { superuser, err: "message" });
        const last = streamEntries(proc, entries => { if (!stopped) onEntries(entries); });
        proc.then(() => { if (!stopped) then?.(last()); }, fail);
    };
    read([...base, "--lines", String(lines)], last =>
        read([...base, "--follow", ...(last ? [`--after-cursor=${last}`] : ["--lines=all"])]));
    return () => {
        stopped = true;
        proc?.close();
    };
}
