// Unit files on the host: which kind of unit to generate, reading and writing them with
// conflict detection, systemd's own verdict on a file, and the container-backed units the
// page did not install (adoption, issue 6).
import { cockpit, hostError, readFile, run, HostError } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { chooseFlavor, type UnitFlavor } from "../core/unitGen";
import { containerOfUnit, type UnitContainer } from "../core/unitFile";
import { MANAGER, MANAGER_PATH, systemdClient } from "./systemd";
import { reloadSystemd } from "./units";

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

/** The file as it is now, and the tag that a later write must match. */
export function readUnitFile(path: string): Promise<{ content: string | null; tag: string }> {
    return readFile(path, "require");
}

export class ChangeConflict extends HostError {
    constructor(path: string) {
        super(`${path} changed on the host since it was read; it was not overwritten.`, "change-conflict", null, "");
        this.name = "ChangeConflict";
    }
}

/**
 * Writes the file atomically (rename), only if it is still as read (`tag`, "-" for absent),
 * then reloads systemd. A file changed in between is a ChangeConflict, and stays as it is.
 */
export async function writeUnitFile(path: string, content: string, tag: string): Promise<void> {
    await run(["mkdir", "-p", "-m", "0755", path.slice(0, path.lastIndexOf("/"))], { superuser: "require" });
    const file = cockpit.file(path, { superuser: "require" });
    try {
        await file.replace(content, tag);
    } catch (e) {
        if (typeof e === "object" && e !== null && (e as { problem?: string }).problem === "change-conflict")
            throw new ChangeConflict(path);
        throw hostError(path, e);
    } finally {
        file.close();
    }
    await reloadSystemd();
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

export interface AdoptedUnit {
    unit: string;                // "NAME.service"
    path: string;                // its file (for Quadlet units: the generator's output)
    container: UnitContainer;
    text: string;
}

const VENDOR = /^\/(usr\/)?lib\/systemd\//;

/**
 * Service units whose ExecStart runs a container (podman, docker, atomic, Quadlet), read with one
 * D-Bus call and one process whatever their number. Vendor units (/usr/lib) and templates are left out.
 */
export async function listContainerUnits(): Promise<AdoptedUnit[]> {
    const [files] = await systemdClient().call(MANAGER_PATH, MANAGER, "ListUnitFilesByPatterns", [[], ["*.service"]]) as [[string, string][]];
    const paths = files.map(([path]) => path).filter(p => !VENDOR.test(p) && !p.includes("@.service")).sort();
    if (paths.length === 0)
        return [];
    // one process reads every candidate, each preceded by a line the files themselves cannot hold
    const marker = `--system-services-${Math.random().toString(36).slice(2)}--`;
    const script = `for f; do grep -qsE '(podman|docker|atomic)' "$f" || continue; printf '%s %s\\n' '${marker}' "$f"; cat -- "$f"; echo; done`;
    const dump = await run(["sh", "-c", script, "sh", ...paths], { superuser: "try" });
    const adopted: AdoptedUnit[] = [];
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
