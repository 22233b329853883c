// The changes to an installed service besides install/run/stop/uninstall, planned as steps
// (core/plan.ts) so the one runner carries them out like any other: update and roll back the
// image, write a unit file, save the host-data-list override, restore a backup, adopt a unit.
import { backupStamp, DEFAULT_KEEP } from "./backupManifest";
import type { EngineName } from "./engineVersion";
import { recordContext } from "./expansion";
import { N_ } from "./i18n";
import { isLocalReference } from "./imageRef";
import { LabelSyntaxError, validateName } from "./labels";
import type { Image, ServiceRecord } from "./model";
import { backupOf } from "./planLifecycle";
import { exec, refuse, stepsPlan, type Refusal, type Step, type StepsPlan } from "./plan";
import { newRecord, overridePath } from "./record";
import { runArgvFor } from "./unitGen";

// With a unit, restarting it recreates the container; without one the RUN label runs again.
function runArgvOf(record: ServiceRecord, image: Image | null, engine: EngineName): string[] | null | Refusal {
    if (record.unit)
        return null;
    try {
        return runArgvFor(image?.labels ?? {}, recordContext(record, engine));
    } catch (e) {
        if (e instanceof LabelSyntaxError)
            return refuse("bad-label", "RUN: " + e.message);
        throw e;
    }
}

/**
 * Update: pull the record's reference again (a local one is only looked up again), and when it
 * names another image now, move the service to it. The pull is the long command.
 */
export function planUpdate(record: ServiceRecord, image: Image | null, engine: EngineName): StepsPlan | Refusal {
    const runArgv = runArgvOf(record, image, engine);
    if (runArgv !== null && !Array.isArray(runArgv))
        return runArgv;
    const pull = isLocalReference(record.image) ? [] : [exec(N_("Pull the image"), [engine, "pull", record.image])];
    return stepsPlan([
        ...pull,
        { kind: "switch-image", title: N_("Move the service to the image its reference names now"), record, engine, target: null, runArgv },
    ]);
}

/** Roll back: tag the previous image with the record's reference again and move the service back to it. */
export function planRollback(record: ServiceRecord, image: Image | null, engine: EngineName): StepsPlan | Refusal {
    const previous = record.previousImageId;
    if (!previous)
        return refuse("no-previous", N_("No previous image is recorded for this service: there is nothing to roll back to."));
    const runArgv = runArgvOf(record, image, engine);
    if (runArgv !== null && !Array.isArray(runArgv))
        return runArgv;
    return stepsPlan([
        exec(N_("Tag the previous image with the service's reference"), [engine, "tag", previous, record.image]),
        { kind: "switch-image", title: N_("Move the service back to the previous image"), record, engine, target: previous, runArgv },
    ]);
}

export interface UnitWrite {
    path: string;
    unit: string;                  // "NAME.service"
    content: string;
    disk: { content: string | null; tag: string };   // the file as the editor read it
    /** The service's record, or the record to write for an image without one; null: no record. */
    record: ServiceRecord | null;
    recordExists: boolean;
}

/**
 * Write a unit file (only if unchanged on disk since it was read), name it in the record, reload
 * systemd. A failure puts the file and the record back as they were.
 */
export function planUnitWrite(w: UnitWrite): StepsPlan {
    const record: Step[] = [];
    if (w.record) {
        const undo: Step[] = w.recordExists
            ? [{ kind: "write-record", title: N_("Put the install record back"), record: w.record }]
            : [{ kind: "remove-record", title: N_("Remove the install record"), name: w.record.name }];
        record.push({ kind: "write-record", title: N_("Write the install record"), record: { ...w.record, unit: w.unit }, undo });
    }
    return stepsPlan([
        {
            kind: "write-file", title: N_("Write the unit file"), path: w.path, content: w.content, tag: w.disk.tag,
            undo: [{ kind: "write-file", title: N_("Put the unit file back"), path: w.path, content: w.disk.content, tag: null }],
        },
        ...record,
        { kind: "daemon-reload", title: N_("Reload systemd") },
    ]);
}

/** Save this host's host-data-list (null: remove it, the image's list applies) if unchanged since read. */
export function planOverrideSave(name: string, content: string | null, tag: string): StepsPlan {
    return stepsPlan([{
        kind: "write-file", path: overridePath(name), content, tag,
        title: content === null ? N_("Remove this host's host-data-list") : N_("Write this host's host-data-list"),
    }]);
}

/**
 * Restore backup STAMP of the listed paths. The host files as they are now are backed up first
 * (never dropping STAMP), so the restore itself can be undone.
 */
export function planRestore(name: string, stamp: string, listed: string[], now: Date): StepsPlan {
    return stepsPlan([
        backupOf(name, listed, backupStamp(now), DEFAULT_KEEP, true, [stamp]),
        { kind: "restore", title: N_("Restore the host files from the backup"), name, stamp },
    ]);
}

/**
 * Adopt a container unit this page did not install (an install whose record a reboot or another
 * tool never wrote): a record that names the unit, its container and image, and nothing else
 * changes. Uninstall then runs the image's UNINSTALL, which cleans up what its INSTALL left.
 */
export function planAdopt(a: { unit: string; name: string; image: Image; imageRef: string; engine: EngineName; records: ServiceRecord[]; now: Date }): StepsPlan | Refusal {
    const problem = validateName(a.name);
    if (problem !== null)
        return refuse("invalid-name", problem);
    if (a.records.some(r => r.name === a.name))
        return refuse("already-installed", N_("A service of this name is installed already."));
    const record = newRecord({ name: a.name, image: a.imageRef, imageId: a.image.id, engine: a.engine, unit: a.unit }, a.now);
    return stepsPlan([{ kind: "write-record", title: N_("Write the install record"), record }]);
}
