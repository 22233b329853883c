// Service secret files (core/secrets.ts): written from the page's memory through the bridge's
// file channel (never an argv), removed when their command ended, and removed when a page load
// finds one that no unfinished operation needs (its tab closed in between).
import { HostError, run } from "../cockpit";
import { SECRETS_DIR, secretPaths } from "../core/secrets";
import { writeFile } from "./files";

/** Writes `secret` as service `name`'s secret file: mode 0600 in a folder of mode 0700, root's. */
export async function writeSecret(name: string, secret: string): Promise<void> {
    const { dir, file } = secretPaths(name);
    await run(["mkdir", "-p", "-m", "0700", dir], { superuser: "require" });
    await run(["chmod", "0700", dir], { superuser: "require" });
    await writeFile(file, secret, { mode: "0600" });
}

export async function removeSecret(name: string): Promise<void> {
    await run(["rm", "-rf", "--", secretPaths(name).dir], { superuser: "require" });
}

/** Removes the secret folder of every service not in `needed` (services with an unfinished operation). */
export async function removeOrphanSecrets(needed: Set<string>): Promise<void> {
    let names: string;
    try {
        names = await run(["find", SECRETS_DIR, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\n"], { superuser: "require" });
    } catch (e) {
        if (e instanceof HostError && /No such file/.test(e.details))
            return;
        throw e;
    }
    for (const name of names.split("\n").filter(n => n !== "" && !needed.has(n))) {
        try {
            await removeSecret(name);
        } catch {
            // not a service's folder (an invalid name): not ours to remove
        }
    }
}
