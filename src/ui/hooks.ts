// Small hooks that turn events and promises into state, in the spirit of Cockpit's pkg/lib
// hooks: no component keeps an "is it still mounted" flag of its own.
import { useCallback, useEffect, useState } from "preact/hooks";
import { asError } from "../app/errors";

export interface Loaded<T> { value: T | undefined; error: Error | null; loading: boolean }

/**
 * The result of `make()`, made again when `deps` change; a result that arrives after they
 * changed (or after unmount) is dropped. `make` returning null means: nothing to load.
 * `reload` stays the same function for the component's life.
 * eslint.config.js has react-hooks/exhaustive-deps check `deps` at each call, as for useEffect.
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, checked where usePromise is called
    }, [...deps, round]);
    const reload = useCallback(() => setRound(r => r + 1), []);
    return { ...state, reload };
}

/**
 * Calls `subscribe` while mounted (and again when `deps` change); it returns its own unsubscribe.
 * eslint.config.js has react-hooks/exhaustive-deps check `deps` at each call, as for useEffect.
 */
export function useSubscription(subscribe: () => (() => void) | void, deps: unknown[]): void {
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, checked where useSubscription is called
    useEffect(() => subscribe() ?? undefined, deps);
}

/**
 * A value that follows a source through its change callback: useEvent of Cockpit's pkg/lib.
 * eslint.config.js has react-hooks/exhaustive-deps check `deps` at each call, as for useEffect.
 */
export function useWatched<T>(watch: (set: (value: T) => void, fail: (e: Error) => void) => () => void,
    deps: unknown[], initial: T): { value: T; error: Error | null } {
    const [value, setValue] = useState<T>(initial);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
        setError(null);
        return watch(v => { setValue(v); setError(null); }, e => setError(e));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, checked where useWatched is called
    }, deps);
    return { value, error };
}
