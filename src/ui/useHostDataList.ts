// The host-data-list in effect for a service name: this host's override if there is one,
// else the image's own list; what INSTALL/UNINSTALL plans need to mount it and back it up.
import { useEffect, useState } from "preact/hooks";
import type { EngineName } from "../core/engineVersion";
import { parseHostDataList, usablePaths } from "../core/hostDataList";
import { validateName } from "../core/labels";
import type { Image } from "../core/model";
import { overridePath, readImageList, readOverride } from "../host/hostDataList";
import { useAccess } from "./access";

export interface ListInEffect {
    loading: boolean;
    error: Error | null;
    override: string | null;     // the override's path when it exists
    paths: string[] | null;      // null: the image has no list, nothing to back up
}

const NONE: ListInEffect = { loading: false, error: null, override: null, paths: null };

export function useListInEffect(image: Image | null, engine: EngineName, name: string): ListInEffect {
    const access = useAccess();
    const [state, setState] = useState<ListInEffect>({ ...NONE, loading: true });
    useEffect(() => {
        if (access !== "root" || validateName(name) !== null) {
            setState(NONE);
            return;
        }
        let alive = true;
        setState(s => ({ ...s, loading: true }));
        (async (): Promise<ListInEffect> => {
            const own = await readOverride(name);
            if (own.content !== null)
                return { ...NONE, override: overridePath(name), paths: usablePaths(parseHostDataList(own.content)) };
            const text = image ? await readImageList(engine, image.id) : null;
            return { ...NONE, paths: text === null ? null : usablePaths(parseHostDataList(text)) };
        })().then(s => { if (alive) setState(s); },
                  e => { if (alive) setState({ ...NONE, error: e instanceof Error ? e : new Error(String(e)) }); });
        return () => { alive = false; };
    }, [image?.id, engine, name, access]);
    return state;
}

/** What planInstall/planUninstall take from it; `at` names the backup. */
export function listPlanInput(list: ListInEffect, at: Date) {
    return { override: list.override, backup: list.paths ? { paths: list.paths, at } : null };
}
