// Where the page is (cockpit.location) and the way to Cockpit's own pages for a unit.
import { cockpit } from "../cockpit";

export interface PageLocation { path: string[]; options: Record<string, string | string[]> }

export function pageLocation(): PageLocation {
    return { path: cockpit.location.path, options: cockpit.location.options };
}

export function onLocationChanged(listener: () => void): () => void {
    cockpit.addEventListener("locationchanged", listener);
    return () => cockpit.removeEventListener("locationchanged", listener);
}

export const go = (path: string[]): void => cockpit.location.go(path);

/** Cockpit's Services page for the unit. */
export function openUnitInServices(unit: string): void {
    cockpit.jump(`/system/services#/${unit}`);
}

/**
 * Cockpit's Logs page, filtered to the unit at every priority. The Logs page reads `service`
 * (matches _SYSTEMD_UNIT, COREDUMP_UNIT and UNIT) and `prio`; it ignores `unit`, and its
 * default priority is "err". test/e2e/logs-link.spec.mjs follows the link.
 */
export function openUnitLogs(unit: string): void {
    cockpit.jump(`/system/logs#/?prio=debug&service=${encodeURIComponent(unit)}`);
}
