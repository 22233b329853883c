// "Download playbook": what an Install, Update or Uninstall dialog plans, as an Ansible playbook for many
// hosts (core/playbook.ts). The plan is made again for hosts the page has not seen: no
// container is assumed to exist (the playbook removes NAME wherever it is).
import type { ListInEffect } from "../core/hostDataList";
import { planUninstall } from "../core/planLifecycle";
import type { StepsPlan } from "../core/plan";
import { playbookFileName, renderPlaybook, type ImageSource, type PlaybookInput } from "../core/playbook";
import { CoreError } from "../core/text";
import { N_ } from "../core/i18n";
import { listPlanInput } from "./hostDataList";
import type { ServiceFacts } from "./service";

export type { ImageSource } from "../core/playbook";

export interface PlaybookFile { fileName: string; text: string }

// build.js puts package.json's version here
declare const process: { env: { PACKAGE_VERSION?: string } };
const VERSION = process.env.PACKAGE_VERSION ?? "dev";

function overrideText(list: ListInEffect | null): string | null {
    return list?.override && list.paths ? list.paths.map(p => p + "\n").join("") : null;
}

function file(input: Omit<PlaybookInput, "generator" | "exportedAt">): PlaybookFile {
    return {
        fileName: playbookFileName(input.operation, input.name),
        text: renderPlaybook({ ...input, generator: `cockpit-system-services ${VERSION}`, exportedAt: new Date() }),
    };
}

/** The Install dialog's plan (INSTALL with its backup, and the password's file for a join). */
export function installPlaybook(plan: StepsPlan, facts: { name: string; imageRef: string; engine: PlaybookInput["engine"] },
    list: ListInEffect | null, source: ImageSource, host: string): PlaybookFile {
    return file({ operation: "install", plan, ...facts, source, exportedFrom: host, overrideText: overrideText(list) });
}

/** Update as the dialog plans it: the image the reference names on each host, pulled or loaded. */
export function updatePlaybook(plan: StepsPlan, record: ServiceFacts["record"], engine: PlaybookInput["engine"], source: ImageSource,
    host: string): PlaybookFile {
    return file({ operation: "update", plan, name: record.name, imageRef: record.image, engine, source, exportedFrom: host });
}

/** Uninstall as the dialog plans it, for hosts where the service may or may not have a container. */
export function uninstallPlaybook(facts: ServiceFacts, list: ListInEffect | null, host: string): PlaybookFile {
    const plan = planUninstall({
        name: facts.record.name, engine: facts.engine, image: facts.image, imageRef: facts.record.image, record: facts.record,
        containers: [], options: facts.record.options, extraArgs: [], ...listPlanInput(list, new Date()),
    });
    if (plan.kind !== "steps")
        throw new CoreError(plan.kind === "refused" ? plan.reason : N_("There is nothing to uninstall."));
    return file({
        operation: "uninstall", plan, name: facts.record.name, imageRef: facts.record.image, engine: facts.engine,
        source: { kind: "pull" }, exportedFrom: host, overrideText: overrideText(list),
    });
}
