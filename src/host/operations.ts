// Long operations (INSTALL, UNINSTALL, …) run as transient systemd units, so they go on when
// the tab closes; the page follows their journal and re-attaches on load (design §6).
// Without systemd they run through cockpit.spawn and end with the page.
import { cockpit, HostError, hostError, readFile, run } from "../cockpit";
import type { Step } from "../core/lifecycle";
import { listUnits, resetUnit, watchUnit } from "./units";

export const OPS_DIR = "/run/system-services/ops";
const PREFIX = "system-services-op-";

/** What the page must do when the operation has succeeded: saved beside it, so any tab can finish it. */
export interface OperationSpec {
    service: string;                 // the service name (validated)
    kind: "install" | "uninstall" | "run" | "stop" | "update";
    title: string;
    argv: string[];
    after: Step[];                   // the plan's steps after argv, carried out by host/plan.ts
    onFailure?: Step[];              // what undoes the command's effects when it fails (e.g. restore a backup)
}

export type OperationStatus = "running" | "succeeded" | "failed";

export interface Operation {
    unit: string | null;             // null when run without systemd
    spec: OperationSpec;
    status: OperationStatus;
    detail: string;                  // systemd's result or the exit status, in words
    output: string;
}

type Listener = (op: Operation) => void;

function unitName(spec: OperationSpec, now: Date): string {
    const stamp = now.toISOString().replace(/[-:.TZ]/g, "");
    return `${PREFIX}${spec.service}-${spec.kind}-${stamp}.service`;
}

/** Follows the unit's output in the journal and its state over D-Bus until it ends. */
function follow(op: Operation, onChange: Listener): () => void {
    const unit = op.unit!;
    const journal = cockpit.spawn(["journalctl", "--follow", "--lines=all", "--output=cat", "--all", "--unit", unit],
                                  { superuser: "try", err: "ignore" });
    journal.stream(data => {
        op.output += data;
        onChange({ ...op });
    });
    journal.catch(() => undefined);
    const stopWatch = watchUnit(unit, state => {
        if (op.status !== "running")
            return;
        // RemainAfterExit: a command that exited 0 leaves the unit active (exited); a unit
        // that became inactive was stopped by someone before its command ended
        const succeeded = state.activeState === "active" && state.subState === "exited";
        const failed = state.activeState === "failed" || state.activeState === "inactive";
        if (!succeeded && !failed)
            return;
        op.status = succeeded ? "succeeded" : "failed";
        op.detail = succeeded ? "" : state.activeState === "inactive"
            ? `${unit} was stopped before its command finished`
            : `${unit} failed (${state.subState})`;
        // the journal may still hold the last lines: let it catch up before it stops
        setTimeout(() => journal.close(), 500);
        onChange({ ...op });
    }, e => {
        op.status = "failed";
        op.detail = e.message;
        onChange({ ...op });
    });
    return () => {
        stopWatch();
        journal.close();
    };
}

/** Starts spec as a transient unit, or with cockpit.spawn when systemd is missing. */
export async function startOperation(spec: OperationSpec, useSystemd: boolean, onChange: Listener): Promise<() => void> {
    if (!useSystemd) {
        const op: Operation = { unit: null, spec, status: "running", detail: "", output: "" };
        const proc = cockpit.spawn(spec.argv, { superuser: "require", err: "out" });
        proc.stream(data => { op.output += data; onChange({ ...op }); });
        proc.then(() => { op.status = "succeeded"; onChange({ ...op }); },
                  e => { op.status = "failed"; op.detail = hostError(spec.argv[0], e).message; onChange({ ...op }); });
        onChange({ ...op });
        return () => proc.close("terminated");
    }
    // systemd 252 writes a transient unit's ExecStart unescaped to /run/systemd/transient and
    // re-reads it on daemon-reload: a line break in an argument would become unit settings
    const broken = spec.argv.find(arg => /[\n\r]/.test(arg));
    if (broken !== undefined)
        throw new HostError(`An argument of the command contains a line break, which systemd cannot run safely: ${JSON.stringify(broken.slice(0, 60))}`,
            "invalid-argument", null, spec.argv.join(" "));
    const unit = unitName(spec, new Date());
    await run(["mkdir", "-p", "-m", "0700", OPS_DIR], { superuser: "require" });
    const file = cockpit.file(`${OPS_DIR}/${unit}.json`, { superuser: "require" });
    try {
        await file.replace(JSON.stringify(spec, null, 2) + "\n");
    } catch (e) {
        throw hostError(`${OPS_DIR}/${unit}.json`, e);
    } finally {
        file.close();
    }
    // INVOCATION_ID unset: a detached `podman run -d` then gets its own scope instead of
    // living (and dying) in this transient unit
    await run(["systemd-run", "--unit", unit, "--description", spec.title, "--property=RemainAfterExit=yes",
        "--property=StandardOutput=journal", "--property=StandardError=journal", "--quiet", "--",
        "/usr/bin/env", "-u", "INVOCATION_ID", ...spec.argv], { superuser: "require" });
    const op: Operation = { unit, spec, status: "running", detail: "", output: "" };
    onChange({ ...op });
    return follow(op, onChange);
}

/** Operations this host is running or has finished but nobody has acknowledged. */
export async function findOperations(onChange: Listener): Promise<() => void> {
    const units = await listUnits([`${PREFIX}*.service`]);
    const stops: (() => void)[] = [];
    for (const u of units) {
        const { content } = await readFile(`${OPS_DIR}/${u.name}.json`);
        if (!content)
            continue;
        const spec = JSON.parse(content) as OperationSpec;
        const op: Operation = { unit: u.name, spec, status: "running", detail: "", output: "" };
        stops.push(follow(op, onChange));
    }
    return () => stops.forEach(s => s());
}

/** Forget a finished operation: its unit and its saved spec. */
export async function dismissOperation(op: Operation): Promise<void> {
    if (!op.unit)
        return;
    await resetUnit(op.unit);
    await run(["rm", "-f", `${OPS_DIR}/${op.unit}.json`], { superuser: "require" });
}
