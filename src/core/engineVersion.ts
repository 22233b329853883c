// Parse what container engines say about themselves. Pure: takes their output, returns values.

export type EngineName = "podman" | "docker";

/**
 * "4.3.1\n" (from --format {{.Client.Version}}), "podman version 4.3.1\n" (from --version) or
 * "Docker version 20.10.24+dfsg1, build 297e128" (docker --version) → the version; anything else
 * is not a version.
 */
export function parseVersion(output: string): string | null {
    const text = output.trim().replace(/^podman version /, "").replace(/^Docker version ([^,\s]+), build \S+$/, "$1");
    return /^\d+(\.\d+)*([-+~][0-9A-Za-z.+~-]*)?$/.test(text) ? text : null;
}

/** Compares dotted versions numerically: "4.10" > "4.4". Non-numeric suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(/[-+~]/)[0].split(".").map(n => parseInt(n, 10) || 0);
    const pb = b.split(/[-+~]/)[0].split(".").map(n => parseInt(n, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}
