// A container unit this page did not install ("not installed here"): adopt it (write the record
// an install would have written) or clean it up (what Uninstall does, without a record).
import type { EngineName } from "../core/engineVersion";
import type { Container, Image, ServiceRecord } from "../core/model";
import { planAdopt } from "../core/planMaintenance";
import { planUninstall, type UninstallPlan } from "../core/planLifecycle";
import type { Refusal, StepsPlan } from "../core/plan";
import type { ContainerUnit } from "../core/unitFile";
import { listPlanInput, type ListInEffect } from "./hostDataList";

export interface UnitFacts { name: string; image: Image | null; imageRef: string }

/** The service a unit stands for: its container's name (else the unit's), its image if on the host. */
export function unitFacts(unit: ContainerUnit, images: Image[]): UnitFacts {
    const ref = unit.container.image ?? "";
    const image = ref === "" ? null : images.find(i => i.names.includes(ref) || i.names.includes(`${ref}:latest`) || i.id.startsWith(ref)) ?? null;
    return { name: unit.container.container ?? unit.unit.replace(/\.service$/, ""), image, imageRef: ref };
}

export function adoptPlan(unit: ContainerUnit, facts: UnitFacts, engine: EngineName, records: ServiceRecord[], now: Date): StepsPlan | Refusal | null {
    if (facts.image === null)
        return null;
    return planAdopt({ unit: unit.unit, name: facts.name, image: facts.image, imageRef: facts.imageRef, engine, records, now });
}

export function cleanupPlan(unit: ContainerUnit, facts: UnitFacts, engine: EngineName, containers: Container[], list: ListInEffect | null, now: Date): UninstallPlan {
    return planUninstall({
        name: facts.name, engine, image: facts.image, imageRef: facts.imageRef || undefined, containers, record: null, unit: unit.unit,
        extraArgs: [], ...listPlanInput(list, now),
    });
}
