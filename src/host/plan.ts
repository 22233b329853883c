// Carries out a plan from core/lifecycle step by step, stopping at the first failure.
// The label's command (the long part) runs as an operation that survives the page; the
// steps after it are saved with the operation so whichever tab sees it end finishes them.
import { run } from "../cockpit";
import type { Step } from "../core/lifecycle";
export { splitPlan } from "../core/planSplit";
import { restoreBackup, takeBackup } from "./backups";
import { removeRecord, writeRecord } from "./records";
import { reloadSystemd, runUnitJob, setUnitEnabled, unitState } from "./units";

export async function executeStep(step: Step, useSystemd: boolean): Promise<void> {
    switch (step.kind) {
    case "exec":
        await run(step.argv, { superuser: "require" });
        return;
    case "unit-disable":
        if (!useSystemd)
            return;
        if ((await unitState(step.unit)).loadState === "not-found")
            return;
        await runUnitJob("StopUnit", step.unit);
        await setUnitEnabled(step.unit, false);
        return;
    case "write-record": {
        let record = step.record;
        // the unit INSTALL wrote, if any, is known only now
        if (useSystemd && record.unit === null) {
            await reloadSystemd();
            const state = await unitState(`${record.name}.service`);
            if (state.loadState === "loaded")
                record = { ...record, unit: state.name };
        }
        await writeRecord(record);
        return;
    }
    case "remove-record":
        await removeRecord(step.name);
        return;
    case "remove-unit-file":
        await run(["rm", "-f", step.path], { superuser: "require" });
        return;
    case "daemon-reload":
        if (useSystemd)
            await reloadSystemd();
        return;
    case "backup":
        await takeBackup(step.name, step.paths, step.stamp, step.keep);
        return;
    case "restore":
        await restoreBackup(step.name, step.stamp);
    }
}

export async function executeSteps(steps: Step[], useSystemd: boolean): Promise<void> {
    for (const step of steps)
        await executeStep(step, useSystemd);
}
