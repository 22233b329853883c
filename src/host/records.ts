// Install records under /etc/containers/system-services/NAME/service.json (format: core/record.ts).
import { run, runBytes } from "../cockpit";
import type { ServiceRecord } from "../core/model";
import { recordDir, recordPath, serializeRecord } from "../core/record";
import { RECORDS_ARCHIVE, recordsFromArchive, type RecordsListing } from "../core/recordsArchive";
import { tarMembers } from "../core/tarFile";
import { writeFile } from "./files";

export type { RecordsListing } from "../core/recordsArchive";

const writeListeners = new Set<() => void>();

/** Calls onChange after this page wrote or removed a record (records are files: no engine event says so). */
export function onRecordsChanged(onChange: () => void): () => void {
    writeListeners.add(onChange);
    return () => writeListeners.delete(onChange);
}

function changed(): void {
    writeListeners.forEach(listener => listener());
}

/** Every record in one process, whatever their number (core/recordsArchive.ts). */
export async function listRecords(): Promise<RecordsListing> {
    const { directory, member } = RECORDS_ARCHIVE;
    const stream = await runBytes(["tar", "--create", "--file=-", `--directory=${directory}`, "--ignore-failed-read", "--", member],
                                  { superuser: "try" });
    return recordsFromArchive(tarMembers(stream));
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
