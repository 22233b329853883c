// The app layer as the views reach it: host reads and the one runner (app/context.ts), and
// the runner's operations as state.
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { AppContext, BrokenOperation } from "../app/context";
import type { OperationView } from "../app/runner";

const Context = createContext<AppContext | null>(null);

export function AppProvider({ app, children }: { app: AppContext; children: ComponentChildren }) {
    return <Context.Provider value={app}>{children}</Context.Provider>;
}

export function useApp(): AppContext {
    const app = useContext(Context);
    if (!app)
        throw new Error("useApp outside AppProvider");
    return app;
}

/** The runner's operations, re-rendered on every change. */
export function useOperations(): OperationView[] {
    const { runner } = useApp();
    const [list, setList] = useState(() => runner.list());
    useEffect(() => {
        setList(runner.list());
        return runner.onChange(() => setList(runner.list()));
    }, [runner]);
    return list;
}

/** One operation by ID (null before it is started). */
export function useOperation(id: string | null): OperationView | null {
    const ops = useOperations();
    return id === null ? null : ops.find(op => op.id === id) ?? null;
}

/**
 * While `active` (administrative access), finds the host's operations once and calls `onFinished`
 * each time one of them ends, so the inventory is read again. `broken`: op files that do not read;
 * `loaded`: the first search has ended (or there is none to make).
 */
export function useOperationsOnHost(active: boolean, onFinished: () => void): { error: Error | null; broken: BrokenOperation[]; loaded: boolean } {
    const { runner } = useApp();
    const [error, setError] = useState<Error | null>(null);
    const [broken, setBroken] = useState<BrokenOperation[]>([]);
    const [searched, setSearched] = useState(false);
    const seen = useRef(new Map<string, string>());
    // the latest callback, without watching the host again when the caller passes a new one
    const onFinishedRef = useRef(onFinished);
    useEffect(() => { onFinishedRef.current = onFinished; }, [onFinished]);
    useEffect(() => {
        if (!active)
            return;
        const fail = (e: unknown) => setError(e instanceof Error ? e : new Error(String(e)));
        runner.find().then(setBroken, fail).finally(() => setSearched(true));
        const unwatch = runner.watchOtherTabs(setBroken, fail);
        const stop = runner.onChange(() => {
            let ended = false;
            for (const op of runner.list()) {
                if (seen.current.get(op.id) === "running" && op.status !== "running")
                    ended = true;
                seen.current.set(op.id, op.status);
            }
            if (ended)
                onFinishedRef.current();
        });
        return () => {
            unwatch();
            stop();
        };
    }, [runner, active]);
    useEffect(() => () => runner.close(), [runner]);
    return { error, broken, loaded: !active || searched };
}
