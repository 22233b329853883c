// The host side of operations (docs/ARCHITECTURE.md, "Operations"): the op files under
// /var/lib/containers/system-services/ops, the lock that makes finishing exactly-once, the transient unit
// that runs an operation's long command so it outlives the page, and its output.
import { cockpit, hostError, HostError, readFile, run } from "../cockpit";
import { busyPath, OPS_DIR, opPaths, systemdLiteral, parseOperation, parseOperationState, serializeOperation, type OperationFile, type OperationState } from "../core/operation";
import { ChangeConflict, writeFile } from "./files";
import { removeOrphanSecrets } from "./secrets";
import { streamEntries } from "./journal";

export interface FoundOperation { op: OperationFile; state: OperationState | null }
export interface BrokenOperation { path: string; error: string }
export interface OperationsListing { found: FoundOperation[]; broken: BrokenOperation[] }

// whether the operation of that ID is on the host without an outcome
async function unfinished(id: string): Promise<boolean> {
    try {
        return await readOperation(id) !== null && !(await readOperationState(id))?.outcome;
    } catch {
        return true;            // a file that does not read is no proof the operation ended
    }
}

/**
 * Writes the operation's file, once the service is free: one unfinished operation per service,
 * whichever tab or double click asks for a second (its NAME.busy file is created only if absent).
 * A busy file whose operation was never written (its tab closed in between) is taken over.
 */
export async function createOperation(op: OperationFile): Promise<void> {
    await run(["mkdir", "-p", "-m", "0700", OPS_DIR], { superuser: "require" });
    const busy = busyPath(op.service);
    let held = await readFile(busy, "require");
    for (let attempt = 0; ; attempt++) {
        const holder = held.content?.trim() ?? "";
        if (held.content !== null && await unfinished(holder))
            throw new HostError(`Another operation of ${op.service} has not finished yet (${holder}); wait for it, or dismiss it.`, "busy", null, "");
        try {
            await writeFile(busy, op.id + "\n", { tag: held.tag });
            break;
        } catch (e) {
            if (!(e instanceof ChangeConflict) || attempt > 0)
                throw e instanceof ChangeConflict ? new HostError(`Another operation of ${op.service} is being started.`, "busy", null, "") : e;
            held = await readFile(busy, "require");
        }
    }
    try {
        await writeFile(opPaths(op.id).op, serializeOperation(op), { tag: "-" });
        // a second start that took over in between (it found no op file yet) wins: back out
        if ((await readFile(busy, "require")).content?.trim() !== op.id)
            throw new HostError(`Another operation of ${op.service} was started at the same time.`, "busy", null, "");
    } catch (e) {
        await run(["rm", "-f", opPaths(op.id).op], { superuser: "require" }).catch(() => undefined);
        await releaseService(op.service, op.id);
        throw e;
    }
}

/** The service is free again for a next operation (if `id` is the one that held it). */
export async function releaseService(service: string, id: string): Promise<void> {
    const { content, tag } = await readFile(busyPath(service), "require");
    if (content?.trim() === id)
        await writeFile(busyPath(service), null, { tag }).catch(() => undefined);
}

/** The operation's file; null when it is gone (dismissed, or finished and cleaned up). */
export async function readOperation(id: string): Promise<OperationFile | null> {
    const { content } = await readFile(opPaths(id).op, "require");
    return content === null ? null : parseOperation(content);
}

export async function readOperationState(id: string): Promise<OperationState | null> {
    const { content } = await readFile(opPaths(id).state, "require");
    return content === null ? null : parseOperationState(content);
}

export async function writeOperationState(id: string, state: OperationState): Promise<void> {
    await writeFile(opPaths(id).state, JSON.stringify(state) + "\n");
}

/**
 * The operations whose file is on the host: running, or finished and not dismissed. A file that
 * does not read is listed as broken, and the others are still found.
 */
export async function listOperations(): Promise<OperationsListing> {
    const listing: OperationsListing = { found: [], broken: [] };
    let names: string;
    try {
        names = await run(["find", OPS_DIR, "-mindepth", "1", "-maxdepth", "1", "-name", "*.op.json", "-printf", "%f\\n"], { superuser: "require" });
    } catch (e) {
        if (e instanceof HostError && /No such file/.test(e.details))
            return listing;
        throw e;
    }
    for (const name of names.split("\n").filter(Boolean).sort()) {
        const id = name.slice(0, -".op.json".length);
        try {
            const op = await readOperation(id);
            if (op !== null)            // else dismissed meanwhile
                listing.found.push({ op, state: await readOperationState(id) });
        } catch (e) {
            listing.broken.push({ path: `${OPS_DIR}/${name}`, error: e instanceof Error ? e.message : String(e) });
        }
    }
    // a password's file that no unfinished operation needs: its tab closed before removing it
    // (an op file that does not read could be one that needs it)
    if (listing.broken.length === 0)
        await removeOrphanSecrets(new Set(listing.found.filter(f => !f.state?.outcome).map(f => f.op.service)));
    return listing;
}

/**
 * Holds the operation's lock (flock on its .lock file) until the returned function is called.
 * The lock lives in a process of this page's session, so a closed tab releases it: whoever
 * takes it next sees in the state file how far the last holder got.
 */
export function lockOperation(id: string): Promise<() => void> {
    return new Promise((resolve, reject) => {
        // cat echoes the line back once flock holds the lock, and holds it until its input closes
        const proc = cockpit.spawn(["flock", opPaths(id).lock, "cat"], { superuser: "require", err: "message" });
        let held = false;
        proc.stream(data => {
            if (!held && data.includes("locked")) {
                held = true;
                resolve(() => proc.close());
            }
        });
        proc.input("locked\n", true);
        proc.catch(e => { if (!held) reject(hostError(`flock ${opPaths(id).lock}`, e)); });
    });
}

/** Removes the operation's files; `keepState` leaves its result for tabs still following it. */
export async function removeOperation(id: string, keepState: boolean): Promise<void> {
    const { op, state, lock } = opPaths(id);
    await run(["rm", "-f", "--", op, lock, ...(keepState ? [] : [state])], { superuser: "require" });
}

/** One line in the system journal for each finished operation: what ran as root, and how it ended. */
export async function logOperation(message: string): Promise<void> {
    await run(["logger", "--tag", "system-services", "--", message], { superuser: "require" });
}

/** Runs argv as the transient unit `unit`, output to the journal; it stays loaded once it ends. */
export async function startTransientUnit(unit: string, title: string, argv: string[]): Promise<void> {
    // systemd 252 writes a transient unit's ExecStart unescaped to /run/systemd/transient and
    // re-reads it on daemon-reload: a line break in an argument would become unit settings
    const broken = argv.find(arg => /[\n\r]/.test(arg));
    if (broken !== undefined)
        throw new HostError(`An argument of the command contains a line break, which systemd cannot run safely: ${JSON.stringify(broken.slice(0, 60))}`,
            "invalid-argument", null, argv.join(" "));
    // INVOCATION_ID unset: a detached `podman run -d` then gets its own scope instead of
    // living (and dying) in this transient unit
    await run(["systemd-run", "--unit", unit, "--description", title, "--property=RemainAfterExit=yes",
        "--property=StandardOutput=journal", "--property=StandardError=journal", "--quiet", "--",
        "/usr/bin/env", "-u", "INVOCATION_ID", ...argv.map(systemdLiteral)], { superuser: "require" });
}

/**
 * Follows the unit's output from its start; returns a function that stops following.
 * Read as JSON entries so that podman's own event entries (each repeating every label of the
 * image) come out as one short line, as in the unit journal.
 */
export function followUnitOutput(unit: string, onText: (text: string) => void): () => void {
    const journal = cockpit.spawn(["journalctl", "--follow", "--lines=all", "--output=json", "--all", "--unit", unit],
                                  { superuser: "require", err: "ignore" });
    streamEntries(journal, entries => onText(entries.map(e => e.message + "\n").join("")));
    journal.catch(() => undefined);
    return () => journal.close();
}

/** Without systemd: runs argv in this page's session; it ends when the page closes. */
export function spawnCommand(argv: string[], onText: (text: string) => void): { done: Promise<void>; cancel(): void } {
    const proc = cockpit.spawn(argv, { superuser: "require", err: "out" });
    proc.stream(onText);
    const done = new Promise<void>((resolve, reject) => proc.then(() => resolve(), e => reject(hostError(argv[0], e))));
    return { done, cancel: () => proc.close("terminated") };
}
