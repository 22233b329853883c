// systemd's manager over D-Bus, as Cockpit's Services page reaches it.
import { cockpit, hostError, type DBusClient, type DBusVariant } from "../cockpit";

export const SYSTEMD = "org.freedesktop.systemd1";
export const MANAGER_PATH = "/org/freedesktop/systemd1";
export const MANAGER = "org.freedesktop.systemd1.Manager";

let client: DBusClient | null = null;

export function systemdClient(): DBusClient {
    if (!client) {
        client = cockpit.dbus(SYSTEMD, { bus: "system", superuser: "try" });
        client.addEventListener("close", () => { client = null; });
    }
    return client;
}

export type SystemdStatus = { available: true; version: string } | { available: false; reason: string };

/** The Manager's Version property, or why systemd cannot be reached. */
export async function systemdStatus(): Promise<SystemdStatus> {
    try {
        const [variant] = await systemdClient().call(MANAGER_PATH, "org.freedesktop.DBus.Properties", "Get",
                                                     [MANAGER, "Version"]) as [DBusVariant];
        return { available: true, version: String(variant.v) };
    } catch (e) {
        const error = hostError("systemd over D-Bus", e);
        // "Could not connect" is the bridge finding no system bus at all
        const reason = /could not connect/i.test(error.details)
            ? `no system D-Bus on this host, so systemd is not running as its service manager (${error.details})`
            : error.message;
        return { available: false, reason };
    }
}
