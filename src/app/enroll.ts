// Enroll the host in a domain through an image's INSTALL (FreeIPA, Active Directory, LDAP):
// the plan the Join dialog previews, started with the password the runner keeps in memory, the
// domain looked up as it is typed, and what the domain card reads back.
import type { EngineName } from "../core/engineVersion";
import { enrollArguments, enrollSupport, secretKind, type EnrollForm, type EnrollSupport } from "../core/enroll";
import { recognizeEnrollFailure, type EnrollFailure } from "../core/enrollErrors";
import { queryCommand } from "../core/labels";
import { N_ } from "../core/i18n";
import type { Image, ServiceRecord } from "../core/model";
import type { InstallPlan } from "../core/planLifecycle";
import type { StepsPlan } from "../core/plan";
import { parseRealmDiscover, type RealmDiscovery } from "../core/realmDiscover";
import { parseSssdConf, type SssdDomain } from "../core/sssdConf";
import type { ReadHost } from "../host/api";
import type { AppContext } from "./context";
import { planInstallOf, type InstallChoices } from "./install";
import type { OperationView } from "./runner";

export type EnrollChoices = Omit<InstallChoices, "extraArgs" | "options"> & { form: EnrollForm };

export const ENROLL_TITLE = N_("Joining $0 to a domain");

/** Images that offer enrollment, as their labels say. */
export function enrollableImages(images: Image[]): { image: Image; support: EnrollSupport }[] {
    return images.map(image => ({ image, support: enrollSupport(image.labels) })).filter(e => e.support.modes.length > 0);
}

/** INSTALL with the form's arguments; with a password, its file mounted where the image reads it. */
export function enrollPlan(c: EnrollChoices): InstallPlan {
    return planInstallOf({ ...c, options: {}, extraArgs: enrollArguments(c.form) },
                         { secretMount: secretKind(c.form) !== null ? enrollSupport(c.image.labels).secretPath : null });
}

/** Starts the enrollment; `secret` stays in the runner's memory until the command ended. */
export function startEnroll(ctx: AppContext, name: string, plan: StepsPlan, secret: string | null): Promise<string> {
    return ctx.runner.start(name, "install", ENROLL_TITLE, plan, secret ?? undefined);
}

/**
 * The image's discover command for `domain`, or null when it has none or it is more than an
 * unprivileged run of the image on the host's network: it runs as root while the person types.
 */
export function discoverCommand(image: Image, imageRef: string, engine: EngineName, domain: string): string[] | null {
    return queryCommand(enrollSupport(image.labels).discover, { name: "discover", image: imageRef, engine, extraArgs: [domain] }, ["host-network"]);
}

export async function discoverDomain(host: ReadHost, argv: string[]): Promise<{ discovery: RealmDiscovery; output: string }> {
    const { output } = await host.runQuery(argv);
    return { discovery: parseRealmDiscover(output), output };
}

/** Why an enrollment failed, in words, from its output; null while it runs, when it did not fail, or when not recognised. */
export function enrollFailure(view: OperationView | null): EnrollFailure | null {
    return view?.status === "failed" ? recognizeEnrollFailure(view.output, null) : null;
}

/** Whether a service was installed by enrolling: its INSTALL arguments start with a mode of its image. */
export function enrolledMode(record: ServiceRecord, image: Image | null): string | null {
    const mode = record.extraArgs[0];
    return mode !== undefined && image !== null && (enrollSupport(image.labels).modes as string[]).includes(mode) ? mode : null;
}

export interface DomainFacts { domains: SssdDomain[]; keytab: boolean }

export async function readDomainFacts(host: ReadHost): Promise<DomainFacts> {
    const { sssdConf, keytab } = await host.readDomainFiles();
    return { domains: sssdConf === null ? [] : parseSssdConf(sssdConf).domains, keytab };
}
