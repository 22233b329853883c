// Run, Stop and Uninstall of an installed service: atomic's semantics, planned in core from
// what the record kept, started as operations.
import type { EngineName } from "../core/engineVersion";
import type { Container, Image, ServiceRecord } from "../core/model";
import { planRun, planStop, planUninstall, type RunPlan, type StopPlan, type UninstallPlan } from "../core/planLifecycle";
import type { StepsPlan } from "../core/plan";
import { startOperation, type AppContext } from "./context";
import { listPlanInput, type ListInEffect } from "./hostDataList";

export interface ServiceFacts { record: ServiceRecord; image: Image | null; containers: Container[]; engine: EngineName }

function base({ record, image, containers, engine }: ServiceFacts) {
    return {
        name: record.name, engine, containers, record, image, imageRef: record.image,
        // the extra arguments given to INSTALL are INSTALL's only
        options: record.options, extraArgs: [],
    };
}

export function runPlan(f: ServiceFacts & { image: Image }, replace: boolean): RunPlan {
    return planRun({ ...base(f), image: f.image, replace });
}

export function stopPlan(f: ServiceFacts): StopPlan {
    return planStop({ ...base(f), extraArgs: [] });
}

export function uninstallPlan(f: ServiceFacts, list: ListInEffect | null, choices: { force: boolean; deleteImage: boolean; now: Date }): UninstallPlan {
    return planUninstall({ ...base(f), ...listPlanInput(list, choices.now), extraArgs: [], force: choices.force, deleteImage: choices.deleteImage });
}

export function startServiceAction(ctx: AppContext, name: string, kind: "run" | "stop" | "uninstall", plan: StepsPlan): Promise<string> {
    return startOperation(ctx, name, kind, plan);
}
