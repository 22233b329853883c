// The SSSD card's facts and the two switches (core/sssdSwitch.ts), started as operations.
import type { EngineName } from "../core/engineVersion";
import { imageDisplayName, imageOfRecord } from "../core/inventory";
import { N_ } from "../core/i18n";
import { findLabel, queryCommand } from "../core/labels";
import type { Container, Image, ServiceRecord } from "../core/model";
import type { Refusal, StepsPlan } from "../core/plan";
import { NATIVE_UNITS, planToContainer, planToNative, serving, type UnitNow } from "../core/sssdSwitch";
import { startOperation, type AppContext, type ReadHost } from "./context";
import { enrollableImages } from "./enroll";
import { listPlanInput, type ListInEffect } from "./hostDataList";

export interface SssdFacts {
    native: UnitNow[];
    /** The installed services of SSSD images, with their unit's state. */
    containers: { record: ServiceRecord; unit: UnitNow | null }[];
    serving: "native" | "container" | "none";
    nativeConfig: boolean;
    images: Image[];
}

const now = (host: ReadHost) => async (unit: string): Promise<UnitNow> => {
    const s = await host.unitState(unit);
    return { unit, loadState: s.loadState, activeState: s.activeState, unitFileState: s.unitFileState };
};

/** What the SSSD card shows; null when the host has neither native SSSD nor an SSSD image. */
export async function readSssdFacts(host: ReadHost, records: ServiceRecord[], images: Image[]): Promise<SssdFacts | null> {
    const state = now(host);
    const native = (await Promise.all(NATIVE_UNITS.map(state))).filter(u => u.loadState !== "not-found");
    const sssdImages = enrollableImages(images).map(e => e.image);
    const mine = records.filter(r => { const i = imageOfRecord(images, r); return i !== null && sssdImages.includes(i); });
    if (native.length === 0 && sssdImages.length === 0 && mine.length === 0)
        return null;
    const containers = await Promise.all(mine.map(async record => ({ record, unit: record.unit ? await state(record.unit) : null })));
    const { sssdConf } = await host.readDomainFiles();
    return {
        native, containers, nativeConfig: sssdConf !== null, images: sssdImages,
        serving: serving(native, containers.flatMap(c => c.unit ? [c.unit] : [])),
    };
}

/** Why the switch `to` has nothing to do on this host (N_-marked, for the UI to translate); null when it can start. */
export function switchUnavailable(facts: SssdFacts, to: "container" | "native"): string | null {
    if (to === "container") {
        if (facts.serving === "container")
            return N_("A containerized SSSD serves identities already.");
        return facts.images.length === 0 ? N_("No SSSD image on this host: pull an image that can enroll the host first.") : null;
    }
    if (facts.serving === "native")
        return N_("Native SSSD serves identities already.");
    return facts.containers.length === 0 ? N_("No containerized SSSD is installed to switch from.") : null;
}

export interface ToContainerChoices {
    facts: SssdFacts; image: Image; imageRef: string; engine: EngineName; containers: Container[]; records: ServiceRecord[];
    name: string; user: string; list: ListInEffect | null; now: Date;
}

export function toContainerPlan(c: ToContainerChoices): StepsPlan | Refusal {
    return planToContainer({
        image: c.image, imageRef: c.imageRef, name: c.name, engine: c.engine, containers: c.containers,
        record: c.records.find(r => r.name === c.name) ?? null, native: c.facts.native, user: c.user,
        nativeConfig: c.facts.nativeConfig, now: c.now, ...listPlanInput(c.list, c.now),
    });
}

export function toNativePlan(facts: SssdFacts, record: ServiceRecord, user: string, list: ListInEffect | null, at: Date): StepsPlan | Refusal {
    const container = facts.containers.find(c => c.record.name === record.name)?.unit ?? null;
    return planToNative({ record, native: facts.native, container, user, backup: listPlanInput(list, at).backup });
}

export function startSwitch(ctx: AppContext, name: string, plan: StepsPlan): Promise<string> {
    return startOperation(ctx, name, "sssd-switch", plan);
}

export const HOST_CHECK_LABEL = "io.github.system-services.host-check";

/**
 * The image's host-check command (whether the host has SSSD's client side), or null when it has
 * none or it is more than a run of the image with the host's files mounted read-only: it runs as
 * root when the person asks, without a plan of its own.
 */
export function hostCheckCommand(image: Image, engine: EngineName): string[] | null {
    return queryCommand(findLabel(image.labels, HOST_CHECK_LABEL), { name: "host-check", image: imageDisplayName(image), engine },
                        ["host-root-mount", "host-mount"]);
}

/** The check's lines ("ok …" / "missing …") and its verdict. */
export async function checkHost(host: ReadHost, argv: string[]): Promise<{ ok: boolean; lines: string[] }> {
    const { output, exitCode } = await host.runQuery(argv);
    return { ok: exitCode === 0, lines: output.split("\n").filter(l => /^(ok|missing) /.test(l)) };
}
