// Small hooks that turn events and promises into state, in the spirit of Cockpit's pkg/lib
// hooks: no component keeps an "is it still mounted" flag of its own.
import { useEffect, useState } from "preact/hooks";
import { asError } from "../app/errors";

export interface Loaded<T> { value: T | undefined; error: Error | null; loading: boolean }

/**
 * The result of `make()`, made again when `deps` change; a result that arrives after they
 * changed (or after unmount) is dropped. `make` returning null means: nothing to load.
 */
export function usePromise<T>(make: () => Promise<T> | null, deps: unknown[]): Loaded<T> & { reload(): void } {
    const [state, setState] = useState<Loaded<T>>({ value: undefined, error: null, loading: true });
    const [round, setRound] = useState(0);
    useEffect(() => {
        const promise = make();
        if (promise === null) {
            setState({ value: undefined, error: null, loading: false });
            return;
        }
        let current = true;
        setState(s => ({ ...s, loading: true }));
        promise.then(value => { if (current) setState({ value, error: null, loading: false }); },
                     e => { if (current) setState({ value: undefined, error: asError(e), loading: false }); });
        return () => { current = false; };
    }, [...deps, round]);
    return { ...state, reload: () => setRound(r => r + 1) };
}

/** Calls `subscribe` while mounted (and again when `deps` change); it returns its own unsubscribe. */
export function useSubscription(subscribe: () => (() => void) | void, deps: unknown[]): void {
    useEffect(() => subscribe() ?? undefined, deps);
}

/** A value that follows a source through its change callback: useEvent of Cockpit's pkg/lib. */
export function useWatched<T>(initial: T, watch: (set: (value: T) => void, fail: (e: Error) => void) => () => void,
    deps: unknown[]): { value: T; error: Error | null } {
    const [value, setValue] = useState<T>(initial);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
        setError(null);
        return watch(v => { setValue(v); setError(null); }, e => setError(e));
    }, deps);
    return { value, error };
}
