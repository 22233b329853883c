// Install an image as a system service (or, for an image without INSTALL, run it): the plan
// the Install dialog previews, started as an operation, and the record it wrote.
import type { EngineName } from "../core/engineVersion";
import { findLabel } from "../core/labels";
import type { Container, Image, LabelOptions, ServiceRecord } from "../core/model";
import { planInstall, planRun, type InstallPlan, type RunPlan } from "../core/planLifecycle";
import type { StepsPlan } from "../core/plan";
import { startOperation, type AppContext } from "./context";
import { listPlanInput, type ListInEffect } from "./hostDataList";
import type { OperationView } from "./runner";

export interface InstallChoices {
    image: Image;
    imageRef: string;
    engine: EngineName;
    containers: Container[];
    records: ServiceRecord[];
    name: string;
    options: LabelOptions;
    extraArgs: string[];
    list: ListInEffect | null;
    restoreOnFailure: boolean;
    now: Date;
}

/** Whether the image installs (INSTALL label) or only runs. */
export function installsWith(image: Image): "INSTALL" | "RUN" {
    return findLabel(image.labels, "INSTALL") !== undefined ? "INSTALL" : "RUN";
}

// what the lifecycle plans take of the dialog's choices
function lifecycleInput(c: InstallChoices) {
    return {
        image: c.image, imageRef: c.imageRef, name: c.name, engine: c.engine, options: c.options, extraArgs: c.extraArgs,
        containers: c.containers, record: c.records.find(r => r.name === c.name) ?? null,
    };
}

/** INSTALL with the list in effect backed up first (and mounted when overridden). */
export function planInstallOf(c: InstallChoices, more: { secretMount?: string | null } = {}): InstallPlan {
    return planInstall({ ...lifecycleInput(c), ...listPlanInput(c.list, c.now), restoreOnFailure: c.restoreOnFailure, now: c.now, ...more });
}

export function installPlan(c: InstallChoices): InstallPlan | RunPlan {
    return installsWith(c.image) === "RUN" ? planRun(lifecycleInput(c)) : planInstallOf(c);
}

export function startInstall(ctx: AppContext, image: Image, name: string, plan: StepsPlan): Promise<string> {
    return startOperation(ctx, name, installsWith(image) === "INSTALL" ? "install" : "run", plan);
}

/** The record a finished install wrote (with the unit its INSTALL left, if any); null before. */
export function installedRecord(view: OperationView | null): ServiceRecord | null {
    if (!view || view.status !== "succeeded")
        return null;
    const at = view.op.steps.findIndex(s => s.kind === "write-record");
    return at === -1 ? null : (view.state.results[at] as ServiceRecord | null) ?? null;
}
