// What install, run, stop and uninstall do around the labels, as atomic did (see
// docs/ARCHITECTURE.md, "What atomic did"): each planned as steps (core/plan.ts) or refused.
// The runner stops at the first failure and undoes what ran, so a failed INSTALL leaves no record.

import { N_ } from "./i18n";
import { expandLabel, findLabel, LabelSyntaxError, validateName } from "./labels";
import { bareId, type ActionLabel, type Container, type Image, type ServiceRecord } from "./model";
import { newRecord, RecordError, secretArgument } from "./record";
import { backupStamp, DEFAULT_KEEP } from "./backupManifest";
import { COPY_OUT_LABEL, IMAGE_LIST_PATH } from "./hostDataList";
import { injectEngineOptions } from "./engineArgs";
import { QUADLET_DIR, UNIT_DIR } from "./unitGen";
import { expansionContext, imageRefOf, type ServiceInput } from "./expansion";
import type { EngineName } from "./engineVersion";
import { secretPaths } from "./secrets";
import { exec, isRefusal, refuse, stepsPlan as steps, type Refusal, type Step, type StepsPlan } from "./plan";

export type InstallPlan = StepsPlan | Refusal | { kind: "pull-only"; reason: string };
export type RunPlan = StepsPlan | Refusal | { kind: "already-running"; container: string; otherImage: boolean };
export type StopPlan = StepsPlan | Refusal | { kind: "not-running"; container: string };
export type UninstallPlan = StepsPlan | Refusal;

export interface LifecycleInput extends ServiceInput {
    image: Image;
    /** Every container of the engine (`podman ps -a`). */
    containers: Container[];
    record: ServiceRecord | null;
    /** The host's override of the image's host-data-list: mounted read-only over it for INSTALL/UNINSTALL. */
    override?: string | null;
    /** Back up these host paths (the list in effect) before the label runs; `at` names the archive. */
    backup?: { paths: string[]; at: Date; keep?: number } | null;
    /** Whether a failure of the label restores the backup (default: yes). */
    restoreOnFailure?: boolean;
    /**
     * INSTALL only: where the image reads a secret file (core/secrets.ts secretMountOf). The plan
     * then writes the password the runner is given to the service's secret file, mounts it there
     * read-only, and removes it as soon as the command ended, however it ended.
     */
    secretMount?: string | null;
}

interface Expanded { argv: string[]; unknownVariables: string[] }

// The label's argv, null without the label, or a refusal when it does not parse.
function expand(label: ActionLabel, input: LifecycleInput | UninstallInput, extraArgs: string[] | undefined): Expanded | null | Refusal {
    const text = input.image ? findLabel(input.image.labels, label) : undefined;
    if (text === undefined)
        return null;
    try {
        return expandLabel(text, expansionContext(input, extraArgs));
    } catch (e) {
        if (e instanceof LabelSyntaxError)
            return refuse("bad-label", label + ": " + e.message);
        throw e;
    }
}

/**
 * The label on the containers of a service's INSTALL and UNINSTALL commands (value: the service's
 * name): a reboot can cut podman's `--rm` short, and what it leaves is then found and removed.
 */
export const LABEL_RUN_LABEL = "io.github.system-services.label-run";

interface Injected extends Expanded {
    /** Whether the command's containers carry LABEL_RUN_LABEL. */
    labelled: boolean;
}

// Our options before the image, so the preview shows them: the host-data-list override mounted
// read-only over the image's list, and the label that finds the command's leftovers. A command
// that is not a run of the image takes neither: refused with an override, else run as it is.
function withOurOptions(expanded: Expanded, input: LifecycleInput | UninstallInput): Injected | Refusal {
    const secretMount = "secretMount" in input ? input.secretMount : null;
    const options = [
        ...(input.override ? ["-v", `${input.override}:${IMAGE_LIST_PATH}:ro`] : []),
        ...(secretMount ? ["-v", `${secretPaths(input.name).file}:${secretMount}:ro`] : []),
        "--label", `${LABEL_RUN_LABEL}=${input.name}`,
    ];
    try {
        return { ...expanded, argv: injectEngineOptions(expanded.argv, imageRefOf(input), options), labelled: true };
    } catch {
        if (secretMount)
            return refuse("secret-mount", N_("The password cannot be given to this image's INSTALL command: it is not a run of the image, into which the password's file could be mounted."));
        if (!input.override)
            return { ...expanded, labelled: false };
        return refuse("override-mount", N_("This host's host-data-list cannot be mounted into the label's command: it is not a run of the image. Remove the override to use the image's own list."));
    }
}

/** Removes the containers a service's INSTALL or UNINSTALL left behind. */
export function removeLeftovers(engine: EngineName, name: string): Step {
    return { kind: "remove-containers", title: N_("Remove containers the label's command left behind"), engine, label: `${LABEL_RUN_LABEL}=${name}` };
}

// The label's command; when it fails after starting, the containers it left are removed.
function labelCommand(title: string, injected: Injected, input: LifecycleInput | UninstallInput): Step {
    const step = exec(title, injected.argv);
    return injected.labelled ? { ...step, cleanup: [removeLeftovers(input.engine, input.name)] } : step;
}

/** The step that backs up the listed host paths, or none; its undo restores them unless `restoreOnFailure` is off. */
function backupStep(input: LifecycleInput | UninstallInput, restoreOnFailure: boolean): Step[] {
    if (!input.backup)
        return [];
    const { paths, at, keep } = input.backup;
    return [backupOf(input.name, paths, backupStamp(at), keep ?? DEFAULT_KEEP, restoreOnFailure)];
}

/** A backup of `paths` as STAMP; undone by restoring it when `undoable`. */
export function backupOf(name: string, paths: string[], stamp: string, keep: number, undoable: boolean, protect?: string[]): Step {
    const undo: Step[] = undoable ? [{ kind: "restore", title: N_("Restore the host files from the backup"), name, stamp }] : [];
    return { kind: "backup", title: N_("Back up the host files the list names"), name, paths, stamp, keep, undo, ...(protect ? { protect } : {}) };
}

// argv is visible to every user in /proc, in systemctl show and in the journal
function secretProblem(extraArgs: string[] | undefined): Refusal | null {
    return secretArgument(extraArgs ?? []) === null ? null
        : refuse("secret-argument", N_("An argument passes a password. Passwords are never given on a command line, where every user of the host can read them, nor written to the install record."));
}

function nameProblem(name: string): Refusal | null {
    const problem = validateName(name);
    return problem === null ? null : refuse("invalid-name", problem);
}

function findContainer(containers: Container[], name: string): Container | undefined {
    return containers.find(c => c.name === name);
}

/**
 * Install: run the INSTALL label, then record the install and reload systemd (INSTALL may have
 * written a unit). Without INSTALL there is nothing to run: atomic only pulled.
 * `unit` is the unit the record will name; `now` stamps the record.
 */
export function planInstall(input: LifecycleInput & { now: Date; unit?: string | null }): InstallPlan {
    const bad = nameProblem(input.name) ?? secretProblem(input.extraArgs);
    if (bad)
        return bad;
    if (input.record !== null)
        return refuse("already-installed", N_("This service is already installed. Uninstall it first to install it again."));
    const label = expand("INSTALL", input, input.extraArgs);
    if (label === null)
        return { kind: "pull-only", reason: N_("This image has no INSTALL label: there is nothing to install. Pull it and run it.") };
    if (isRefusal(label))
        return label;
    const expanded = withOurOptions(label, input);
    if (isRefusal(expanded))
        return expanded;
    let record: ServiceRecord;
    try {
        record = newRecord({
            name: input.name,
            image: imageRefOf(input),
            imageId: input.image.id,
            engine: input.engine,
            options: input.options,
            extraArgs: input.extraArgs,
            unit: input.unit ?? null,
        }, input.now);
    } catch (e) {
        if (e instanceof RecordError)
            return refuse("secret-argument", e.message);
        throw e;
    }
    const removeSecret: Step = { kind: "remove-secret", title: N_("Remove the password's file"), name: input.name };
    const secret = input.secretMount ? {
        before: [{ kind: "write-secret", title: N_("Write the password to a file only root can read"), name: input.name, undo: [removeSecret] } as Step],
        after: [removeSecret],
    } : { before: [], after: [] };
    return steps([
        ...backupStep(input, input.restoreOnFailure ?? true),
        ...secret.before,
        labelCommand(N_("Run the INSTALL label"), expanded, input),
        ...secret.after,
        {
            kind: "write-record", title: N_("Write the install record"), record,
            ...(record.unit === null ? { detectUnit: { writtenSince: input.now.toISOString() } } : {}),
        },
        { kind: "daemon-reload", title: N_("Reload systemd") },
    ], "INSTALL", expanded.unknownVariables);
}

/**
 * Run, as atomic did: a running container NAME is left alone, a stopped one of the same image is
 * started (RUN is not run again), one of another image is refused unless `replace`. An image with
 * INSTALL must be installed first. Without RUN: `ENGINE run -d --name NAME IMAGE` (atomic ran -i,
 * attached; a page has no terminal to attach to, so the container runs detached).
 */
export function planRun(input: LifecycleInput & { replace?: boolean }): RunPlan {
    const bad = nameProblem(input.name) ?? secretProblem(input.extraArgs);
    if (bad)
        return bad;
    const { engine, name } = input;
    const existing = findContainer(input.containers, name);
    const otherImage = existing !== undefined && bareId(existing.imageId) !== bareId(input.image.id);
    if (existing?.running && !(otherImage && input.replace))
        return { kind: "already-running", container: name, otherImage };
    if (existing && !otherImage)
        return steps([exec(N_("Start the existing container"), [engine, "start", name])]);
    if (existing && !input.replace) {
        return refuse("other-image", N_("A container of this name exists and uses another image. Replace it to run this image."),
                      [name]);
    }
    if (input.record === null && findLabel(input.image.labels, "INSTALL") !== undefined)
        return refuse("not-installed", N_("This image has an INSTALL label and was not installed under this name. Install it first."));
    const before: Step[] = existing ? [exec(N_("Remove the container of the other image"), [engine, "rm", "-f", name])] : [];
    const expanded = expand("RUN", input, input.extraArgs);
    if (isRefusal(expanded))
        return expanded;
    if (expanded === null)
        return steps([...before, exec(N_("Run the container"), [engine, "run", "-d", "--name", name, imageRefOf(input)])]);
    return steps([...before, exec(N_("Run the RUN label"), expanded.argv)], "RUN", expanded.unknownVariables);
}

export type UninstallInput = Omit<LifecycleInput, "image"> & {
    /** null when the image is gone: then no label runs. */
    image: Image | null;
};

/** Stop: the STOP label, else `ENGINE stop NAME`. */
export function planStop(input: UninstallInput): StopPlan {
    const bad = nameProblem(input.name);
    if (bad)
        return bad;
    const existing = findContainer(input.containers, input.name);
    if (existing === undefined)
        return refuse("no-container", N_("There is no container of this name to stop."));
    if (!existing.running)
        return { kind: "not-running", container: input.name };
    const expanded = expand("STOP", input, input.extraArgs);
    if (isRefusal(expanded))
        return expanded;
    if (expanded === null)
        return steps([exec(N_("Stop the container"), [input.engine, "stop", input.name])]);
    return steps([exec(N_("Run the STOP label"), expanded.argv)], "STOP", expanded.unknownVariables);
}

/**
 * Uninstall: stop and disable the unit, remove container NAME, run UNINSTALL, forget the record,
 * remove the unit file and reload systemd; the image stays unless `deleteImage`. Refused while other
 * containers use the image, unless `force`. `unit` is the unit that runs the service (default: the
 * record's); a unit of that name is never guessed, as it could be a native service's.
 */
export function planUninstall(input: UninstallInput & { unit?: string | null; force?: boolean; deleteImage?: boolean }): UninstallPlan {
    const bad = nameProblem(input.name);
    if (bad)
        return bad;
    const { engine, name, image } = input;
    if (image !== null && !input.force) {
        const others = input.containers.filter(c => c.name !== name && bareId(c.imageId) === bareId(image.id) &&
            c.labels[COPY_OUT_LABEL] === undefined && c.labels[LABEL_RUN_LABEL] !== name).map(c => c.name);
        if (others.length > 0)
            return refuse("image-in-use", N_("Other containers use this image. Remove them first, or uninstall anyway."), others);
    }
    const label = expand("UNINSTALL", input, input.extraArgs);
    if (isRefusal(label))
        return label;
    const expanded = label === null ? null : withOurOptions(label, input);
    if (isRefusal(expanded))
        return expanded;
    const unit = input.unit !== undefined ? input.unit : input.record?.unit ?? null;
    const list: Step[] = [];
    if (unit !== null)
        list.push({ kind: "unit-disable", title: N_("Stop and disable the unit"), unit });
    if (findContainer(input.containers, name))
        list.push(exec(N_("Remove the container"), [engine, "rm", "-f", name]));
    if (input.containers.some(c => c.labels[LABEL_RUN_LABEL] === name))
        list.push(removeLeftovers(engine, name));
    if (expanded !== null)
        list.push(...backupStep(input, input.restoreOnFailure ?? false), labelCommand(N_("Run the UNINSTALL label"), expanded, input));
    if (input.record !== null)
        list.push({ kind: "remove-record", title: N_("Remove the install record"), name });
    if (unit !== null) {
        list.push({ kind: "remove-unit-file", title: N_("Remove the unit file"), path: `${UNIT_DIR}/${unit}` });
        // a Quadlet service's unit is generated from its .container file at every boot
        if (unit === `${name}.service`)
            list.push({ kind: "remove-unit-file", title: N_("Remove the Quadlet file"), path: `${QUADLET_DIR}/${name}.container` });
        list.push({ kind: "daemon-reload", title: N_("Reload systemd") });
    }
    if (input.deleteImage && image !== null)
        list.push(exec(N_("Delete the image"), [engine, "rmi", imageRefOf(input)]));
    return steps(list, expanded === null ? null : "UNINSTALL", expanded?.unknownVariables ?? []);
}
