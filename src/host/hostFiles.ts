// What is on the host at the paths a host-data-list names: `find` for all of them (type, mode,
// owner, size, link target; NUL-separated) and for their sha256 sums, a few thousand starting
// points a process so no argv grows past the kernel's limit. Paths go in argv, never through a shell.
import { runBytes, type HostError } from "../cockpit";
import { FIND_FORMAT, parseFindOutput, parseSha256z, summarize, withSums, type ManifestEntry } from "../core/backupManifest";
import { hostPath, type PathStat } from "../core/hostDataList";
import { decodeFileNames } from "../core/fileNames";

// find and sha256sum exit 1 when a starting point is missing, which is an answer here.
// Their output has NUL bytes, so it is read as bytes.
async function runListing(argv: string[]): Promise<string> {
    const onlyMissing = (error: HostError) => error.exitStatus === 1 &&
        error.details.split("\n").filter(Boolean).every(l => /No such file or directory/.test(l));
    return decodeFileNames(await runBytes(argv, { superuser: "require" }, onlyMissing));
}

function roots(paths: string[]): string[] {
    return [...new Set(paths.map(hostPath))];
}

const PATHS_PER_PROCESS = 2000;

/** `find -P STARTS… rest…` over every start, PATHS_PER_PROCESS at a time, output joined. */
async function findAll(starts: string[], rest: string[]): Promise<string> {
    let output = "";
    for (let i = 0; i < starts.length; i += PATHS_PER_PROCESS)
        output += await runListing(["find", "-P", ...starts.slice(i, i + PATHS_PER_PROCESS), ...rest]);
    return output;
}

/** Every file and folder at and below the listed paths, as a manifest would hold them. */
export async function scanPaths(paths: string[], sums: boolean): Promise<ManifestEntry[]> {
    const starts = roots(paths);
    if (starts.length === 0)
        return [];
    // absolute starting points: none can be taken for an option or an expression
    const found = parseFindOutput(await findAll(starts, ["-printf", FIND_FORMAT]));
    const hashes = sums
        ? parseSha256z(await findAll(starts, ["-type", "f", "-exec", "sha256sum", "-z", "--", "{}", "+"]))
        : new Map<string, string>();
    return withSums(found, hashes);
}

/** Type, size and file count of each listed path, keyed by the entry as given. */
export async function statPaths(paths: string[]): Promise<Map<string, PathStat>> {
    const starts = roots(paths);
    if (starts.length === 0)
        return new Map();
    const found = parseFindOutput(await findAll(starts, ["-printf", FIND_FORMAT]));
    const byRoot = summarize(starts, found);
    return new Map(paths.map(p => [p, byRoot.get(hostPath(p)) ?? { type: "missing", size: 0, files: 0 }]));
}
