// Moves a service to another image (the switch-image step of update and rollback): the
// previous image ID is kept in the record, so rolling back is one action. The record is
// written first, so a failed restart still leaves the way back recorded.
import { cockpit, run, HostError } from "../cockpit";
import { eventsJsonFormat, removeContainerArgv, saysNoSuchContainer } from "../core/engineDialect";
import type { EngineName } from "../core/engineVersion";
import { bareId as bare, type ServiceRecord } from "../core/model";
import { writeRecord } from "./records";
import { runUnitJob, unitState } from "./units";

export interface ImageSwitch {
    before: string;               // the record's image ID before
    after: string;                // the record's image ID now
    running: string | null;       // the image ID of container NAME afterwards, null when there is none
    unitStopped: boolean;         // the unit was not running, so it was left stopped
}

export async function imageIdOf(engine: EngineName, ref: string): Promise<string> {
    return bare((await run([engine, "image", "inspect", "--format", "{{.Id}}", ref], { superuser: "require" })).trim());
}

export async function containerImageId(engine: EngineName, name: string): Promise<string | null> {
    try {
        return bare((await run([engine, "container", "inspect", "--format", "{{.Image}}", name], { superuser: "require" })).trim());
    } catch (e) {
        if (e instanceof HostError && saysNoSuchContainer(e.details))
            return null;
        throw e;
    }
}

// The unit, when active, is restarted: its ExecStart creates the container from the reference
// again. Without a unit the container is replaced by running the RUN label (`runArgv`) again.
async function recreate(record: ServiceRecord, engine: EngineName, runArgv: string[] | null): Promise<boolean> {
    if (record.unit) {
        const state = await unitState(record.unit);
        if (state.activeState !== "active" && state.activeState !== "activating")
            return true;
        await runUnitJob("RestartUnit", record.unit);
        return false;
    }
    await run(removeContainerArgv(engine, record.name), { superuser: "require" });
    if (runArgv)
        await run(runArgv, { superuser: "require" });
    return false;
}

/**
 * Resolves once container NAME has started since `since` (or after `timeoutMs`): a unit of
 * Type=simple reports its restart done before its ExecStart has created the container.
 * The engine's event stream replays from `since`, so a start that came first is not missed.
 */
function containerStarted(engine: EngineName, name: string, since: Date, timeoutMs = 20000): Promise<void> {
    return new Promise(resolve => {
        const proc = cockpit.spawn([engine, "events", "--since", since.toISOString(), "--filter", `container=${name}`,
            "--filter", "event=start", "--format", eventsJsonFormat(engine)], { superuser: "require", err: "ignore" });
        const done = () => {
            clearTimeout(timer);
            proc.close();
            resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        proc.stream(done);
        proc.catch(done);
    });
}

async function switchTo(record: ServiceRecord, engine: EngineName, runArgv: string[] | null, target: string): Promise<ImageSwitch> {
    const before = record.imageId;
    await writeRecord({ ...record, imageId: target, previousImageId: before });
    const since = new Date(Date.now() - 1000);
    const unitStopped = await recreate(record, engine, runArgv);
    if (!unitStopped)
        await containerStarted(engine, record.name, since);
    return { before, after: target, running: await containerImageId(engine, record.name), unitStopped };
}

/**
 * Moves the service to `target`, or (null) to the image its reference names now; null when
 * that is the image it has already.
 */
export async function switchImage(record: ServiceRecord, engine: EngineName, target: string | null,
    runArgv: string[] | null): Promise<ImageSwitch | null> {
    const now = target === null ? await imageIdOf(engine, record.image) : bare(target);
    if (now === bare(record.imageId))
        return null;
    return switchTo(record, engine, runArgv, now);
}
