// The host-data-list: the host paths (relative to the host root, one per line) that an image's
// INSTALL copies in and writes back. Untrusted: it comes from the image or from a person.
// Each entry is validated and normalized here; the UI shows the notes, host/ acts on the paths.
//
// Decisions: a leading "/" is removed (the image's scripts prefix $HOST/, so "/etc/passwd" and
// "etc/passwd" name the same file) and so are repeated "/" and "." parts; ".." is refused
// wherever it appears, never resolved, as "x/.." may not be "" on a host with symbolic links.
// An empty line is an error (the image's `while read` loop would copy the whole host root).
// Spaces around an entry are removed as `read` does. Duplicates are errors, entries inside a
// listed folder are warnings.

import { N_ } from "./i18n";
import { formatText } from "./text";

/** Where an image keeps its list. */
export const IMAGE_LIST_PATH = "/etc/host-data-list";
/** The label of the containers created (never started) to read an image's list; never a service's. */
export const COPY_OUT_LABEL = "io.github.system-services.copy-out";

export type NoteCode = "empty" | "control" | "dot-dot" | "root" | "absolute" | "cleaned" | "whitespace" | "duplicate" | "covered" | "too-many";

export interface EntryNote {
    level: "error" | "warning" | "normalized";
    code: NoteCode;
    template: string;          // N_-marked; $0… filled from args
    args: string[];
}

export interface HostDataEntry {
    raw: string;               // as written
    /** Normalized: relative, single "/", trailing "/" for a folder; null when refused. */
    path: string | null;
    directory: boolean;
    notes: EntryNote[];
}

const CONTROL = /[\x00-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

function note(level: EntryNote["level"], code: NoteCode, template: string, ...args: string[]): EntryNote {
    return { level, code, template, args };
}

/** The note's English text; the UI translates `template` and formats it instead. */
export function noteText(n: EntryNote): string {
    return formatText(n.template, n.args);
}

/** Validates and normalizes one entry on its own (duplicates need the whole list). */
export function normalizeEntry(raw: string): HostDataEntry {
    const refused = (n: EntryNote): HostDataEntry => ({ raw, path: null, directory: false, notes: [n] });
    // ASCII white space only, as the image's shell reads the list
    const trimmed = raw.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
    if (trimmed === "")
        return refused(note("error", "empty", N_("The entry is empty. Remove it: an empty entry would name the whole host.")));
    if (CONTROL.test(trimmed))
        return refused(note("error", "control", N_("The entry contains a control character (a tab, a carriage return, …).")));
    const parts = trimmed.split("/");
    if (parts.includes(".."))
        return refused(note("error", "dot-dot", N_("The entry contains \"..\". Entries must name a path below the host root without \"..\".")));
    const kept = parts.filter(p => p !== "" && p !== ".");
    if (kept.length === 0)
        return refused(note("error", "root", N_("The entry names the host root itself. Name a file or folder in it.")));
    const last = parts[parts.length - 1];
    const directory = last === "" || last === ".";
    const path = kept.join("/") + (directory ? "/" : "");
    const notes: EntryNote[] = [];
    if (trimmed !== raw)
        notes.push(note("normalized", "whitespace", N_("Spaces around the entry were removed.")));
    if (trimmed.startsWith("/"))
        notes.push(note("normalized", "absolute", N_("Entries are relative to the host root: written as $0."), path));
    else if (path !== trimmed)
        notes.push(note("normalized", "cleaned", N_("Repeated \"/\" and \".\" parts removed: written as $0."), path));
    return { raw, path, directory, notes };
}

function key(path: string): string {
    return path.endsWith("/") ? path.slice(0, -1) : path;
}

/** A list longer than this is refused: its backups and copies would not end. */
export const MAX_ENTRIES = 50000;

// "a/b/c" and "a/b/c/" are inside the folders "a/" and "a/b/"
function enclosingFolders(path: string): string[] {
    const parts = key(path).split("/");
    return parts.slice(0, -1).map((_p, i) => parts.slice(0, i + 1).join("/") + "/");
}

/** Validates a whole list: each entry, then duplicates and entries inside a listed folder. */
export function validateEntries(raws: string[]): HostDataEntry[] {
    const entries = raws.map(normalizeEntry);
    const first = new Map<string, number>();
    entries.forEach((e, i) => {
        if (e.path === null)
            return;
        const k = key(e.path);
        const earlier = first.get(k);
        if (earlier !== undefined)
            e.notes.push(note("error", "duplicate", N_("Duplicate of entry $0 ($1)."), String(earlier + 1), entries[earlier].path ?? ""));
        else
            first.set(k, i);
    });
    // each entry's enclosing folders are looked up, not every folder compared: 50k entries take milliseconds
    const folders = new Map<string, number>();
    entries.forEach((e, i) => {
        if (e.directory && e.path !== null && !folders.has(e.path))
            folders.set(e.path, i);
    });
    for (const e of entries) {
        if (e.path === null || e.notes.some(n => n.code === "duplicate"))
            continue;
        const inside = enclosingFolders(e.path).map(f => ({ f, at: folders.get(f) }))
                .filter((x): x is { f: string; at: number } => x.at !== undefined)
                .sort((a, b) => a.at - b.at)[0];
        if (inside)
            e.notes.push(note("warning", "covered", N_("Already included by the folder $0."), inside.f));
    }
    entries.slice(MAX_ENTRIES).forEach(e => e.notes.push(note("error", "too-many",
        N_("The list has more than $0 entries; this one and those after it are too many. Name folders instead of their files."), String(MAX_ENTRIES))));
    return entries;
}

/** Parses a list file: one entry a line; the newline at the end of the last line ends no entry. */
export function parseHostDataList(text: string): HostDataEntry[] {
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "")
        lines.pop();
    return validateEntries(lines);
}

export function hasErrors(entries: HostDataEntry[]): boolean {
    return entries.some(e => e.notes.some(n => n.level === "error"));
}

/** The normalized paths that can be used, in order, without refused entries and duplicates. */
export function usablePaths(entries: HostDataEntry[]): string[] {
    return entries.filter(e => e.path !== null && !e.notes.some(n => n.code === "duplicate")).map(e => e.path as string);
}

export class HostDataListError extends Error {
    constructor(readonly entries: HostDataEntry[]) {
        const bad = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.notes.some(n => n.level === "error"));
        super(bad.map(({ e, i }) => `${i + 1} "${e.raw}": ${e.notes.filter(n => n.level === "error").map(noteText).join(" ")}`).join("; "));
        this.name = "HostDataListError";
    }
}

/** The file's text, normalized; throws HostDataListError while any entry has an error. */
export function serializeHostDataList(entries: HostDataEntry[]): string {
    if (hasErrors(entries))
        throw new HostDataListError(entries);
    return entries.map(e => e.path + "\n").join("");
}

/** The absolute host path of a normalized entry, without the trailing "/". */
export function hostPath(path: string): string {
    return "/" + key(path);
}

export interface ListDiff {
    added: string[];       // in the override only
    removed: string[];     // in the image's list only
    reordered: boolean;    // the common entries come in another order
}

/** How an override differs from the image's list (normalized paths; "etc/x" and "etc/x/" differ). */
export function diffHostDataList(defaults: string[], override: string[]): ListDiff {
    const d = new Set(defaults);
    const o = new Set(override);
    const common = (list: string[], other: Set<string>) => list.filter(p => other.has(p));
    const a = common(defaults, o);
    const b = common(override, d);
    return {
        added: override.filter(p => !d.has(p)),
        removed: defaults.filter(p => !o.has(p)),
        reordered: a.some((p, i) => b[i] !== p),
    };
}

export interface PathStat {
    type: "file" | "directory" | "symlink" | "other" | "missing";
    size: number;          // bytes of regular files, summed below a folder
    files: number;         // regular files, counted below a folder
}

/** find's type letter (%y) in words. */
export function findType(letter: string): PathStat["type"] {
    switch (letter) {
    case "f":
        return "file";
    case "d":
        return "directory";
    case "l":
        return "symlink";
    default:
        return "other";
    }
}

/** "listed as a folder but is a file", and the reverse, for the editor. */
export function typeMismatch(path: string, stat: PathStat): string | null {
    if (stat.type === "missing" || stat.type === "symlink")
        return null;
    if (path.endsWith("/") && stat.type !== "directory")
        return N_("Listed as a folder (ending in \"/\"), but on this host it is not a folder.");
    return null;
}

/** The list in effect for a service, as INSTALL/UNINSTALL plans need it. */
export interface ListInEffect {
    override: string | null;     // the override's path when this host has one: mounted over the image's list
    paths: string[] | null;      // the listed paths to back up; null: no list at all, nothing to back up
}

// a list with an entry in error is never used in part: the image would refuse it, or copy a guess
function checkedPaths(text: string): string[] {
    const entries = parseHostDataList(text);
    if (hasErrors(entries))
        throw new HostDataListError(entries);
    return usablePaths(entries);
}

/**
 * This host's override when there is one, else the image's own list (null: the image has none).
 * Throws HostDataListError when the list in effect has an entry in error: no plan may use it.
 */
export function listInEffect(override: { path: string; text: string | null }, imageList: string | null): ListInEffect {
    if (override.text !== null)
        return { override: override.path, paths: checkedPaths(override.text) };
    return { override: null, paths: imageList === null ? null : checkedPaths(imageList) };
}

/**
 * The override file to save for the edited entries: null (remove it) when they equal the
 * image's list, so that a later image's own list applies again. Throws HostDataListError.
 */
export function overrideToSave(entries: HostDataEntry[], imageDefaults: string[] | null): string | null {
    const text = serializeHostDataList(entries);
    return imageDefaults && text === serializeHostDataList(validateEntries(imageDefaults)) ? null : text;
}
