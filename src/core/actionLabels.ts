// An image's action labels, each expanded for a given name: what the page shows and checks.
import { ACTION_LABELS, type ActionLabel, type Image } from "./model";
import {
    expandLabel, findLabel, LabelSyntaxError, privilegeWarnings, runMounts,
    type ExpandContext, type Mount, type PrivilegeWarning,
} from "./labels";

export interface ActionLabelView {
    key: ActionLabel;
    raw: string;
    argv: string[] | null;             // null when the label does not parse
    error: string | null;
    unknownVariables: string[];
    warnings: PrivilegeWarning[];
    mounts: Mount[];
}

export function actionLabel(image: Image, key: ActionLabel, o: ExpandContext): ActionLabelView | null {
    const raw = findLabel(image.labels, key);
    if (raw === undefined)
        return null;
    try {
        const { argv, unknownVariables } = expandLabel(raw, { ...o, extraArgs: key === "RUN" || key === "INSTALL" ? o.extraArgs : [] });
        return { key, raw, argv, error: null, unknownVariables, warnings: privilegeWarnings(argv), mounts: runMounts(argv) };
    } catch (e) {
        if (!(e instanceof LabelSyntaxError))
            throw e;
        return { key, raw, argv: null, error: e.message, unknownVariables: [], warnings: [], mounts: [] };
    }
}

export function actionLabels(image: Image, o: ExpandContext): ActionLabelView[] {
    return ACTION_LABELS.map(key => actionLabel(image, key, o)).filter((v): v is ActionLabelView => v !== null);
}

/** An image any of whose action labels does not parse offers no action at all. */
export function brokenLabels(views: ActionLabelView[]): ActionLabelView[] {
    return views.filter(v => v.error !== null);
}
