// The image's /etc/host-data-list, copied out of a created (never started) container, and
// this host's override of it (written by the runner's write-file step).
import { readFile, run, runBytes, HostError } from "../cockpit";
import { saysNoSuchPath } from "../core/engineDialect";
import type { EngineName } from "../core/engineVersion";
import { COPY_OUT_LABEL, IMAGE_LIST_PATH } from "../core/hostDataList";
import { overridePath } from "../core/record";
import { firstTarMember, TarError } from "../core/tarFile";

// image lists never change for an image ID
const cache = new Map<string, Promise<string | null>>();

// One process creates the container, copies the file out and removes the container (with its
// anonymous volumes) on any exit, a closed page's SIGTERM included. Our own fixed script: the
// image ID and the paths are its arguments, never part of its text.
// The trap is set before the container exists, and finds it by its --cidfile: a signal that comes
// while `create` runs leaves nothing either.
const COPY_OUT = "d=$(mktemp -d) || exit; " +
    'trap \'[ -s "$d/id" ] && "$1" rm -f -v "$(cat "$d/id")" >/dev/null; rm -rf "$d"\' EXIT; trap "exit 143" HUP INT TERM; ' +
    '"$1" create --cidfile "$d/id" --label "$3=1" --entrypoint /bin/false "$2" >/dev/null && "$1" cp "$(cat "$d/id")":"$4" -';

async function copyOut(engine: EngineName, imageId: string): Promise<string | null> {
    // what a killed read left behind (SIGKILL, a reboot) carries our label: remove it
    await run([engine, "container", "prune", "--force", "--filter", `label=${COPY_OUT_LABEL}`, "--filter", "until=1m"],
              { superuser: "require" }).catch(() => undefined);
    let tar: Uint8Array;
    try {
        // an entrypoint is given so images without CMD can be created too; nothing is started
        tar = await runBytes(["sh", "-c", COPY_OUT, "sh", engine, imageId, COPY_OUT_LABEL, IMAGE_LIST_PATH], { superuser: "require" });
    } catch (e) {
        if (e instanceof HostError && saysNoSuchPath(e.details))
            return null;
        throw e;
    }
    const member = firstTarMember(tar);
    if (member.type !== "file")
        throw new TarError(`${IMAGE_LIST_PATH} in the image is not a regular file${member.linkTarget ? " (a link to " + member.linkTarget + ")" : ""}.`);
    return member.content;
}

/** The text of the image's list; null when the image has none. */
export function readImageList(engine: EngineName, imageId: string): Promise<string | null> {
    const key = engine + " " + imageId;
    let found = cache.get(key);
    if (!found) {
        found = copyOut(engine, imageId);
        cache.set(key, found);
        found.catch(() => cache.delete(key));
    }
    return found;
}

export interface OverrideFile { content: string | null; tag: string }

/** The override's text (null: none, the image's list applies) and the tag a save must match. */
export function readOverride(name: string): Promise<OverrideFile> {
    return readFile(overridePath(name), "require");
}
