// Many labelled images on the testbed at once (dockerArchive + one `podman load`), and away again.
// `podman`: scale.spec counts the page's podman calls through a wrapper and names /usr/bin/podman.
import fs from "node:fs";
import path from "node:path";
import { dockerArchive } from "./archive.mjs";
import { exec } from "./testbed.mjs";

const ROOT = process.env.ROOT ?? "/var/tmp/system-services-testbed/root";
const ARCHIVE = "var/tmp/e2e-images.tar";

/** Loads images [{ tag, labels, created? }] into the testbed's podman. */
export async function loadImages(images, { podman = "podman", timeout = 300_000 } = {}) {
    fs.writeFileSync(path.join(ROOT, ARCHIVE), dockerArchive(images));
    try {
        await exec(`${podman} load -q -i /${ARCHIVE} >/dev/null`, { timeout });
    } finally {
        fs.rmSync(path.join(ROOT, ARCHIVE), { force: true });
    }
}

/** Removes every image whose name starts with `prefix` (e.g. "localhost/scale-test-"). */
export function removeImages(prefix, { podman = "podman", check = true, timeout = 300_000 } = {}) {
    return exec(`${podman} images --format '{{.Repository}}:{{.Tag}}' | grep '^${prefix}' | xargs -r ${podman} rmi -f >/dev/null`,
                { check, timeout });
}
