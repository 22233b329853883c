// Image operations through the engine's CLI, as root.
import { cockpit, hostError, run, HostError } from "../cockpit";
import { saysNoSuchImage } from "../core/engineDialect";
import type { EngineName } from "../core/engineVersion";
import { parseDockerImageInspect } from "../core/inventory";
import type { Image } from "../core/model";

export interface RunningCommand {
    done: Promise<void>;
    cancel(): void;
}

/** Pulls ref, streaming the engine's progress to onOutput. */
export function pullImage(engine: EngineName, ref: string, onOutput: (text: string) => void): RunningCommand {
    const argv = [engine, "pull", ref];
    const proc = cockpit.spawn(argv, { superuser: "require", err: "out" });
    proc.stream(onOutput);
    const done = new Promise<void>((resolve, reject) => {
        proc.then(() => resolve(), e => reject(hostError(argv.join(" "), e)));
    });
    return { done, cancel: () => proc.close("terminated") };
}

/** One image by reference or ID, with its labels; null when the engine does not have it. */
export async function findImage(engine: EngineName, ref: string): Promise<Image | null> {
    try {
        return parseDockerImageInspect(await run([engine, "image", "inspect", ref], { superuser: "try" }))[0] ?? null;
    } catch (e) {
        if (e instanceof HostError && saysNoSuchImage(e.details))
            return null;
        throw e;
    }
}
