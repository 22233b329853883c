// What the Images list's filter box matches: names, label keys and values, an ID prefix.
import { bareId, type Image } from "./model";

/** The lower-cased text an image is found by: its names, then its labels' keys and values. */
export function imageSearchText(image: Image): string {
    const labels = Object.entries(image.labels).map(([key, value]) => `${key}=${value}`);
    return [...image.names, ...labels].join("\n").toLowerCase();
}

/** Whether an image matches a filter: a substring of its search text, or a prefix of its ID. */
export function imageMatches(image: Image, searchText: string, query: string): boolean {
    const q = query.trim().toLowerCase();
    if (q === "")
        return true;
    return searchText.includes(q) || bareId(image.id).startsWith(bareId(q));
}
