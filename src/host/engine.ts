// Which container engine the host has: podman first, docker where that is what it has.
import { run, HostError } from "../cockpit";
import { saysDaemonDenied } from "../core/engineDialect";
import { parseVersion, type EngineName } from "../core/engineVersion";

export interface EngineFound { found: true; name: EngineName; version: string }
export interface EngineMissing { found: false; reasons: string[] }
export type EngineStatus = EngineFound | EngineMissing;

const PROBES: { name: EngineName; argv: string[] }[] = [
    // --version touches no storage: it answers for users whose rootless podman cannot run
    { name: "podman", argv: ["podman", "--version"] },
    // the docker client alone is no engine: ask the daemon for its version
    { name: "docker", argv: ["docker", "version", "--format", "{{.Server.Version}}"] },
];

async function clientVersion(name: EngineName): Promise<string | null> {
    return parseVersion(await run([name, "--version"]).catch(() => ""));
}

export async function detectEngine(): Promise<EngineStatus> {
    const reasons: string[] = [];
    for (const probe of PROBES) {
        try {
            const out = await run(probe.argv, { superuser: "try" });
            const version = parseVersion(out);
            if (version)
                return { found: true, name: probe.name, version };
            reasons.push(`${probe.name}: unexpected version output "${out.trim()}"`);
        } catch (e) {
            if (e instanceof HostError && e.problem === "not-found") {
                reasons.push(`${probe.name}: not installed`);
                continue;
            }
            // dockerd runs, but only root and the docker group may use it: the client says which docker
            const denied = probe.name === "docker" && e instanceof HostError && saysDaemonDenied(e.details);
            const version = denied ? await clientVersion("docker") : null;
            if (version)
                return { found: true, name: "docker", version };
            reasons.push(e instanceof Error ? e.message : String(e));
        }
    }
    return { found: false, reasons };
}
