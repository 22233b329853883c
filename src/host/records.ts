// Install records under /etc/containers/system-services/NAME/service.json (format: core/record.ts).
import { readFile, run, HostError } from "../cockpit";
import type { ServiceRecord } from "../core/model";
import { parseRecord, recordDir, recordPath, RECORDS_DIR, serializeRecord } from "../core/record";
import { writeFile } from "./files";

export interface RecordsListing {
    records: ServiceRecord[];
    broken: { path: string; error: string }[];   // records that exist but do not parse
}

const writeListeners = new Set<() => void>();

/** Calls onChange after this page wrote or removed a record (records are files: no engine event says so). */
export function onRecordsChanged(onChange: () => void): () => void {
    writeListeners.add(onChange);
    return () => writeListeners.delete(onChange);
}

function changed(): void {
    writeListeners.forEach(listener => listener());
}

export async function listRecords(): Promise<RecordsListing> {
    let found: string;
    try {
        found = await run(["find", RECORDS_DIR, "-mindepth", "2", "-maxdepth", "2", "-name", "service.json"], { superuser: "try" });
    } catch (e) {
        if (e instanceof HostError && /No such file/.test(e.details))
            return { records: [], broken: [] };
        throw e;
    }
    const listing: RecordsListing = { records: [], broken: [] };
    for (const path of found.split("\n").filter(Boolean).sort()) {
        const { content } = await readFile(path);
        if (content === null)
            continue;
        try {
            listing.records.push(parseRecord(content, path.split("/").slice(-2)[0]));
        } catch (e) {
            listing.broken.push({ path, error: e instanceof Error ? e.message : String(e) });
        }
    }
    return listing;
}

export async function writeRecord(record: ServiceRecord): Promise<void> {
    await writeFile(recordPath(record.name), serializeRecord(record), { dirMode: "0755" });
    changed();
}

/** Removes the record; the folder goes too when nothing else (an override) is left in it. */
export async function removeRecord(name: string): Promise<void> {
    await run(["rm", "-f", recordPath(name)], { superuser: "require" });
    await run(["rmdir", "--ignore-fail-on-non-empty", recordDir(name)], { superuser: "require" }).catch(() => undefined);
    changed();
}
