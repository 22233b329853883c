// Backups of the host paths a host-data-list names ("Host state" in docs/ARCHITECTURE.md): what `find` and `sha256sum`
// report about them, the manifest kept beside each archive, what a restore would change,
// the archive names (UTC time) and retention.

import { N_ } from "./i18n";
import { findType, type PathStat } from "./hostDataList";
import { CoreError } from "./text";
import { describeJson, isObject } from "./jsonShape";

export const BACKUPS_DIR = "/var/lib/containers/system-services/backups";

/** tar's options for a backup and its restore: numeric owners, permissions, ACLs, all extended attributes and SELinux contexts. */
export const TAR_KEEP = ["--numeric-owner", "--acls", "--xattrs", "--xattrs-include=*", "--selinux"];
export const DEFAULT_KEEP = 10;

/** `find ROOTS -printf FIND_FORMAT`: NUL-separated, so any file name is safe. */
export const FIND_FORMAT = "%H\\0%P\\0%y\\0%m\\0%U\\0%G\\0%s\\0%l\\0";
const FIELDS = 8;

export interface FoundEntry {
    root: string;          // the starting point as given, absolute
    path: string;          // relative to the host root, no leading "/"
    type: PathStat["type"];
    mode: string;          // octal permission bits, e.g. "644", "4755"
    uid: number;
    gid: number;
    size: number;
    target: string | null; // a symbolic link's target
}

export interface ManifestEntry extends Omit<FoundEntry, "root"> {
    sha256: string | null; // regular files only
}

export interface BackupManifest {
    version: 1;
    service: string;
    stamp: string;         // the archive is STAMP.tar
    listed: string[];      // the host-data-list's normalized paths
    missing: string[];     // listed paths that did not exist: a restore removes them
    entries: ManifestEntry[];
}

export class ManifestError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "ManifestError";
    }
}

/** Parses find's output for FIND_FORMAT. */
export function parseFindOutput(output: string): FoundEntry[] {
    const fields = output.split("\0");
    if (fields[fields.length - 1] === "")
        fields.pop();
    if (fields.length % FIELDS !== 0)
        throw new ManifestError(N_("Unexpected output of find: $0 fields, not a multiple of $1."), String(fields.length), String(FIELDS));
    const entries: FoundEntry[] = [];
    for (let i = 0; i < fields.length; i += FIELDS) {
        const [root, rel, y, mode, uid, gid, size, target] = fields.slice(i, i + FIELDS);
        const base = root.replace(/^\/+/, "").replace(/\/+$/, "");
        entries.push({
            root,
            path: rel === "" ? base : base + "/" + rel,
            type: findType(y),
            mode,
            uid: Number(uid),
            gid: Number(gid),
            size: Number(size),
            target: y === "l" ? target : null,
        });
    }
    return entries;
}

/** Per starting point: its type, and the size and number of the regular files in it. */
export function summarize(roots: string[], found: FoundEntry[]): Map<string, PathStat> {
    const stats = new Map<string, PathStat>(roots.map(r => [r, { type: "missing", size: 0, files: 0 }]));
    for (const e of found) {
        const s = stats.get(e.root);
        if (!s)
            continue;
        if (e.path === e.root.replace(/^\/+/, ""))
            s.type = e.type;
        if (e.type === "file") {
            s.size += e.size;
            s.files += 1;
        }
    }
    return stats;
}

/** `sha256sum -z` output ("HASH  /path\0", names unescaped) → path without leading "/" → hash. */
export function parseSha256z(output: string): Map<string, string> {
    const sums = new Map<string, string>();
    for (const line of output.split("\0")) {
        if (line === "")
            continue;
        const m = /^([0-9a-f]{64}) [ *](.*)$/s.exec(line);
        if (!m)
            throw new ManifestError(N_("Unexpected output of sha256sum: $0"), line.slice(0, 80));
        sums.set(m[2].replace(/^\/+/, ""), m[1]);
    }
    return sums;
}

export function withSums(found: FoundEntry[], sums: Map<string, string>): ManifestEntry[] {
    return found.map(({ root: _root, ...e }) => ({ ...e, sha256: e.type === "file" ? sums.get(e.path) ?? null : null }));
}

/** The archive's name part: UTC time, sortable, without ":" (tar reads "a:b" as a remote archive). */
export function backupStamp(date: Date): string {
    return date.toISOString().replace(/[-:]/g, "");
}

const STAMP = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z$/;

export function stampDate(stamp: string): Date | null {
    const m = STAMP.exec(stamp);
    if (!m)
        return null;
    const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number);
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
}

/** The stamps retention removes: all but the newest `keep`. */
export function stampsToDrop(stamps: string[], keep: number): string[] {
    const sorted = stamps.filter(s => STAMP.test(s)).sort();
    return sorted.slice(0, Math.max(0, sorted.length - Math.max(1, keep)));
}

export function serializeManifest(m: BackupManifest): string {
    return JSON.stringify(m, null, 1) + "\n";
}

function entryOf(value: unknown, i: number): ManifestEntry {
    if (!isObject(value))
        throw new ManifestError(N_("Manifest entry $0 is $1, not an object."), String(i), describeJson(value));
    const str = (k: string) => {
        if (typeof value[k] !== "string")
            throw new ManifestError(N_("Manifest entry $0: \"$1\" is $2, not a string."), String(i), k, describeJson(value[k]));
        return value[k] as string;
    };
    const num = (k: string) => {
        if (typeof value[k] !== "number" || !Number.isInteger(value[k]))
            throw new ManifestError(N_("Manifest entry $0: \"$1\" is $2, not a number."), String(i), k, describeJson(value[k]));
        return value[k] as number;
    };
    const opt = (k: string) => (value[k] === null ? null : str(k));
    const type = str("type");
    if (!["file", "directory", "symlink", "other"].includes(type))
        throw new ManifestError(N_("Manifest entry $0: unknown type $1."), String(i), type);
    const path = str("path");
    if (path === "" || path.startsWith("/") || path.split("/").includes(".."))
        throw new ManifestError(N_("Manifest entry $0: the path $1 is not below the host root."), String(i), path);
    return { path, type: type as ManifestEntry["type"], mode: str("mode"), uid: num("uid"), gid: num("gid"), size: num("size"), target: opt("target"), sha256: opt("sha256") };
}

/** Reads a manifest strictly: a restore acts on it as root. */
export function parseManifest(text: string): BackupManifest {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        throw new ManifestError(N_("The backup manifest is not JSON: $0"), e instanceof Error ? e.message : String(e));
    }
    if (!isObject(data) || data.version !== 1)
        throw new ManifestError(N_("The backup manifest is not of version 1."));
    const strings = (k: string): string[] => {
        const v = data[k];
        if (!Array.isArray(v) || !v.every(s => typeof s === "string"))
            throw new ManifestError(N_("The backup manifest's \"$0\" is not a list of strings."), k);
        return v as string[];
    };
    if (typeof data.service !== "string" || typeof data.stamp !== "string" || stampDate(data.stamp) === null)
        throw new ManifestError(N_("The backup manifest has no valid service name or time."));
    if (!Array.isArray(data.entries))
        throw new ManifestError(N_("The backup manifest has no list of entries."));
    return { version: 1, service: data.service, stamp: data.stamp, listed: strings("listed"), missing: strings("missing"), entries: data.entries.map(entryOf) };
}

export interface RestoreChanges {
    overwrite: string[];   // exist now and differ (content, type, mode, owner or link target)
    recreate: string[];    // in the backup, gone now
    remove: string[];      // exist now below a listed path, not in the backup
    unchanged: number;
}

function same(a: ManifestEntry, b: ManifestEntry): boolean {
    return a.type === b.type && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid &&
        a.sha256 === b.sha256 && a.target === b.target;
}

/** What restoring the backup would do to the host as it is now. */
export function compareWithHost(manifest: BackupManifest, now: ManifestEntry[]): RestoreChanges {
    const saved = new Map(manifest.entries.map(e => [e.path, e]));
    const current = new Map(now.map(e => [e.path, e]));
    const changes: RestoreChanges = { overwrite: [], recreate: [], remove: [], unchanged: 0 };
    for (const e of manifest.entries) {
        const c = current.get(e.path);
        if (!c)
            changes.recreate.push(e.path);
        else if (same(e, c))
            changes.unchanged++;
        else
            changes.overwrite.push(e.path);
    }
    for (const c of now) {
        // below a path already removed, it goes with it
        if (!saved.has(c.path) && !changes.remove.some(r => c.path.startsWith(r + "/")))
            changes.remove.push(c.path);
    }
    return changes;
}

/** Paths to delete before extracting: not in the backup, or of another type than in it. */
export function pathsToClear(manifest: BackupManifest, now: ManifestEntry[], changes: RestoreChanges): string[] {
    const saved = new Map(manifest.entries.map(e => [e.path, e]));
    const retyped = now.filter(c => {
        const s = saved.get(c.path);
        return s !== undefined && s.type !== c.type;
    }).map(c => c.path);
    return [...changes.remove, ...retyped];
}
