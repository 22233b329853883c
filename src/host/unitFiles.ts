// Unit files on the host: which kind of unit to generate, systemd's own verdict on a file,
// and the container-backed units the page did not install.
import { cockpit, run } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { chooseFlavor, type UnitFlavor } from "../core/unitGen";
import { containerOfUnit, type ContainerUnit } from "../core/unitFile";
import { MANAGER, MANAGER_PATH, systemdClient } from "./systemd";

/** Quadlet where podman ≥ 4.4 runs on cgroup v2, else a classic unit. */
export async function unitFlavor(engine: EngineName): Promise<UnitFlavor> {
    if (engine !== "podman")
        return "classic";
    const [version, fs] = await Promise.all([
        run(["podman", "version", "--format", "{{.Client.Version}}"], { superuser: "try" }),
        run(["stat", "-f", "-c", "%T", "/sys/fs/cgroup"]),
    ]);
    return chooseFlavor(engine, version.trim(), fs.trim() === "cgroup2fs");
}

/** `systemd-analyze verify` of a unit file: its complaints, "" when it has none or the tool is missing. */
export function verifyUnitFile(path: string): Promise<string> {
    // the complaints come on stderr with a non-zero exit: collect the output as it streams
    let output = "";
    const proc = cockpit.spawn(["systemd-analyze", "verify", path], { superuser: "try", err: "out" });
    proc.stream(data => { output += data; });
    return new Promise(resolve => {
        proc.then(() => resolve(""), e => resolve(e.problem === "not-found" ? "" : output.trim() || e.message));
    });
}

/** Whether an executable exists on the host (e.g. /usr/bin/atomic for legacy units). */
export async function hostHasExecutable(path: string): Promise<boolean> {
    try {
        await run(["test", "-x", path]);
        return true;
    } catch {
        return false;
    }
}

const VENDOR = /^\/(usr\/)?lib\/systemd\//;

/**
 * Service units whose ExecStart runs a container (podman, docker, atomic, Quadlet), read with one
 * D-Bus call and one process whatever their number. Vendor units (/usr/lib) and templates are left out.
 */
export async function listContainerUnits(): Promise<ContainerUnit[]> {
    const [files] = await systemdClient().call(MANAGER_PATH, MANAGER, "ListUnitFilesByPatterns", [[], ["*.service"]]) as [[string, string][]];
    const paths = files.map(([path]) => path).filter(p => !VENDOR.test(p) && !p.includes("@.service")).sort();
    if (paths.length === 0)
        return [];
    // one process reads every candidate, each preceded by a line the files themselves cannot hold
    const marker = `--system-services-${Math.random().toString(36).slice(2)}--`;
    const script = `for f; do grep -qsE '(podman|docker|atomic)' "$f" || continue; printf '%s %s\\n' '${marker}' "$f"; cat -- "$f"; echo; done`;
    const dump = await run(["sh", "-c", script, "sh", ...paths], { superuser: "try" });
    const adopted: ContainerUnit[] = [];
    for (const part of dump.split(marker + " ").slice(1)) {
        const nl = part.indexOf("\n");
        const path = part.slice(0, nl);
        const text = part.slice(nl + 1);
        const unit = path.slice(path.lastIndexOf("/") + 1);
        const container = containerOfUnit(text, unit);
        if (container)
            adopted.push({ unit, path, container, text });
    }
    return adopted;
}
