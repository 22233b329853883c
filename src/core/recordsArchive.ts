// All install records in one read: a tar of /etc/containers/system-services (records and
// host-data-list overrides are a few small files), whatever the number of services.
import { N_ } from "./i18n";
import type { ServiceRecord } from "./model";
import { parseRecord, RECORDS_DIR } from "./record";
import type { TarMember } from "./tarFile";
import { formatText } from "./text";

export interface RecordsListing {
    records: ServiceRecord[];
    broken: { path: string; error: string }[];   // records that exist but do not parse
}

const PARENT = RECORDS_DIR.slice(0, RECORDS_DIR.lastIndexOf("/"));
const FOLDER = RECORDS_DIR.slice(PARENT.length + 1);

/** What to tar: the folder, from its parent (a missing folder is then an empty archive, not an error). */
export const RECORDS_ARCHIVE = { directory: PARENT, member: FOLDER };

/** The records in the archive: FOLDER/NAME/service.json, sorted by name; anything else is ignored. */
export function recordsFromArchive(members: TarMember[]): RecordsListing {
    const listing: RecordsListing = { records: [], broken: [] };
    const decoder = new TextDecoder();
    const found = members.filter(m => {
        const parts = m.name.replace(/\/$/, "").split("/");
        return parts.length === 3 && parts[0] === FOLDER && parts[2] === "service.json";
    }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const member of found) {
        const path = `${PARENT}/${member.name}`;
        const name = member.name.split("/")[1];
        if (member.type !== "file") {
            listing.broken.push({ path, error: formatText(N_("$0 is not a regular file."), [path]) });
            continue;
        }
        try {
            listing.records.push(parseRecord(decoder.decode(member.bytes), name));
        } catch (e) {
            listing.broken.push({ path, error: e instanceof Error ? e.message : String(e) });
        }
    }
    return listing;
}
