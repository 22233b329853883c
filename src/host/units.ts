// systemd units over D-Bus: state, live changes, jobs, enablement. No polling.
import { hostError, type DBusClient, type DBusVariant } from "../cockpit";
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
    sourcePath: string;         // a generated unit's source, e.g. a Quadlet .container file
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
        sourcePath: unwrap(props, "SourcePath"),
        loadError: loadError(props),
    };
}

/** What the watchers need of a D-Bus client: method calls and signal subscriptions. */
export type SystemdBus = Pick<DBusClient, "call" | "subscribe">;

const subscribed = new WeakMap<SystemdBus, Promise<unknown>>();

/** Manager.Subscribe once per client, so that systemd sends signals at all. */
function subscribe(bus: SystemdBus): Promise<unknown> {
    let done = subscribed.get(bus);
    if (!done) {
        done = bus.call(MANAGER_PATH, MANAGER, "Subscribe", [])
                .catch(e => { if (!/AlreadySubscribed/.test(String(e?.name ?? e?.message))) subscribed.delete(bus); });
        subscribed.set(bus, done);
    }
    return done;
}

async function loadUnit(bus: SystemdBus, name: string): Promise<string> {
    const [path] = await bus.call(MANAGER_PATH, MANAGER, "LoadUnit", [name]) as [string];
    return path;
}

async function readState(bus: SystemdBus, name: string, path: string): Promise<UnitState> {
    const [props] = await bus.call(path, PROPERTIES, "GetAll", [UNIT]) as [Record<string, DBusVariant>];
    return toState(name, path, props);
}

export async function unitState(name: string, bus: SystemdBus = systemdClient()): Promise<UnitState> {
    try {
        return await readState(bus, name, await loadUnit(bus, name));
    } catch (e) {
        throw hostError(name, e);
    }
}

/**
 * Calls onChange with the unit's state now and after every change. The subscription comes
 * first and the state is read after it: a change in between (a command that ends at once,
 * leaving a RemainAfterExit unit "active (exited)" for good) is then both read and signalled,
 * never lost.
 */
export function watchUnit(name: string, onChange: (state: UnitState) => void, onError: (e: Error) => void,
    bus: SystemdBus = systemdClient()): () => void {
    let stop = false;
    let sub: { remove(): void } | null = null;
    let path: string | null = null;
    let props: Record<string, DBusVariant> | null = null;
    const refresh = () => {
        if (path !== null) {
            const at = path;
            bus.call(at, PROPERTIES, "GetAll", [UNIT]).then(([all]) => {
                props = all as Record<string, DBusVariant>;
                if (!stop)
                    onChange(toState(name, at, props));
            }, e => !stop && onError(hostError(name, e)));
        }
    };
    // the signal carries the new values: reading them again would make systemd load a unit that
    // is gone meanwhile (a reset transient unit), and log that its file is missing
    const changed = (args: unknown[]) => {
        const [iface, values] = args as [string, Record<string, DBusVariant> | undefined];
        if (iface !== UNIT)
            return;
        if (props !== null && path !== null && values?.ActiveState && values?.SubState) {
            props = { ...props, ...values };
            if (!stop)
                onChange(toState(name, path, props));
        } else {
            refresh();
        }
    };
    // unit files appear and vanish on Reload: the unit's load state may change with it
    const reloadSub = bus.subscribe({ path: MANAGER_PATH, interface: MANAGER, member: "Reloading" },
                                    (_p, _i, _s, args) => { if (args[0] === false) refresh(); });
    subscribe(bus).then(() => loadUnit(bus, name)).then(found => {
        if (stop)
            return;
        path = found;
        sub = bus.subscribe({ path: found, interface: PROPERTIES, member: "PropertiesChanged" }, (_p, _i, _s, args) => changed(args));
        refresh();
    }, e => !stop && onError(hostError(name, e)));
    return () => {
        stop = true;
        sub?.remove();
        reloadSub.remove();
    };
}

/** Calls onNew with the name of each unit systemd loads from now on whose name starts with `prefix`. */
export function watchNewUnits(prefix: string, onNew: (name: string) => void, bus: SystemdBus = systemdClient()): () => void {
    const sub = bus.subscribe({ path: MANAGER_PATH, interface: MANAGER, member: "UnitNew" }, (_p, _i, _s, args) => {
        const name = args[0];
        if (typeof name === "string" && name.startsWith(prefix))
            onNew(name);
    });
    subscribe(bus).catch(() => undefined);
    return () => sub.remove();
}

/** Start/Stop/Restart and wait for the job's JobRemoved: resolves on "done", else rejects with systemd's result. */
export async function runUnitJob(method: "StartUnit" | "StopUnit" | "RestartUnit", name: string): Promise<void> {
    const client = systemdClient();
    await subscribe(client);
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

/** Lets systemd forget an operation's ended unit: stopped if it is active (exited), reset if it failed. */
export async function resetUnit(name: string, failed = false): Promise<void> {
    const client = systemdClient();
    await client.call(MANAGER_PATH, MANAGER, failed ? "ResetFailedUnit" : "StopUnit", failed ? [name] : [name, "replace"])
            .catch(() => undefined);
}
