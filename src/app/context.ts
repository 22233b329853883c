// What the views get from app/: the host's reads (and the changes that are not plans: unit
// jobs, pulls) and the one runner that every plan goes through.
import type { Host, ReadHost } from "../host/api";
import type { OperationKind } from "../core/operation";
import { N_ } from "../core/i18n";
import type { StepsPlan } from "../core/plan";
import { Runner } from "./runner";

export type {
    Access, BackupInfo, BrokenOperation, CommandOutput, EngineStatus, Host, HostIdentity, ImageListing, ReadHost, RecordsListing, RestorePreview, SystemdStatus, UnitState,
} from "../host/api";
export type { OperationView } from "./runner";

export interface AppContext {
    host: ReadHost;
    runner: Runner;
}

export function createContext(host: Host, useSystemd: boolean): AppContext {
    return { host, runner: new Runner(host, useSystemd) };
}

/** What an operation of each kind is called while it runs; $0 is the service. */
export const OPERATION_TITLES: Record<OperationKind, string> = {
    install: N_("Installing $0"),
    run: N_("Running $0"),
    stop: N_("Stopping $0"),
    uninstall: N_("Uninstalling $0"),
    update: N_("Updating $0"),
    rollback: N_("Rolling back $0"),
    "unit-write": N_("Writing the unit of $0"),
    "list-save": N_("Saving the host-data-list of $0"),
    restore: N_("Restoring the backup of $0"),
    adopt: N_("Adopting $0"),
    "sssd-switch": N_("Switching SSSD ($0)"),
};

/** Hands a plan to the runner as an operation of `kind` on `service`; resolves with its ID. */
export function startOperation(ctx: AppContext, service: string, kind: OperationKind, plan: StepsPlan): Promise<string> {
    return ctx.runner.start(service, kind, OPERATION_TITLES[kind], plan);
}
