// Starts a plan: the steps before its main command now, the command as an operation,
// the rest saved with it (host/plan.ts, host/operations.ts). onFailure runs when the
// command fails, e.g. to restore the host files it may have half written.
import type { Step, StepsPlan } from "../core/lifecycle";
import type { OperationSpec } from "../host/operations";
import { executeSteps, splitPlan } from "../host/plan";
import type { Operations } from "./operations";

export async function startPlan(ops: Operations, plan: StepsPlan, spec: Omit<OperationSpec, "argv" | "after">,
    useSystemd: boolean, onFailure: Step[] = []): Promise<string | null> {
    const { before, main, after } = splitPlan(plan.steps);
    await executeSteps(before, useSystemd);
    if (!main) {
        await executeSteps(after, useSystemd);
        return null;
    }
    return ops.start({ ...spec, argv: main.argv, after, onFailure });
}
