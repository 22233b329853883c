// What a change to the host is, as data: a plan is the list of steps that will run, each step
// that changes the host carrying what undoes it, or a refusal saying why nothing will run.
// The views preview exactly these steps; app/runner.ts runs them (docs/ARCHITECTURE.md).

import type { EngineName } from "./engineVersion";
import { privilegeWarnings, type PrivilegeWarning } from "./labels";
import type { ActionLabel, ServiceRecord } from "./model";

type StepBody =
    | { kind: "exec"; title: string; argv: string[] }
    /** Stop the unit and disable it; nothing to do when systemd does not know the unit. */
    | { kind: "unit-disable"; title: string; unit: string }
    /**
     * Write service.json. With `detectUnit`, the unit NAME.service is named in it only if the
     * INSTALL that started at `writtenSince` wrote its file (core/unitFile.ts unitWrittenByInstall).
     */
    | { kind: "write-record"; title: string; record: ServiceRecord; detectUnit?: { writtenSince: string } }
    | { kind: "remove-record"; title: string; name: string }
    /** Remove the file; nothing to do when it is already gone. */
    | { kind: "remove-unit-file"; title: string; path: string }
    /** systemd's Manager.Reload, after unit files changed on disk. */
    | { kind: "daemon-reload"; title: string }
    /** Archive the listed host paths that exist as BACKUPS_DIR/NAME/STAMP.tar, keeping the newest `keep` (and `protect`). */
    | { kind: "backup"; title: string; name: string; paths: string[]; stamp: string; keep: number; protect?: string[] }
    /** Put the host paths of backup STAMP back exactly; host/backups.ts. */
    | { kind: "restore"; title: string; name: string; stamp: string }
    /** Write (null: remove) a file only if it is still as read (`tag`; null: whatever it is now). */
    | { kind: "write-file"; title: string; path: string; content: string | null; tag: string | null }
    /**
     * Move service NAME to another image: `target` is an image ID, or null for what the record's
     * reference names now (update). Writes the record first, then restarts the unit or recreates
     * the container with `runArgv`; its result is an ImageSwitch, or null when nothing changed.
     */
    | { kind: "switch-image"; title: string; record: ServiceRecord; engine: EngineName; target: string | null; runArgv: string[] | null }
    /**
     * Remove every container carrying `label` (KEY=VALUE), running or not, with its anonymous
     * volumes: what a label's command left behind when a reboot cut its `--rm` short.
     */
    | { kind: "remove-containers"; title: string; engine: EngineName; label: string }
    /**
     * Write the password the person gave (held in the page's memory, never in a step) to service
     * NAME's secret file (core/secrets.ts), for the command that follows; fails without it.
     */
    | { kind: "write-secret"; title: string; name: string }
    /** Remove service NAME's secret folder; nothing to do when it is gone. */
    | { kind: "remove-secret"; title: string; name: string }
    /** Enable the unit (when `enable`) and start it (when `start`), waiting for the start job's result. */
    | { kind: "unit-enable"; title: string; unit: string; enable: boolean; start: boolean }
    /** Fail unless `getent -s sss passwd USER` answers within `seconds`: SSSD serves identities. */
    | { kind: "verify-lookup"; title: string; user: string; seconds: number };

/**
 * One step; `undo` runs, newest first, when a later step (or this plan's command) fails;
 * `cleanup` runs when the step itself fails after it started (a command: or its result is unknown).
 */
export type Step = StepBody & { undo?: Step[]; cleanup?: Step[] };
export type StepKind = Step["kind"];

export type RefusalCode =
    | "invalid-name"       // the name cannot be a container or unit name
    | "bad-label"          // the label does not parse
    | "already-installed"  // a record exists for the name
    | "not-installed"      // RUN of an image with INSTALL that has no record
    | "other-image"        // container NAME exists on another image; Replace would remove it
    | "no-container"       // nothing to stop
    | "image-in-use"       // other containers use the image; Force would go on
    | "secret-argument"    // an argument passes a password, which would end up in argv and the record
    | "override-mount"     // the host-data-list override cannot be mounted into the label's command
    | "secret-mount"       // a password is to be given, and the label's command cannot mount its file
    | "no-previous"        // a rollback with no previous image recorded
    | "no-native"          // native SSSD is missing, masked or has no configuration to take over
    | "no-install";        // the image has no INSTALL to take SSSD over with

export interface Refusal {
    kind: "refused";
    code: RefusalCode;
    reason: string;        // N_-marked, or the label engine's / validateName's own message
    containers: string[];  // the containers concerned, for "other-image" and "image-in-use"
}

export interface StepsPlan {
    kind: "steps";
    steps: Step[];
    /** The label run, for the preview; null when the plan runs no label. */
    label: ActionLabel | null;
    unknownVariables: string[];
    warnings: PrivilegeWarning[];
}

export function refuse(code: RefusalCode, reason: string, containers: string[] = []): Refusal {
    return { kind: "refused", code, reason, containers };
}

export function isRefusal(value: unknown): value is Refusal {
    return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "refused";
}

export function stepsPlan(list: Step[], label: ActionLabel | null = null, unknownVariables: string[] = []): StepsPlan {
    const warnings = list.flatMap(s => s.kind === "exec" ? privilegeWarnings(s.argv) : []);
    return { kind: "steps", steps: list, label, unknownVariables, warnings };
}

export function exec(title: string, argv: string[]): Step {
    return { kind: "exec", title, argv };
}

/**
 * Which step is the plan's long command: it runs as a transient unit that outlives the page.
 * It is the last command before the bookkeeping (record, unit files, reload); a backup is taken
 * before the command it guards. -1 when the plan runs no command: every step is bookkeeping.
 */
export function mainStepIndex(steps: Step[]): number {
    const bookkeeping = steps.findIndex(s => !["exec", "unit-disable", "backup", "remove-containers", "write-secret"].includes(s.kind));
    const end = bookkeeping === -1 ? steps.length : bookkeeping;
    let main = -1;
    for (let i = 0; i < end; i++) {
        if (steps[i].kind === "exec")
            main = i;
    }
    return main;
}

/** The plan cut at its long command, for the preview and the runner. */
export function splitPlan(steps: Step[]): { before: Step[]; main: (Step & { kind: "exec" }) | null; after: Step[] } {
    const main = mainStepIndex(steps);
    if (main === -1)
        return { before: [], main: null, after: steps };
    return { before: steps.slice(0, main), main: steps[main] as Step & { kind: "exec" }, after: steps.slice(main + 1) };
}

/** What undoes the first `done` steps: their undo steps, the newest step's first. */
export function undoSteps(steps: Step[], done: number): Step[] {
    return steps.slice(0, done).reverse().flatMap(s => s.undo ?? []);
}

/** What runs when a plan's step `failed` fails: its own clean-up (once it `started`), then the undo of the steps before it. */
export function failureSteps(steps: Step[], failed: number, started: boolean): { cleanup: Step[]; undo: Step[] } {
    return { cleanup: started ? steps[failed]?.cleanup ?? [] : [], undo: undoSteps(steps, failed) };
}

/** What undoes a failed plan as a whole: what `undoSteps` would run if its last step failed. */
export function restoreStepsFor(plan: StepsPlan): Step[] {
    return undoSteps(plan.steps, plan.steps.length);
}
