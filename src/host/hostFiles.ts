// What is on the host at the paths a host-data-list names: one `find` for all of them
// (type, mode, owner, size, link target; NUL-separated) and one for their sha256 sums.
// Paths go in argv, never through a shell.
import { cockpit, hostError, type SpawnOptions } from "../cockpit";
import { FIND_FORMAT, parseFindOutput, parseSha256z, summarize, withSums, type ManifestEntry } from "../core/backupManifest";
import { hostPath, type PathStat } from "../core/hostDataList";

// find and sha256sum exit 1 when a starting point is missing, which is an answer here.
// Their output has NUL bytes, which a text channel refuses: it is read as bytes (cockpit's
// `binary` option, left out of the facade's typings as nothing else needs it).
async function runListing(argv: string[]): Promise<string> {
    const chunks: Uint8Array[] = [];
    const proc = cockpit.spawn(argv, { superuser: "require", err: "message", binary: true } as SpawnOptions);
    (proc as unknown as { stream(cb: (data: Uint8Array) => void): void }).stream(data => { chunks.push(data); });
    const out = () => {
        const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        chunks.reduce((at, c) => { all.set(c, at); return at + c.length; }, 0);
        return new TextDecoder().decode(all);
    };
    try {
        await proc;
    } catch (e) {
        const error = hostError(argv.slice(0, 2).join(" "), e);
        const lines = error.details.split("\n").filter(Boolean);
        if (error.exitStatus !== 1 || !lines.every(l => /No such file or directory/.test(l)))
            throw error;
    }
    return out();
}

function roots(paths: string[]): string[] {
    return [...new Set(paths.map(hostPath))];
}

/** Every file and folder at and below the listed paths, as a manifest would hold them. */
export async function scanPaths(paths: string[], sums: boolean): Promise<ManifestEntry[]> {
    const starts = roots(paths);
    if (starts.length === 0)
        return [];
    // absolute starting points: none can be taken for an option or an expression
    const found = parseFindOutput(await runListing(["find", "-P", ...starts, "-printf", FIND_FORMAT]));
    const hashes = sums
        ? parseSha256z(await runListing(["find", "-P", ...starts, "-type", "f", "-exec", "sha256sum", "-z", "--", "{}", "+"]))
        : new Map<string, string>();
    return withSums(found, hashes);
}

/** Type, size and file count of each listed path, keyed by the entry as given. */
export async function statPaths(paths: string[]): Promise<Map<string, PathStat>> {
    const starts = roots(paths);
    if (starts.length === 0)
        return new Map();
    const found = parseFindOutput(await runListing(["find", "-P", ...starts, "-printf", FIND_FORMAT]));
    const byRoot = summarize(starts, found);
    return new Map(paths.map(p => [p, byRoot.get(hostPath(p)) ?? { type: "missing", size: 0, files: 0 }]));
}
