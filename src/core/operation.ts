// The op-file protocol (docs/ARCHITECTURE.md, "Operations"): an operation is a plan saved on the
// host before anything runs, so that any tab can carry it on; its state file says how far it got.
//
//   OPS_DIR/ID.op.json      the operation: who, what, the steps and which one is the long command
//   OPS_DIR/ID.state.json   the next step to run, each step's result, and at the end the outcome
//   OPS_DIR/ID.lock         flock'ed by the one tab that runs steps; others wait or follow
//   OPS_DIR/NAME.busy       the ID of service NAME's one unfinished operation
import { N_ } from "./i18n";
import { validateName } from "./labels";
import { isObject } from "./jsonShape";
import { mainStepIndex, type Step } from "./plan";
import { CoreError } from "./text";

// on disk, not in /run: an operation a reboot cut short is found after it, and ends (and is undone)
export const OPS_DIR = "/var/lib/containers/system-services/ops";
export const OP_UNIT_PREFIX = "system-services-op-";

export type OperationKind = "install" | "uninstall" | "run" | "stop" | "update" | "rollback" | "unit-write" | "list-save" | "restore" | "adopt" | "sssd-switch";

export interface OperationFile {
    version: 1;
    id: string;                      // also the transient unit's name, without ".service"
    service: string;                 // the service name (validated)
    kind: OperationKind;
    title: string;                   // N_-marked, e.g. "Installing $0" (the service fills $0)
    steps: Step[];
    main: number;                    // the step that runs as the transient unit; -1: none
    systemd: boolean;                // false: the long command ran in the page's session
    startedAt: string;               // ISO 8601
}

export type Outcome = "succeeded" | "failed";

export interface OperationState {
    next: number;                    // the first step not yet done
    mainStarted: boolean;            // the long command was started (its unit exists)
    results: unknown[];              // what each step gave back (an image switch, …), by index
    outcome: Outcome | null;         // null while it runs
    error: string | null;            // why it failed, in words
    errorProblem: string | null;     // the host's code for it, e.g. "change-conflict"
    errorTemplate: { template: string; args: string[] } | null;  // core's message, to translate
    undone: boolean;                 // the undo steps of what had run were carried out
    undoError: string | null;        // an undo step that failed too
}

export class OperationError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "OperationError";
    }
}

export function opPaths(id: string): { op: string; state: string; lock: string } {
    if (!/^[A-Za-z0-9_.-]+$/.test(id))
        throw new OperationError(N_("Not a valid operation ID: $0"), id);
    const base = `${OPS_DIR}/${id}`;
    return { op: base + ".op.json", state: base + ".state.json", lock: base + ".lock" };
}

/** Held by the one unfinished operation of a service: its content is that operation's ID. */
export function busyPath(service: string): string {
    const problem = validateName(service);
    if (problem !== null)
        throw new OperationError(N_("Not a valid service name: $0"), problem);
    return `${OPS_DIR}/${service}.busy`;
}

export function unitOf(op: OperationFile): string {
    return op.id + ".service";
}

/** A new operation of `kind` on service `service`, ID stamped with `now`. */
export function newOperation(service: string, kind: OperationKind, title: string, steps: Step[], systemd: boolean, now: Date): OperationFile {
    const problem = validateName(service);
    if (problem !== null)
        throw new OperationError(N_("Not a valid service name: $0"), problem);
    const stamp = now.toISOString().replace(/[-:.TZ]/g, "");
    return {
        version: 1, id: `${OP_UNIT_PREFIX}${service}-${kind}-${stamp}`, service, kind, title, steps,
        main: mainStepIndex(steps), systemd, startedAt: now.toISOString(),
    };
}

export function initialState(): OperationState {
    return { next: 0, mainStarted: false, results: [], outcome: null, error: null, errorProblem: null, errorTemplate: null, undone: false, undoError: null };
}

export function serializeOperation(op: OperationFile): string {
    return JSON.stringify(op, null, 2) + "\n";
}

function parseJson(text: string, what: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw new OperationError(N_("The $0 is not JSON: $1"), what, e instanceof Error ? e.message : String(e));
    }
    if (!isObject(value))
        throw new OperationError(N_("The $0 is not a JSON object."), what);
    return value;
}

/** Reads an op file; its steps were written by this page and are taken as they are. */
export function parseOperation(text: string): OperationFile {
    const v = parseJson(text, "operation file");
    if (v.version !== 1 || typeof v.id !== "string" || typeof v.service !== "string" || typeof v.kind !== "string" ||
        typeof v.title !== "string" || !Array.isArray(v.steps) || typeof v.main !== "number" || typeof v.systemd !== "boolean")
        throw new OperationError(N_("The operation file of $0 is not one this page wrote."), String(v.id ?? "?"));
    opPaths(v.id);
    return v as unknown as OperationFile;
}

export function parseOperationState(text: string): OperationState {
    const v = parseJson(text, "operation state");
    if (typeof v.next !== "number" || !Array.isArray(v.results) || typeof v.mainStarted !== "boolean")
        throw new OperationError(N_("The operation's state file is not one this page wrote."));
    return { ...initialState(), ...v } as OperationState;
}

/** What the runner reads of the transient unit. */
export interface CommandUnit { name: string; loadState: string; activeState: string; subState: string }

/**
 * Whether the long command has ended, from its unit: null while it runs, else its error (null:
 * succeeded). RemainAfterExit: a command that exited 0 leaves the unit active (exited); a unit
 * that is inactive or gone was stopped or reset before anyone saw its command end.
 */
export function commandEnd(unit: CommandUnit): { error: string | null } | null {
    if (unit.loadState === "not-found")
        return { error: `${unit.name} is gone: the command's result is unknown` };
    if (unit.activeState === "active" && unit.subState === "exited")
        return { error: null };
    if (unit.activeState === "inactive")
        return { error: `${unit.name} was stopped before its command finished` };
    if (unit.activeState === "failed")
        return { error: `${unit.name} failed (${unit.subState})` };
    return null;
}

/**
 * An argv word as systemd must be given it in a transient unit's command line, which it expands
 * ($VAR, ${VAR}; $$ is one $): every "$" doubled, so that what runs is the word as previewed.
 */
export function systemdLiteral(word: string): string {
    return word.replace(/\$/g, () => "$$");
}
