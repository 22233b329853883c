// Update a service to the image its reference names now, or roll it back to the previous one:
// planned in core, run as operations, their image switch read back from the finished operation.
import type { EngineName } from "../core/engineVersion";
import type { Image, ServiceRecord } from "../core/model";
import { planRollback, planUpdate } from "../core/planMaintenance";
import type { Refusal, StepsPlan } from "../core/plan";
import type { ImageSwitch } from "../host/api";
import { startOperation, type AppContext } from "./context";
import type { OperationView } from "./runner";

export type { ImageSwitch } from "../host/api";

export function imageChangePlan(mode: "update" | "rollback", record: ServiceRecord, image: Image | null, engine: EngineName): StepsPlan | Refusal {
    return mode === "update" ? planUpdate(record, image, engine) : planRollback(record, image, engine);
}

export function startImageChange(ctx: AppContext, mode: "update" | "rollback", record: ServiceRecord, plan: StepsPlan): Promise<string> {
    return startOperation(ctx, record.name, mode, plan);
}

/** How the finished operation moved the image: "unchanged", the switch, or null before it ended. */
export function imageSwitchOf(view: OperationView | null): ImageSwitch | "unchanged" | null {
    if (!view || view.status !== "succeeded")
        return null;
    const at = view.op.steps.findIndex(s => s.kind === "switch-image");
    const result = view.state.results[at] as ImageSwitch | null | undefined;
    return result ?? "unchanged";
}
