// An in-memory host for the runner's tests (not a .test.ts file: the runner does not pick it up
// alone). It keeps op files and states as the text the real host keeps, has a real mutex per
// operation, and systemd units whose state the test sets and whose watchers it signals.
import type { RunnerHost, UnitState, OperationsListing } from "../../src/host/api";
import {
    parseOperation, parseOperationState, serializeOperation, type OperationFile, type OperationState,
} from "../../src/core/operation";
import type { Step } from "../../src/core/plan";

type Watcher = (state: UnitState) => void;

export class FakeHost implements RunnerHost {
    /** OPS_DIR: the files by ID, as text. */
    readonly opFiles = new Map<string, string>();
    readonly busy = new Map<string, string>();      // service → the ID of its unfinished operation
    readonly stateFiles = new Map<string, string>();
    /** Every step executeStep ran, in order, and whether under systemd. */
    readonly executed: { title: string; systemd: boolean }[] = [];
    /** Steps (by title) that fail, with the message (or the error) they fail with. */
    readonly failing = new Map<string, string | Error>();
    /** Steps (by title) that wait until the test opens their gate. */
    private readonly gates = new Map<string, Promise<void>>();
    readonly started: { unit: string; title: string; argv: string[] }[] = [];
    readonly spawned: string[][] = [];
    /** argv (joined by blanks) of spawned commands that fail. */
    readonly failingCommands = new Set<string>();
    readonly logged: string[] = [];
    /** Service secret files (/run/system-services/NAME/enroll-password) by service. */
    readonly secretFiles = new Map<string, string>();
    readonly removed: { id: string; keepState: boolean }[] = [];
    readonly resets: string[] = [];
    private readonly units = new Map<string, UnitState>();
    private readonly watchers = new Map<string, Set<Watcher>>();
    private readonly outputs = new Map<string, Set<(text: string) => void>>();
    // the mutex: the promise each operation's next locker waits for, and who holds it now
    private readonly lockTails = new Map<string, Promise<void>>();
    readonly holding = new Set<string>();
    /** How many times two lockers held one operation's lock at once (must stay 0). */
    overlaps = 0;

    // --- what the test controls

    /** Sets the unit's state; `signal` (default) tells its watchers, as PropertiesChanged would. */
    setUnit(name: string, activeState: string, subState: string, signal = true): void {
        this.units.set(name, unitStateOf(name, "loaded", activeState, subState));
        if (signal)
            this.signal(name);
    }

    signal(name: string): void {
        const state = this.current(name);
        for (const watcher of [...this.watchers.get(name) ?? []])
            watcher(state);
    }

    watcherCount(name: string): number {
        return this.watchers.get(name)?.size ?? 0;
    }

    /** The unit writes `text` to its output. */
    output(name: string, text: string): void {
        this.outputs.get(name)?.forEach(onText => onText(text));
    }

    /** Makes the step titled `title` wait; resolves it when the returned function is called. */
    gate(title: string): () => void {
        let open!: () => void;
        this.gates.set(title, new Promise<void>(resolve => { open = resolve; }));
        return () => {
            this.gates.delete(title);
            open();
        };
    }

    titles(): string[] {
        return this.executed.map(e => e.title);
    }

    state(id: string): OperationState | null {
        const text = this.stateFiles.get(id);
        return text === undefined ? null : parseOperationState(text);
    }

    // --- RunnerHost

    async createOperation(op: OperationFile): Promise<void> {
        // as the real host: the service's busy file first, then the op file
        const holder = this.busy.get(op.service);
        if (holder !== undefined)
            throw new Error(`Another operation of ${op.service} has not finished yet (${holder})`);
        if (this.opFiles.has(op.id))
            throw new Error(`${op.id}.op.json exists`);
        this.busy.set(op.service, op.id);
        this.opFiles.set(op.id, serializeOperation(op));
    }

    watchNewUnits(_prefix: string, _onNew: (name: string) => void): () => void {
        return () => undefined;
    }

    async releaseService(service: string, id: string): Promise<void> {
        if (this.busy.get(service) === id)
            this.busy.delete(service);
    }

    async readOperation(id: string): Promise<OperationFile | null> {
        const text = this.opFiles.get(id);
        return text === undefined ? null : parseOperation(text);
    }

    async readOperationState(id: string): Promise<OperationState | null> {
        return this.state(id);
    }

    async writeOperationState(id: string, state: OperationState): Promise<void> {
        this.stateFiles.set(id, JSON.stringify(state) + "\n");
    }

    async listOperations(): Promise<OperationsListing> {
        const listing: OperationsListing = { found: [], broken: [] };
        for (const id of [...this.opFiles.keys()].sort()) {
            try {
                listing.found.push({ op: parseOperation(this.opFiles.get(id) as string), state: this.state(id) });
            } catch (e) {
                listing.broken.push({ path: `${id}.op.json`, error: (e as Error).message });
            }
        }
        return listing;
    }

    lockOperation(id: string): Promise<() => void> {
        const before = this.lockTails.get(id) ?? Promise.resolve();
        let unlock!: () => void;
        const held = new Promise<void>(resolve => { unlock = resolve; });
        this.lockTails.set(id, before.then(() => held));
        return before.then(() => {
            if (this.holding.has(id))
                this.overlaps++;
            this.holding.add(id);
            let released = false;
            return () => {
                if (released)
                    return;
                released = true;
                this.holding.delete(id);
                unlock();
            };
        });
    }

    async removeOperation(id: string, keepState: boolean): Promise<void> {
        this.removed.push({ id, keepState });
        this.opFiles.delete(id);
        if (!keepState)
            this.stateFiles.delete(id);
    }

    async logOperation(message: string): Promise<void> {
        this.logged.push(message);
    }

    async startTransientUnit(unit: string, title: string, argv: string[]): Promise<void> {
        if (this.current(unit).loadState !== "not-found")
            throw new Error(`Unit ${unit} was already loaded or has a fragment file.`);
        this.started.push({ unit, title, argv });
        this.setUnit(unit, "active", "running");
    }

    followUnitOutput(unit: string, onText: (text: string) => void): () => void {
        const set = this.outputs.get(unit) ?? new Set();
        this.outputs.set(unit, set);
        set.add(onText);
        return () => set.delete(onText);
    }

    spawnCommand(argv: string[], onText: (text: string) => void): { done: Promise<void>; cancel(): void } {
        this.spawned.push(argv);
        onText(argv.join(" ") + "\n");
        const failed = this.failingCommands.has(argv.join(" "));
        return { done: failed ? Promise.reject(new Error(`${argv[0]} exited with code 1`)) : Promise.resolve(), cancel: () => undefined };
    }

    async executeStep(step: Step, useSystemd: boolean, secret?: string): Promise<unknown> {
        this.executed.push({ title: step.title, systemd: useSystemd });
        await this.gates.get(step.title);
        const failure = this.failing.get(step.title);
        if (failure !== undefined)
            throw typeof failure === "string" ? new Error(failure) : failure;
        // as host/secrets.ts: the file holds what the runner gave, and goes with its folder
        if (step.kind === "write-secret") {
            if (secret === undefined)
                throw new Error("The password was known only to the page that started this, which closed before writing it: start again.");
            this.secretFiles.set(step.name, secret);
        } else if (step.kind === "remove-secret") {
            this.secretFiles.delete(step.name);
        }
        return step.kind === "write-record" ? step.record : null;
    }

    async unitState(name: string): Promise<UnitState> {
        return this.current(name);
    }

    // as host/units.ts: the state now (read after subscribing), then every change
    watchUnit(name: string, onChange: (state: UnitState) => void, _onError: (e: Error) => void): () => void {
        const set = this.watchers.get(name) ?? new Set();
        this.watchers.set(name, set);
        let stopped = false;
        const watcher: Watcher = s => { if (!stopped) onChange(s); };
        set.add(watcher);
        Promise.resolve().then(() => watcher(this.current(name)));
        return () => {
            stopped = true;
            set.delete(watcher);
        };
    }

    async resetUnit(name: string): Promise<void> {
        this.resets.push(name);
        this.units.delete(name);
        this.signal(name);
    }

    private current(name: string): UnitState {
        return this.units.get(name) ?? unitStateOf(name, "not-found", "inactive", "dead");
    }
}

function unitStateOf(name: string, loadState: string, activeState: string, subState: string): UnitState {
    return {
        name, path: "/org/freedesktop/systemd1/unit/" + name.replace(/[^A-Za-z0-9]/g, c => "_" + c.charCodeAt(0).toString(16)),
        loadState, activeState, subState, unitFileState: "transient", description: "", fragmentPath: "", sourcePath: "", loadError: "",
    };
}
