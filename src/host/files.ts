// Files on the host, written the one way the page writes files: cockpit.file(…).replace(),
// an atomic rename that fails instead of overwriting a file someone changed since it was read.
import { cockpit, hostError, HostError, readFile, run } from "../cockpit";

export { readFile } from "../cockpit";

/** The file changed on the host since it was read; it was left as it is. */
export class ChangeConflict extends HostError {
    constructor(path: string, details = "") {
        super(`${path} changed on the host since it was read; it was not overwritten.`, "change-conflict", null, details);
        this.name = "ChangeConflict";
    }
}

export interface WriteOptions {
    /** The tag read with the file ("-": it did not exist); undefined or null: write whatever is there. */
    tag?: string | null;
    /** Create the parent folder with this mode when it is missing. */
    dirMode?: string;
    /** chmod the file afterwards (files holding keytabs and the like: "0600"). */
    mode?: string;
}

/**
 * Writes content (null: removes the file) as root, only if the file is still as read. Resolves
 * with the new tag; a change in between rejects with ChangeConflict.
 */
export async function writeFile(path: string, content: string | null, options: WriteOptions = {}): Promise<string> {
    if (options.dirMode)
        await run(["mkdir", "-p", "-m", options.dirMode, path.slice(0, path.lastIndexOf("/"))], { superuser: "require" });
    if (content === "")
        return writeEmpty(path, options);
    const file = cockpit.file(path, { superuser: "require" });
    let tag: string;
    try {
        tag = options.tag == null ? await file.replace(content) : await file.replace(content, options.tag);
    } catch (e) {
        const error = hostError(path, e);
        if (error.problem === "change-conflict")
            throw new ChangeConflict(path, error.details);
        throw error;
    } finally {
        file.close();
    }
    if (options.mode && content !== null)
        await run(["chmod", options.mode, path], { superuser: "require" });
    return tag;
}

// cockpit.file(…).replace("") removes the file (no data means "delete"): an empty file, such as
// a host-data-list that lists nothing, is made by truncate after the same check of the tag
async function writeEmpty(path: string, options: WriteOptions): Promise<string> {
    const before = await readFile(path, "require");
    if (options.tag != null && before.tag !== options.tag)
        throw new ChangeConflict(path);
    await run(["truncate", "--size=0", "--", path], { superuser: "require" });
    if (options.mode)
        await run(["chmod", options.mode, path], { superuser: "require" });
    return (await readFile(path, "require")).tag;
}
