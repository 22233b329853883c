// Image operations through the engine's CLI, as root.
import { cockpit, hostError } from "../cockpit";
import type { EngineName } from "../core/engineVersion";

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
