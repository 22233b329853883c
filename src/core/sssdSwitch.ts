// Switch the host's SSSD between the native daemon (Debian's sssd.service and its socket units)
// and a containerized one (an SSSD image installed with --migrate, which adopts the host's
// sssd.conf as it is), each way a plan whose every step carries its undo: a switch that fails
// at any step puts back what it changed, in reverse, and checks that the old SSSD answers again.
// Native and containerized SSSD share /var/lib/sss and must never run together.
import { N_ } from "./i18n";
import type { ServiceRecord } from "./model";
import { backupOf, planInstall, planUninstall, type LifecycleInput } from "./planLifecycle";
import { backupStamp, DEFAULT_KEEP } from "./backupManifest";
import { isRefusal, refuse, stepsPlan, type Refusal, type Step, type StepsPlan } from "./plan";

export const NATIVE_SERVICE = "sssd.service";
/** Debian's socket-activated responders: stopped and disabled with the daemon, or they start it again. */
export const NATIVE_SOCKETS = ["sssd-nss.socket", "sssd-pam.socket", "sssd-pam-priv.socket", "sssd-autofs.socket",
    "sssd-ssh.socket", "sssd-sudo.socket", "sssd-pac.socket"];
export const NATIVE_UNITS = [NATIVE_SERVICE, ...NATIVE_SOCKETS];
/** How long a switch waits for the user to resolve through SSSD. */
export const LOOKUP_SECONDS = 30;

export interface UnitNow { unit: string; loadState: string; activeState: string; unitFileState: string }

const ENABLED = new Set(["enabled", "enabled-runtime", "alias", "linked", "linked-runtime"]);
const isActive = (u: UnitNow) => ["active", "activating", "reloading"].includes(u.activeState);
const isEnabled = (u: UnitNow) => ENABLED.has(u.unitFileState);

/** Which SSSD answers now: the native daemon, a containerized service's unit, or none. */
export function serving(native: UnitNow[], container: UnitNow[]): "native" | "container" | "none" {
    if (native.some(u => u.unit === NATIVE_SERVICE && isActive(u)))
        return "native";
    return container.some(isActive) ? "container" : "none";
}

/** A user name to look up: letters, digits and ._@- (no leading "-", which getent would take for an option). */
export function lookupUserProblem(user: string): string | null {
    if (user === "")
        return N_("Name a user whose lookup proves that SSSD answers, e.g. one from the directory.");
    return /^[A-Za-z0-9_.@][A-Za-z0-9_.@-]*$/.test(user) && user.length <= 256 ? null
        : N_("A user name has letters, digits and . _ @ - only, and does not start with \"-\".");
}

function verify(user: string, again: boolean): Step {
    return { kind: "verify-lookup", title: again ? N_("Check that the user resolves through SSSD again") : N_("Check that the user resolves through SSSD"),
        user, seconds: LOOKUP_SECONDS };
}

// Stop and disable a unit; undone by putting it back as it was (enabled, started)
function stopUnit(u: UnitNow, title: string): Step {
    return {
        kind: "unit-disable", title, unit: u.unit,
        undo: [{ kind: "unit-enable", title: N_("Put the unit back as it was"), unit: u.unit, enable: isEnabled(u), start: isActive(u) }],
    };
}

// Enable and start a unit; undone, or cleaned up when its start fails (it was enabled, and
// Restart= would start it again, stopping the other SSSD it conflicts with), by stopping and disabling it
function startUnit(unit: string, title: string): Step {
    const off: Step[] = [{ kind: "unit-disable", title: N_("Stop and disable the unit"), unit }];
    return { kind: "unit-enable", title, unit, enable: true, start: true, undo: off, cleanup: off };
}

export interface ToContainerInput extends LifecycleInput {
    native: UnitNow[];
    user: string;
    /** /etc/sssd/sssd.conf exists: --migrate adopts it. */
    nativeConfig: boolean;
    now: Date;
}

/**
 * To containerized: back up the listed paths, stop and disable the native units that run or are
 * enabled, INSTALL --migrate, record it, enable and start NAME.service, check that USER resolves.
 */
export function planToContainer(input: ToContainerInput): StepsPlan | Refusal {
    const userProblem = lookupUserProblem(input.user);
    if (userProblem !== null)
        return refuse("invalid-name", userProblem);
    if (!input.nativeConfig)
        return refuse("no-native", N_("The host has no /etc/sssd/sssd.conf to take over: configure native SSSD first, or join a domain with the containerized one."));
    const install = planInstall({ ...input, extraArgs: ["--migrate"], backup: null, unit: `${input.name}.service` });
    if (install.kind !== "steps")
        return install.kind === "pull-only" ? refuse("no-install", install.reason) : install;
    const uninstall = planUninstall({ ...input, extraArgs: [], record: null, unit: null, backup: null, containers: [] });
    const undoInstall = isRefusal(uninstall) ? [] : uninstall.steps.filter(s => s.kind === "exec");
    const steps: Step[] = [];
    if (input.backup) {
        const b = backupOf(input.name, input.backup.paths, backupStamp(input.backup.at), input.backup.keep ?? DEFAULT_KEEP, true);
        steps.push({ ...b, undo: [...b.undo ?? [], verify(input.user, true)] });
    }
    // the sockets first: a lookup through one would start the daemon again
    const running = input.native.filter(u => u.loadState === "loaded" && (isActive(u) || isEnabled(u)));
    steps.push(...[...running.filter(u => u.unit !== NATIVE_SERVICE), ...running.filter(u => u.unit === NATIVE_SERVICE)]
            .map(u => stopUnit(u, N_("Stop and disable the native unit"))));
    for (const step of install.steps) {
        if (step.kind === "exec")
            steps.push({ ...step, undo: undoInstall });
        else if (step.kind === "write-record")
            steps.push({ ...step, undo: [{ kind: "remove-record", title: N_("Remove the install record"), name: input.name }] });
        else
            steps.push(step);
    }
    steps.push(startUnit(`${input.name}.service`, N_("Start and enable the unit")), verify(input.user, false));
    return stepsPlan(steps, "INSTALL", install.unknownVariables);
}

/**
 * To native: back up the listed paths, stop and disable the containerized service's unit (its
 * configuration stays: native SSSD reads the same /etc/sssd), enable and start sssd.service,
 * check that USER resolves. Refused without Debian's sssd package.
 */
export function planToNative(input: { record: ServiceRecord; native: UnitNow[]; container: UnitNow | null; user: string;
    backup: { paths: string[]; at: Date; keep?: number } | null }): StepsPlan | Refusal {
    const userProblem = lookupUserProblem(input.user);
    if (userProblem !== null)
        return refuse("invalid-name", userProblem);
    const daemon = input.native.find(u => u.unit === NATIVE_SERVICE);
    if (!daemon || daemon.loadState === "not-found")
        return refuse("no-native", N_("Native SSSD is not installed: install the package sssd (apt install sssd), then switch."));
    if (daemon.loadState === "masked")
        return refuse("no-native", N_("sssd.service is masked: unmask it (systemctl unmask sssd.service) to switch to native SSSD."));
    if (input.record.unit === null || input.container === null)
        return refuse("no-container", N_("This service has no unit to stop."));
    const steps: Step[] = [];
    if (input.backup) {
        const { paths, at, keep } = input.backup;
        const b = backupOf(input.record.name, paths, backupStamp(at), keep ?? DEFAULT_KEEP, true);
        steps.push({ ...b, undo: [...b.undo ?? [], verify(input.user, true)] });
    }
    steps.push(stopUnit(input.container, N_("Stop and disable the unit")), startUnit(NATIVE_SERVICE, N_("Start and enable the unit")));
    // Debian's socket units enabled again, as the package leaves them, not started: with the
    // responders in sssd.conf's services line they refuse to run, and the daemon starts those
    steps.push(...input.native.filter(u => NATIVE_SOCKETS.includes(u.unit) && u.loadState === "loaded" && !isEnabled(u)).map(u => ({
        kind: "unit-enable" as const, title: N_("Enable the native socket unit"), unit: u.unit, enable: true, start: false,
        undo: [{ kind: "unit-disable" as const, title: N_("Stop and disable the unit"), unit: u.unit }],
    })));
    steps.push(verify(input.user, false));
    return stepsPlan(steps);
}
