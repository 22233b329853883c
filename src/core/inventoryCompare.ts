// Two listings of the same images, compared field by field: the page's reading of
// containers-storage against the engine's own listing, for an admin who wants to check it.
import { N_ } from "./i18n";
import type { Image } from "./model";

export interface InventoryDifference { template: string; args: string[] }

const FIELDS = ["names", "digest", "labels", "created", "size", "containers"] as const;

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

// labels compare as maps: the key order of a JSON object is no difference
function sortedLabels(image: Image): [string, string][] {
    return Object.entries(image.labels).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}

/** What differs between `ours` and `theirs` (empty: identical), each with its image's short ID. */
export function inventoryDifferences(ours: Image[], theirs: Image[]): InventoryDifference[] {
    const differences: InventoryDifference[] = [];
    const their = new Map(theirs.map(i => [i.id, i]));
    const mine = new Map(ours.map(i => [i.id, i]));
    for (const image of ours) {
        const other = their.get(image.id);
        if (!other) {
            differences.push({ template: N_("$0 is only in the page's listing."), args: [image.id.slice(0, 12)] });
            continue;
        }
        for (const field of FIELDS) {
            const a = field === "labels" ? sortedLabels(image) : image[field];
            const b = field === "labels" ? sortedLabels(other) : other[field];
            if (!same(a, b))
                differences.push({ template: N_("$0: $1 is $2 here and $3 in the engine's listing."), args: [image.id.slice(0, 12), field, JSON.stringify(a), JSON.stringify(b)] });
        }
    }
    for (const image of theirs)
        if (!mine.has(image.id))
            differences.push({ template: N_("$0 is only in the engine's listing."), args: [image.id.slice(0, 12)] });
    return differences;
}
