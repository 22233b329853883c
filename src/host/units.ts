// systemd units over D-Bus: state, live changes, jobs, enablement. No polling.
import { hostError, type DBusVariant } from "../cockpit";
import { MANAGER, MANAGER_PATH, systemdClient } from "./systemd";

const UNIT = "org.freedesktop.systemd1.Unit";
const PROPERTIES = "org.freedesktop.DBus.Properties";

export interface UnitState {
    name: string;
    path: string;
    loadState: string;          // loaded, not-found, bad-setting, error, masked
    activeState: string;        // active, inactive, failed, activating, deactivating
    subState: string;
    unitFileState: string;      // enabled, disabled, static, generated, …
    description: string;
    fragmentPath: string;
    loadError: string;          // systemd's message when the unit file does not load (LoadError)
}

function unwrap(props: Record<string, DBusVariant>, key: string): string {
    const v = props[key]?.v;
    return typeof v === "string" ? v : "";
}

// LoadError is (ss): the D-Bus error name and its message; empty when the unit loaded.
function loadError(props: Record<string, DBusVariant>): string {
    const v = props.LoadError?.v;
    return Array.isArray(v) && typeof v[1] === "string" ? v[1] : "";
}

function toState(name: string, path: string, props: Record<string, DBusVariant>): UnitState {
    return {
        name,
        path,
        loadState: unwrap(props, "LoadState"),
        activeState: unwrap(props, "ActiveState"),
        subState: unwrap(props, "SubState"),
        unitFileState: unwrap(props, "UnitFileState"),
        description: unwrap(props, "Description"),
        fragmentPath: unwrap(props, "FragmentPath"),
        loadError: loadError(props),
    };
}

let subscribed: Promise<unknown> | null = null;

/** Manager.Subscribe once per page, so that systemd sends signals at all. */
function subscribe(): Promise<unknown> {
    if (!subscribed) {
        subscribed = systemdClient().call(MANAGER_PATH, MANAGER, "Subscribe", [])
                .catch(e => { if (!/AlreadySubscribed/.test(String(e?.name ?? e?.message))) subscribed = null; });
    }
    return subscribed;
}

export async function unitState(name: string): Promise<UnitState> {
    const client = systemdClient();
    try {
        const [path] = await client.call(MANAGER_PATH, MANAGER, "LoadUnit", [name]) as [string];
        const [props] = await client.call(path, PROPERTIES, "GetAll", [UNIT]) as [Record<string, DBusVariant>];
        return toState(name, path, props);
    } catch (e) {
        throw hostError(name, e);
    }
}

/** Calls onChange with the unit's state now and after every PropertiesChanged. */
export function watchUnit(name: string, onChange: (state: UnitState) => void, onError: (e: Error) => void): () => void {
    let stop = false;
    let sub: { remove(): void } | null = null;
    const refresh = () => unitState(name).then(s => !stop && onChange(s), e => !stop && onError(e));
    subscribe().then(() => unitState(name)).then(state => {
        if (stop)
            return;
        onChange(state);
        sub = systemdClient().subscribe({ path: state.path, interface: PROPERTIES, member: "PropertiesChanged" },
                                        () => refresh());
    }, e => !stop && onError(e));
    // unit files appear and vanish on Reload: the object path may change its load state
    const reloadSub = systemdClient().subscribe({ path: MANAGER_PATH, interface: MANAGER, member: "Reloading" },
                                                (_p, _i, _s, args) => { if (args[0] === false) refresh(); });
    return () => {
        stop = true;
        sub?.remove();
        reloadSub.remove();
    };
}

/** Start/Stop/Restart and wait for the job's JobRemoved: resolves on "done", else rejects with systemd's result. */
export async function runUnitJob(method: "StartUnit" | "StopUnit" | "RestartUnit", name: string): Promise<void> {
    const client = systemdClient();
    await subscribe();
    let jobPath: string | null = null;
    const results = new Map<string, string>();
    let finish: (result: string) => void = () => {};
    const finished = new Promise<string>(resolve => { finish = resolve; });
    // subscribe before the call: the job can end before the call returns
    const sub = client.subscribe({ path: MANAGER_PATH, interface: MANAGER, member: "JobRemoved" }, (_p, _i, _s, args) => {
        const [, job, , result] = args as [number, string, string, string];
        results.set(job, result);
        if (job === jobPath)
            finish(result);
    });
    try {
        const [job] = await client.call(MANAGER_PATH, MANAGER, method, [name, "replace"]) as [string];
        jobPath = job;
        const early = results.get(job);
        const result = early ?? await finished;
        if (result !== "done")
            throw new Error(`${name}: the ${method.replace("Unit", "").toLowerCase()} job ended with “${result}”`);
    } catch (e) {
        throw e instanceof Error && !("problem" in e) ? e : hostError(`${method} ${name}`, e);
    } finally {
        sub.remove();
    }
}

export async function reloadSystemd(): Promise<void> {
    try {
        await systemdClient().call(MANAGER_PATH, MANAGER, "Reload", [], { timeout: 90000 });
    } catch (e) {
        throw hostError("systemd Reload", e);
    }
}

export async function setUnitEnabled(name: string, enabled: boolean): Promise<void> {
    try {
        if (enabled)
            await systemdClient().call(MANAGER_PATH, MANAGER, "EnableUnitFiles", [[name], false, false]);
        else
            await systemdClient().call(MANAGER_PATH, MANAGER, "DisableUnitFiles", [[name], false]);
        await reloadSystemd();
    } catch (e) {
        throw hostError(`${enabled ? "enable" : "disable"} ${name}`, e);
    }
}

export interface UnitListing { name: string; description: string; activeState: string; subState: string }

export async function listUnits(patterns: string[]): Promise<UnitListing[]> {
    const [units] = await systemdClient().call(MANAGER_PATH, MANAGER, "ListUnitsByPatterns", [[], patterns]) as
        [[string, string, string, string, string, string, string, number, string, string][]];
    return units.map(([name, description, , activeState, subState]) => ({ name, description, activeState, subState }));
}

export async function resetUnit(name: string): Promise<void> {
    const client = systemdClient();
    await client.call(MANAGER_PATH, MANAGER, "StopUnit", [name, "replace"]).catch(() => undefined);
    await client.call(MANAGER_PATH, MANAGER, "ResetFailedUnit", [name]).catch(() => undefined);
}
