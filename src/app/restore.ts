// Restore a backup of a service's listed host files: what it would change, then exactly that,
// as an operation that first backs up the files as they are now.
import { planRestore } from "../core/planMaintenance";
import type { RestorePreview } from "../host/api";
import { startOperation, type AppContext } from "./context";

export function previewRestore(ctx: AppContext, name: string, stamp: string): Promise<RestorePreview> {
    return ctx.host.previewRestore(name, stamp);
}

export function startRestore(ctx: AppContext, name: string, stamp: string, preview: RestorePreview, now: Date): Promise<string> {
    return startOperation(ctx, name, "restore", planRestore(name, stamp, preview.manifest.listed, now));
}
