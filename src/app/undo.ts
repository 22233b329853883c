// What a failed operation runs after the failure: every step, whatever fails.
import type { RunnerHost } from "../host/api";
import type { Step } from "../core/plan";
import { errorText } from "./errors";

/** Runs every step in order, each whatever the one before did; the first failure in words ("TITLE: ERROR"), or null. */
export async function runAll(host: RunnerHost, steps: Step[], systemd: boolean): Promise<string | null> {
    let error: string | null = null;
    for (const step of steps)
        await host.executeStep(step, systemd).catch((e: unknown) => { error ??= `${step.title}: ${errorText(e)}`; });
    return error;
}
