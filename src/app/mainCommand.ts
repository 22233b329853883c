// An operation's long command: started once as its transient unit (or, without systemd, in
// the page's session), its output followed from the journal, and the moment it ends noticed
// from PropertiesChanged and from a watchdog that reads the unit again in case a change was
// never signalled.
import { commandEnd, unitOf, type OperationFile, type OperationState } from "../core/operation";
import type { RunnerHost, UnitState } from "../host/api";
import { errorText } from "./errors";

export const WATCHDOG_MS = 1500;

export interface CommandWatch {
    stopWatching(): void;      // the unit's state: its end is known
    stop(): void;              // everything, its output too
}

/** Calls onEnded(byWatchdog) each time the unit is seen ended, and follows its output. */
export function watchCommand(host: RunnerHost, unit: string, onOutput: (text: string) => void,
    onEnded: (byWatchdog: boolean) => void): CommandWatch {
    const check = (byWatchdog: boolean) => (s: UnitState) => { if (commandEnd(s)) onEnded(byWatchdog); };
    const stopOutput = host.followUnitOutput(unit, onOutput);
    let stopUnit: (() => void) | null = host.watchUnit(unit, check(false), () => undefined);
    const timer = setInterval(() => { host.unitState(unit).then(check(true), () => undefined); }, WATCHDOG_MS);
    const stopWatching = () => {
        clearInterval(timer);
        stopUnit?.();
        stopUnit = null;
    };
    return {
        stopWatching,
        stop: () => {
            stopWatching();
            stopOutput();
        },
    };
}

export interface MainCommandHooks {
    save(state: OperationState): Promise<void>;
    output(text: string): void;
    started(unit: string): void;
}

/** Starts the command unless it was started already; "ok", the error in words, or null while it runs. */
export async function runMainCommand(host: RunnerHost, op: OperationFile, state: OperationState,
    hooks: MainCommandHooks): Promise<string | null> {
    const step = op.steps[op.main];
    if (step.kind !== "exec")
        return `step ${op.main} of ${op.id} is not a command`;
    if (!op.systemd) {
        if (state.mainStarted)
            return "the page that ran the command was closed before it ended";
        await hooks.save({ ...state, mainStarted: true });
        try {
            await host.spawnCommand(step.argv, hooks.output).done;
            return "ok";
        } catch (e) {
            return errorText(e);
        }
    }
    const unit = unitOf(op);
    if (!state.mainStarted) {
        // a tab that died right after starting it left the unit but not the state
        if ((await host.unitState(unit)).loadState === "not-found") {
            try {
                await host.startTransientUnit(unit, op.title.replace("$0", op.service), step.argv);
            } catch (e) {
                return errorText(e);
            }
        }
        await hooks.save({ ...state, mainStarted: true });
        hooks.started(unit);
    }
    const end = commandEnd(await host.unitState(unit));
    return end === null ? null : end.error ?? "ok";
}
