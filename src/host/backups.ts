// Backups of the listed host paths: BACKUPS_DIR/NAME/STAMP.tar with STAMP.json,
// its manifest (sha256, mode, owner per file). Folder 0700, files 0600: they hold keytabs.
// Restore puts back exactly what was saved and removes what was not there, then verifies.
import { readFile, run, runWithBytes } from "../cockpit";
import { encodeFileName } from "../core/fileNames";
import {
    BACKUPS_DIR, compareWithHost, parseManifest, pathsToClear, serializeManifest, stampsToDrop, TAR_KEEP,
    type BackupManifest, type RestoreChanges,
} from "../core/backupManifest";
import { hostPath } from "../core/hostDataList";
import { validateName } from "../core/labels";
import { writeFile } from "./files";
import { scanPaths } from "./hostFiles";

const su = { superuser: "require" as const };

export function backupDir(name: string): string {
    const problem = validateName(name);
    if (problem !== null)
        throw new Error(problem);
    return `${BACKUPS_DIR}/${name}`;
}

/** The services that have backups, installed or not (an uninstalled service's backups stay). */
export async function listBackedUpServices(): Promise<string[]> {
    try {
        const out = await run(["find", BACKUPS_DIR, "-mindepth", "1", "-maxdepth", "1", "-type", "d", "-printf", "%f\\n"], su);
        return out.split("\n").filter(name => name !== "" && validateName(name) === null).sort();
    } catch (e) {
        if (/No such file/.test(e instanceof Error ? e.message : ""))
            return [];
        throw e;
    }
}

export interface BackupInfo { stamp: string; manifest: BackupManifest | null; error: string | null; size: number }

/** The backups of a service, newest first. */
export async function listBackups(name: string): Promise<BackupInfo[]> {
    const dir = backupDir(name);
    let listing: string;
    try {
        listing = await run(["find", dir, "-mindepth", "1", "-maxdepth", "1", "-type", "f", "-name", "*.tar", "-printf", "%f/%s\\n"], su);
    } catch (e) {
        if (/No such file/.test(e instanceof Error ? e.message : ""))
            return [];
        throw e;
    }
    const found: BackupInfo[] = [];
    // "NAME/SIZE": a file name cannot hold "/"
    for (const line of listing.split("\n").filter(Boolean)) {
        const slash = line.lastIndexOf("/");
        const stamp = line.slice(0, slash).replace(/\.tar$/, "");
        const info: BackupInfo = { stamp, manifest: null, error: null, size: Number(line.slice(slash + 1)) };
        try {
            const { content } = await readFile(`${dir}/${stamp}.json`, "require");
            if (content === null)
                throw new Error(`${dir}/${stamp}.json is missing`);
            info.manifest = parseManifest(content);
        } catch (e) {
            info.error = e instanceof Error ? e.message : String(e);
        }
        found.push(info);
    }
    return found.sort((a, b) => (a.stamp < b.stamp ? 1 : -1));
}

/** Archives the listed paths that exist, writes the manifest, then drops the oldest beyond `keep` (never `protect`). */
export async function takeBackup(name: string, listed: string[], stamp: string, keep: number, protect: string[] = []): Promise<BackupManifest> {
    const dir = backupDir(name);
    await run(["mkdir", "-p", "-m", "0700", dir], su);
    await run(["chmod", "0700", BACKUPS_DIR, dir], su);
    const entries = await scanPaths(listed, true);
    const present = new Set(entries.map(e => e.path));
    const existing = listed.filter(p => present.has(hostPath(p).slice(1)));
    const manifest: BackupManifest = {
        version: 1, service: name, stamp, listed, entries,
        missing: listed.filter(p => !present.has(hostPath(p).slice(1))),
    };
    const archive = `${dir}/${stamp}.tar`;
    // the members go in a file, one a line (a listed path holds no line break), whatever their
    // number; "./" and --verbatim-files-from: a name that starts with "-" is a name, not an option
    const members = `${dir}/${stamp}.members`;
    await writeFile(members, existing.map(p => "." + hostPath(p) + "\n").join(""), { mode: "0600" });
    try {
        await run(["tar", "--create", "--file", archive, "--directory", "/", ...TAR_KEEP, "--verbatim-files-from", `--files-from=${members}`], su);
    } finally {
        await run(["rm", "-f", members], su);
    }
    await run(["chmod", "0600", archive], su);
    await writeFile(`${dir}/${stamp}.json`, serializeManifest(manifest), { mode: "0600" });
    const drop = stampsToDrop((await listBackups(name)).map(b => b.stamp), keep).filter(s => !protect.includes(s));
    if (drop.length > 0)
        await run(["rm", "-f", "--", ...drop.flatMap(s => [`${dir}/${s}.tar`, `${dir}/${s}.json`])], su);
    return manifest;
}

function nulSeparated(names: string[]): Uint8Array {
    const parts = names.map(n => encodeFileName(n + "\0"));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => { all.set(p, at); return at + p.length; }, 0);
    return all;
}

export interface RestorePreview { manifest: BackupManifest; changes: RestoreChanges }

async function readManifest(name: string, stamp: string): Promise<BackupManifest> {
    const path = `${backupDir(name)}/${stamp}.json`;
    const { content } = await readFile(path, "require");
    if (content === null)
        throw new Error(`${path}: the backup's manifest is missing`);
    return parseManifest(content);
}

/** What a restore of STAMP would overwrite, recreate and remove on the host as it is now. */
export async function previewRestore(name: string, stamp: string): Promise<RestorePreview> {
    const manifest = await readManifest(name, stamp);
    return { manifest, changes: compareWithHost(manifest, await scanPaths(manifest.listed, true)) };
}

/** Restores STAMP exactly; resolves with what still differs afterwards (nothing, normally). */
export async function restoreBackup(name: string, stamp: string): Promise<RestoreChanges> {
    const manifest = await readManifest(name, stamp);
    const now = await scanPaths(manifest.listed, true);
    const clear = pathsToClear(manifest, now, compareWithHost(manifest, now));
    // by name on rm's input, NUL-separated: a name that is not UTF-8 cannot go in an argv
    if (clear.length > 0)
        await runWithBytes(["xargs", "--null", "--no-run-if-empty", "rm", "-rf", "--"], nulSeparated(clear.map(p => "/" + p)), su);
    await run(["tar", "--extract", "--file", `${backupDir(name)}/${stamp}.tar`, "--directory", "/",
        "--preserve-permissions", "--same-owner", ...TAR_KEEP], su);
    const after = compareWithHost(manifest, await scanPaths(manifest.listed, true));
    if (after.overwrite.length + after.recreate.length + after.remove.length > 0) {
        throw new Error(`Restoring ${stamp} left differences: ` +
            [...after.overwrite, ...after.recreate, ...after.remove].slice(0, 10).join(", "));
    }
    return after;
}
