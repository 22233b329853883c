import QUnit from "qunit";
import { watchUnit, type SystemdBus, type UnitState } from "../../src/host/units";
import type { CockpitPromise, DBusVariant } from "../../src/cockpit";

const MANAGER_PATH = "/org/freedesktop/systemd1";
const MANAGER = "org.freedesktop.systemd1.Manager";
const PROPERTIES = "org.freedesktop.DBus.Properties";
const UNIT_IFACE = "org.freedesktop.systemd1.Unit";
const NAME = "system-services-op-demo-service-install-20261129030405006.service";
// systemd's object path of NAME: every byte that is not [A-Za-z0-9] as _XX
const PATH = "/org/freedesktop/systemd1/unit/system_2dservices_2dop_2ddemo_2dservice_2dinstall_2d20261129030405006_2eservice";

type Match = { path?: string; interface?: string; member?: string };
type Callback = (path: string, iface: string, signal: string, args: unknown[]) => void;

// What GetAll of org.freedesktop.systemd1.Unit answers for a transient unit (the part the page reads).
function properties(loadState: string, activeState: string, subState: string): Record<string, DBusVariant> {
    return {
        Id: { t: "s", v: NAME },
        Description: { t: "s", v: "Installing demo-service" },
        LoadState: { t: "s", v: loadState },
        ActiveState: { t: "s", v: activeState },
        SubState: { t: "s", v: subState },
        FragmentPath: { t: "s", v: "" },
        UnitFileState: { t: "s", v: "transient" },
        LoadError: { t: "(ss)", v: ["", ""] },
    };
}

/**
 * systemd on a fake bus: the unit's state, the signals it sends to the subscriptions present
 * when it sends them, and a log of what the client did in which order.
 */
class FakeSystemd implements SystemdBus {
    props = properties("loaded", "active", "running");
    readonly log: string[] = [];
    private readonly subs = new Set<{ match: Match; callback: Callback }>();
    /** Called as the first GetAll is answered, right after its reply (with the state before) is delivered. */
    onFirstGetAll: (() => void) | null = null;
    getAlls = 0;
    loadUnitError: unknown = null;

    call(path: string, iface: string, method: string, args: unknown[] | null): CockpitPromise<unknown[]> {
        this.log.push(method);
        let reply: Promise<unknown[]>;
        if (path === MANAGER_PATH && iface === MANAGER && method === "Subscribe") {
            reply = Promise.resolve([]);
        } else if (path === MANAGER_PATH && iface === MANAGER && method === "LoadUnit" && args?.[0] === NAME) {
            reply = this.loadUnitError === null ? Promise.resolve([PATH]) : Promise.reject(this.loadUnitError);
        } else if (path === PATH && iface === PROPERTIES && method === "GetAll" && args?.[0] === UNIT_IFACE) {
            reply = Promise.resolve([{ ...this.props }]);
            const first = this.getAlls++ === 0 ? this.onFirstGetAll : null;
            // as the reply is delivered: a signal sent after it arrives after it
            if (first)
                reply.then(first);
        } else {
            reply = Promise.reject({ problem: "not-found", message: `No such method ${iface}.${method} on ${path}` });
        }
        return reply as CockpitPromise<unknown[]>;
    }

    subscribe(match: Match, callback: Callback): { remove(): void } {
        this.log.push("subscribe " + match.member);
        const sub = { match, callback };
        this.subs.add(sub);
        return { remove: () => { this.subs.delete(sub); } };
    }

    subscriptions(): number {
        return this.subs.size;
    }

    emit(path: string, iface: string, member: string, args: unknown[]): void {
        for (const { match, callback } of [...this.subs]) {
            if ((match.path ?? path) === path && (match.interface ?? iface) === iface && (match.member ?? member) === member)
                callback(path, iface, member, args);
        }
    }

    /** The unit changes and systemd says so, as PropertiesChanged on the unit's object. */
    change(activeState: string, subState: string, loadState = "loaded"): void {
        this.props = properties(loadState, activeState, subState);
        this.emit(PATH, PROPERTIES, "PropertiesChanged", [UNIT_IFACE, { ActiveState: { t: "s", v: activeState } }, []]);
    }
}

const settle = () => new Promise<void>(resolve => setTimeout(resolve, 0));

function watch(bus: FakeSystemd): { states: UnitState[]; errors: Error[]; stop: () => void } {
    const states: UnitState[] = [];
    const errors: Error[] = [];
    const stop = watchUnit(NAME, s => states.push(s), e => errors.push(e), bus);
    return { states, errors, stop };
}

const shown = (s: UnitState | undefined) => s ? `${s.loadState} ${s.activeState} (${s.subState})` : "nothing";

QUnit.module("watchUnit", () => {
    QUnit.test("a command that ends between the first read and the subscription is still reported ended", async assert => {
        const bus = new FakeSystemd();
        // the unit's command exits just as its state is read: the reply says running, the signal says exited
        bus.onFirstGetAll = () => bus.change("active", "exited");
        const { states, stop } = watch(bus);
        await settle();
        assert.strictEqual(shown(states.at(-1)), "loaded active (exited)");
        stop();
    });
    QUnit.test("subscribes to the unit's changes before reading its state, and reports that state", async assert => {
        const bus = new FakeSystemd();
        const { states, errors, stop } = watch(bus);
        await settle();
        assert.deepEqual(bus.log, ["subscribe Reloading", "Subscribe", "LoadUnit", "subscribe PropertiesChanged", "GetAll"]);
        assert.deepEqual(states, [{
            name: NAME, path: PATH, loadState: "loaded", activeState: "active", subState: "running", unitFileState: "transient",
            description: "Installing demo-service", fragmentPath: "", sourcePath: "", loadError: "",
        }]);
        assert.deepEqual(errors, []);
        stop();
    });
    QUnit.test("reports each change systemd signals", async assert => {
        const bus = new FakeSystemd();
        const { states, stop } = watch(bus);
        await settle();
        bus.change("failed", "failed");
        await settle();
        assert.deepEqual(states.map(shown), ["loaded active (running)", "loaded failed (failed)"]);
        stop();
    });
    QUnit.test("reads the state again when systemd has reloaded, not when it starts to", async assert => {
        const bus = new FakeSystemd();
        const { states, stop } = watch(bus);
        await settle();
        // the unit is gone after the reload; systemd sends no PropertiesChanged for it
        bus.props = properties("not-found", "inactive", "dead");
        bus.emit(MANAGER_PATH, MANAGER, "Reloading", [true]);
        await settle();
        assert.strictEqual(states.length, 1, "Reloading(true): nothing read yet");
        bus.emit(MANAGER_PATH, MANAGER, "Reloading", [false]);
        await settle();
        assert.deepEqual(states.map(shown), ["loaded active (running)", "not-found inactive (dead)"]);
        stop();
    });
    QUnit.test("stop() ends the callbacks and the subscriptions", async assert => {
        const bus = new FakeSystemd();
        const { states, stop } = watch(bus);
        await settle();
        stop();
        bus.change("active", "exited");
        bus.emit(MANAGER_PATH, MANAGER, "Reloading", [false]);
        await settle();
        assert.strictEqual(states.length, 1);
        assert.strictEqual(bus.subscriptions(), 0);
    });
    QUnit.test("stop() before the unit is found reports nothing and leaves no subscription", async assert => {
        const bus = new FakeSystemd();
        const { states, stop } = watch(bus);
        stop();
        await settle();
        assert.deepEqual([states.length, bus.subscriptions()], [0, 0]);
    });
    QUnit.test("a unit that cannot be loaded is reported as an error naming it", async assert => {
        const bus = new FakeSystemd();
        bus.loadUnitError = { problem: "access-denied", message: "Interactive authentication required." };
        const { states, errors, stop } = watch(bus);
        await settle();
        assert.deepEqual([states.length, errors.map(e => e.message)], [0, [`${NAME}: Interactive authentication required.`]]);
        stop();
    });
});
