// Carries out one step of a plan (core/plan.ts) on the host. The runner (app/runner.ts)
// decides the order, the undo and who runs what; this only knows how each kind is done.
import { HostError, run } from "../cockpit";
import type { Step } from "../core/plan";
import { unitWrittenByInstall } from "../core/unitFile";
import { restoreBackup, takeBackup } from "./backups";
import { removeSecret, writeSecret } from "./secrets";
import { ChangeConflict, readFile, writeFile } from "./files";
import { removeRecord, writeRecord } from "./records";
import { reloadSystemd, runUnitJob, setUnitEnabled, unitState } from "./units";
import { switchImage } from "./update";

async function installWroteUnit(name: string, since: Date): Promise<boolean> {
    await reloadSystemd();
    const state = await unitState(`${name}.service`);
    if (state.loadState !== "loaded")
        return false;
    const file = state.sourcePath || state.fragmentPath;
    const changedAt = Number((await run(["stat", "--format=%Z", "--", file], { superuser: "require" })).trim());
    return unitWrittenByInstall(name, { fragmentPath: state.fragmentPath, sourcePath: state.sourcePath,
                                        changedAt: Number.isFinite(changedAt) ? changedAt : null }, since);
}

/**
 * Writes the file if it is still as read. A tab that closed after the write but before it saved
 * its progress leaves the step to run again: a file that already holds exactly the content
 * (or is gone, for a removal) is that write, done, not someone else's change.
 */
async function writeOnce(path: string, content: string | null, tag: string | null): Promise<string> {
    try {
        return await writeFile(path, content, { tag, dirMode: "0755" });
    } catch (e) {
        if (!(e instanceof ChangeConflict))
            throw e;
        const now = await readFile(path, "require");
        if (now.content !== content)
            throw e;
        return now.tag;
    }
}

// by label, whatever their state (a reboot leaves them Created or Exited); nothing found, nothing to do
async function removeContainers(engine: string, label: string): Promise<void> {
    const ids = (await run([engine, "ps", "--all", "--quiet", "--no-trunc", "--filter", `label=${label}`], { superuser: "require" }))
            .split("\n").filter(id => id !== "");
    if (ids.length > 0)
        await run([engine, "rm", "--force", "--volumes", ...ids], { superuser: "require" });
}

// getent through the sss module only: files (/etc/passwd) must not answer for SSSD, nor its memory cache
async function lookupAnswers(user: string, seconds: number): Promise<void> {
    const until = Date.now() + seconds * 1000;
    for (;;) {
        try {
            // past libnss_sss's memory cache, which answers for minutes after the daemon is gone
            await run(["env", "SSS_NSS_USE_MEMCACHE=NO", "getent", "-s", "sss", "passwd", user]);
            return;
        } catch (e) {
            if (Date.now() > until)
                throw new HostError(`${user} does not resolve through SSSD (getent -s sss passwd ${user}) after ${seconds} s`, "lookup-failed", null, String(e));
        }
        await new Promise(resolve => setTimeout(resolve, 500));
    }
}

/**
 * Runs the step; resolves with what it gives back (an image switch), else null. `secret`: the
 * password a write-secret step writes, which only the tab that started the operation knows.
 */
export async function executeStep(step: Step, useSystemd: boolean, secret?: string): Promise<unknown> {
    switch (step.kind) {
    case "exec":
        await run(step.argv, { superuser: "require" });
        return null;
    case "unit-disable":
        if (!useSystemd || (await unitState(step.unit)).loadState === "not-found")
            return null;
        await runUnitJob("StopUnit", step.unit);
        await setUnitEnabled(step.unit, false);
        return null;
    case "write-record": {
        let record = step.record;
        // the unit INSTALL wrote, if any, is known only now
        if (useSystemd && step.detectUnit && await installWroteUnit(record.name, new Date(step.detectUnit.writtenSince)))
            record = { ...record, unit: `${record.name}.service` };
        await writeRecord(record);
        return record;
    }
    case "remove-record":
        await removeRecord(step.name);
        return null;
    case "remove-unit-file":
        await run(["rm", "-f", step.path], { superuser: "require" });
        return null;
    case "daemon-reload":
        if (useSystemd)
            await reloadSystemd();
        return null;
    case "backup":
        await takeBackup(step.name, step.paths, step.stamp, step.keep, step.protect);
        return null;
    case "restore":
        await restoreBackup(step.name, step.stamp);
        return null;
    case "write-file":
        return await writeOnce(step.path, step.content, step.tag);
    case "switch-image":
        return await switchImage(step.record, step.engine, step.target, step.runArgv);
    case "remove-containers":
        await removeContainers(step.engine, step.label);
        return null;
    case "write-secret":
        if (secret === undefined)
            throw new HostError("The password was known only to the page that started this, which closed before writing it: start again.", "secret-lost", null, "");
        await writeSecret(step.name, secret);
        return null;
    case "remove-secret":
        await removeSecret(step.name);
        return null;
    case "unit-enable":
        if (!useSystemd)
            return null;
        if (step.enable)
            await setUnitEnabled(step.unit, true);
        if (step.start)
            await runUnitJob("StartUnit", step.unit);
        return null;
    case "verify-lookup":
        await lookupAnswers(step.user, step.seconds);
        return null;
    }
}
