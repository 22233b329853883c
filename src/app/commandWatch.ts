// Following an operation's long command in its transient unit: the output from the journal,
// and the moment it ends — from PropertiesChanged, and from a watchdog that reads the unit
// again in case a change was never signalled.
import { commandEnd } from "../core/operation";
import type { RunnerHost, UnitState } from "../host/api";

export const WATCHDOG_MS = 1500;

/** Calls onEnded(byWatchdog) each time the unit is seen ended; returns a function that stops following. */
export function watchCommand(host: RunnerHost, unit: string, onOutput: (text: string) => void,
    onEnded: (byWatchdog: boolean) => void): () => void {
    const check = (byWatchdog: boolean) => (s: UnitState) => { if (commandEnd(s)) onEnded(byWatchdog); };
    const stopOutput = host.followUnitOutput(unit, onOutput);
    const stopUnit = host.watchUnit(unit, check(false), () => undefined);
    const timer = setInterval(() => { host.unitState(unit).then(check(true), () => undefined); }, WATCHDOG_MS);
    return () => {
        clearInterval(timer);
        stopUnit();
        stopOutput();
    };
}
