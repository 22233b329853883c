// The one runner: every plan that changes the host runs here, as an operation saved on the host
// before its first step (core/operation.ts), so it goes on when the tab closes and any tab can
// carry it on. Steps run only under the operation's lock, and the state file says how far it
// got, so each step, the finishing steps and a failure's undo run once, whichever tab runs them.
import type { BrokenOperation, RunnerHost } from "../host/api";
import {
    initialState, newOperation, OP_UNIT_PREFIX, unitOf, type OperationFile, type OperationKind, type OperationState,
} from "../core/operation";
import { failureSteps, type StepsPlan } from "../core/plan";
import { runAll } from "./undo";
import { errorText, failureOf } from "./errors";
import { runMainCommand, watchCommand, type CommandWatch } from "./mainCommand";
import type { OperationView } from "./operationView";

export type { OperationView } from "./operationView";
export { WATCHDOG_MS } from "./mainCommand";

const OUTPUT_GRACE_MS = 1000;

export class Runner {
    private readonly ops = new Map<string, OperationView>();
    private readonly listeners = new Set<() => void>();
    private readonly driving = new Map<string, Promise<void>>();
    private readonly again = new Set<string>();
    private readonly stops = new Map<string, CommandWatch>();
    private readonly secrets = new Map<string, string>();

    constructor(private readonly host: RunnerHost, readonly useSystemd: boolean,
                private readonly now: () => Date = () => new Date()) {}

    list(): OperationView[] {
        return [...this.ops.values()];
    }

    get(id: string): OperationView | null {
        return this.ops.get(id) ?? null;
    }

    onChange(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /**
     * Saves the plan on the host as an operation and starts it; resolves with its ID. `secret`: the
     * password its write-secret step writes, kept in this tab's memory only until the operation ends.
     */
    async start(service: string, kind: OperationKind, title: string, plan: StepsPlan, secret?: string): Promise<string> {
        const op = newOperation(service, kind, title, plan.steps, this.useSystemd, this.now());
        await this.host.createOperation(op);
        if (secret !== undefined)
            this.secrets.set(op.id, secret);
        this.track(op, initialState(), false);
        this.drive(op.id);
        return op.id;
    }

    /**
     * Finds the host's operations (started elsewhere, or before a reload) and carries on the
     * unfinished; resolves with the op files that do not read (the others are found all the same).
     */
    async find(): Promise<BrokenOperation[]> {
        const { found, broken } = await this.host.listOperations();
        for (const { op, state } of found) {
            if (this.ops.has(op.id))
                continue;
            this.track(op, state ?? initialState(), true);
            if (!state?.outcome)
                this.drive(op.id);
        }
        return broken;
    }

    /**
     * Finds operations again whenever systemd loads a new operation unit: one another tab
     * started after this one loaded. Returns a function that stops watching.
     */
    watchOtherTabs(onBroken: (broken: BrokenOperation[]) => void, onError: (e: Error) => void): () => void {
        return this.host.watchNewUnits(OP_UNIT_PREFIX, unit => {
            if (!this.ops.has(unit.replace(/\.service$/, "")))
                this.find().then(onBroken, onError);
        });
    }

    /** Forgets a finished operation: its files (its unit was let go of when the command ended). */
    async dismiss(id: string): Promise<void> {
        const view = this.ops.get(id);
        if (!view || view.status === "running")
            return;
        await this.host.removeOperation(id, false);
        this.untrack(id);
    }

    /** Stops following everything (the page goes away); the host's operations go on. */
    close(): void {
        for (const id of [...this.stops.keys()])
            this.unfollow(id);
    }

    /** Resolves once no step of `id` runs in this tab (for tests and callers that wait). */
    async settled(id: string): Promise<void> {
        while (this.driving.has(id))
            await this.driving.get(id);
    }

    private emit(): void {
        this.listeners.forEach(l => l());
    }

    private patch(id: string, change: Partial<OperationView>): void {
        const old = this.ops.get(id);
        if (!old)
            return;
        const next = { ...old, ...change };
        if (change.state)
            next.status = change.state.outcome ?? "running";
        this.ops.set(id, next);
        if (old.status === "running" && next.status !== "running")
            this.unfollowSoon(id);
        this.emit();
    }

    // its end is known: no more reads of its unit, which systemd may forget any moment; the
    // journal may still hold the command's last lines: let it catch up before it stops
    private unfollowSoon(id: string): void {
        this.stops.get(id)?.stopWatching();
        setTimeout(() => this.unfollow(id), OUTPUT_GRACE_MS);
    }

    private track(op: OperationFile, state: OperationState, found: boolean): void {
        const unit = op.systemd && op.main >= 0 ? unitOf(op) : null;
        this.ops.set(op.id, {
            id: op.id, op, unit, state, status: state.outcome ?? "running", output: "", found,
            finishedHere: state.outcome ? false : null, problem: null,
        });
        // a command that may still run is watched; one whose result is saved, its unit let go
        // of, only has its output read back from the journal
        if (unit && !state.outcome && state.next <= op.main) {
            this.follow(op.id, unit);
        } else if (unit && state.mainStarted) {
            this.stops.set(op.id, { stopWatching: () => undefined, stop: this.host.followUnitOutput(unit, text => this.appendOutput(op.id, text)) });
            this.unfollowSoon(op.id);
        }
        this.emit();
    }

    private appendOutput(id: string, text: string): void {
        const view = this.ops.get(id);
        if (view)
            this.patch(id, { output: view.output + text });
    }

    private untrack(id: string): void {
        this.unfollow(id);
        this.ops.delete(id);
        this.emit();
    }

    // the command's output, and its unit's end; the watchdog's word counts only when nothing runs meanwhile
    private follow(id: string, unit: string): void {
        this.stops.set(id, watchCommand(this.host, unit, text => this.appendOutput(id, text), byWatchdog => {
            const view = this.ops.get(id);
            if (view?.status === "running" && view.state.mainStarted && !(byWatchdog && this.driving.has(id)))
                this.drive(id);
        }));
    }

    private unfollow(id: string): void {
        this.stops.get(id)?.stop();
        this.stops.delete(id);
    }

    /** Runs what can run now of operation `id`, under its lock; a second call meanwhile runs again after. */
    private drive(id: string): void {
        if (this.driving.has(id)) {
            this.again.add(id);
            return;
        }
        const done = this.driveLocked(id)
                .catch(e => this.patch(id, { problem: errorText(e) }))
                .finally(() => {
                    this.driving.delete(id);
                    if (this.again.delete(id))
                        this.drive(id);
                });
        this.driving.set(id, done);
    }

    private async driveLocked(id: string): Promise<void> {
        const view = this.ops.get(id);
        if (!view)
            return;
        const release = await this.host.lockOperation(id);
        try {
            const saved = await this.host.readOperationState(id);
            if (saved?.outcome) {
                this.patch(id, { state: saved, finishedHere: this.ops.get(id)?.finishedHere ?? false });
                // its lock file was removed with it; taking the lock made it again
                if (saved.outcome === "succeeded")
                    await this.host.removeOperation(id, true);
                return;
            }
            // no state and no op file: finished and dismissed in another tab, nothing to run
            if (saved === null && await this.host.readOperation(id) === null) {
                this.untrack(id);
                return;
            }
            // another tab may have started the command meanwhile: this view must know it
            if (saved !== null)
                this.patch(id, { state: saved });
            await this.advance(view.op, saved ?? initialState());
        } finally {
            release();
        }
    }

    private async save(op: OperationFile, state: OperationState): Promise<void> {
        await this.host.writeOperationState(op.id, state);
        this.patch(op.id, { state });
    }

    // runs steps from state.next on; returns when done, or when the long command still runs
    private async advance(op: OperationFile, state: OperationState): Promise<void> {
        if (state.error !== null)
            return this.fail(op, state, null);
        while (state.next < op.steps.length) {
            if (state.next === op.main) {
                const result = await this.runMain(op, state);
                if (result === null)
                    return;             // still running: its unit's end drives it on
                if (result !== "ok")
                    return this.fail(op, state, result);
                state = { ...state, next: state.next + 1 };
                await this.save(op, state);
                await this.forgetUnit(op, false);
                continue;
            }
            let result: unknown;
            try {
                result = await this.host.executeStep(op.steps[state.next], op.systemd, this.secrets.get(op.id));
            } catch (e) {
                return this.fail(op, state, e);
            }
            const results = [...state.results];
            results[state.next] = result ?? null;
            state = { ...state, next: state.next + 1, results };
            await this.save(op, state);
        }
        await this.finish(op, { ...state, outcome: "succeeded" });
    }

    // "ok", an error in words, or null while the command runs on
    private runMain(op: OperationFile, state: OperationState): Promise<string | null> {
        return runMainCommand(this.host, op, state, {
            save: next => this.save(op, next),
            output: text => this.appendOutput(op.id, text),
            started: unit => {
                this.unfollow(op.id);
                this.follow(op.id, unit);
            },
        });
    }

    // The command's result is saved: its unit has served, and systemd may forget it now, before
    // a later step reloads systemd (a read of a stopped transient unit after a reload makes systemd
    // log that its file is missing). Watching stops first.
    private async forgetUnit(op: OperationFile, failed: boolean): Promise<void> {
        this.stops.get(op.id)?.stopWatching();
        if (op.systemd)
            await this.host.resetUnit(unitOf(op), failed).catch(() => undefined);
    }

    // Runs the failed command's clean-up, then the undo of every step that completed, newest first; a failing step is reported,
    // the rest still run. e: what failed (a message, or what was thrown); null: a failure recorded
    // before (by a tab that closed), undone again.
    private async fail(op: OperationFile, state: OperationState, e: unknown): Promise<void> {
        if (e !== null)
            state = { ...state, ...failureOf(e) };
        await this.save(op, state);
        if (e !== null && state.next === op.main)
            await this.forgetUnit(op, true);
        const { cleanup, undo } = failureSteps(op.steps, state.next, state.next !== op.main || state.mainStarted);
        const undoError = await runAll(this.host, [...cleanup, ...undo], op.systemd);
        await this.finish(op, { ...state, outcome: "failed", undone: undo.length > 0 && undoError === null, undoError });
    }

    private async finish(op: OperationFile, state: OperationState): Promise<void> {
        this.secrets.delete(op.id);
        await this.save(op, state);
        await this.host.releaseService(op.service, op.id);
        this.patch(op.id, { finishedHere: true });
        const how = state.outcome === "succeeded" ? "succeeded" : `failed: ${state.error}` + (state.undone ? " (undone)" : "");
        await this.host.logOperation(`${op.id}: ${op.kind} of ${op.service} ${how}`).catch(() => undefined);
        if (state.outcome === "succeeded") {
            // nothing left to show on a later load: only the state stays, for tabs still following
            await this.host.removeOperation(op.id, true);
        }
    }
}
