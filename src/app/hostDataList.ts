// The host-data-list of a service: which list is in effect (read from the host), what INSTALL
// and UNINSTALL plans take from it, and saving this host's override through the runner.
import type { EngineName } from "../core/engineVersion";
import { listInEffect, overrideToSave, type HostDataEntry, type ListInEffect } from "../core/hostDataList";
import { validateName } from "../core/labels";
import type { Image } from "../core/model";
import { planOverrideSave } from "../core/planMaintenance";
import { overridePath } from "../core/record";
import { startOperation, type AppContext } from "./context";

export type { ListInEffect } from "../core/hostDataList";

/** The list in effect for NAME: null for a name that is not valid (nothing can be planned for it). */
export async function readListInEffect(ctx: Pick<AppContext, "host">, image: Image | null, engine: EngineName,
    name: string): Promise<ListInEffect | null> {
    if (validateName(name) !== null)
        return null;
    const own = await ctx.host.readOverride(name);
    if (own.content !== null)
        return listInEffect({ path: overridePath(name), text: own.content }, null);
    return listInEffect({ path: overridePath(name), text: null }, image ? await ctx.host.readImageList(engine, image.id) : null);
}

/** What planInstall/planUninstall take from the list in effect; `at` names the backup. */
export function listPlanInput(list: ListInEffect | null, at: Date) {
    return { override: list?.override ?? null, backup: list?.paths ? { paths: list.paths, at } : null };
}

/**
 * Saves the edited list as this host's override, if the file is still as read (`tag`); when the
 * entries equal the image's own list the override is removed instead. Resolves with the operation's ID.
 */
export function saveList(ctx: AppContext, name: string, entries: HostDataEntry[], imageDefaults: string[] | null,
    tag: string): Promise<string> {
    return startOperation(ctx, name, "list-save", planOverrideSave(name, overrideToSave(entries, imageDefaults), tag));
}
