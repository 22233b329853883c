// Many labelled images on the testbed at once (dockerArchive + one `podman load`), and away again.
// `podman`: scale.spec counts the page's podman calls through a wrapper and names /usr/bin/podman.
import fs from "node:fs";
import path from "node:path";
import { dockerArchive } from "./archive.mjs";
import { exec } from "./testbed.mjs";

const ROOT = process.env.ROOT ?? "/var/tmp/system-services-testbed/root";
const ARCHIVE = "var/tmp/e2e-images.tar";

// Every loaded image carries this label, its value the tags' common prefix: removeImages(prefix)
// prunes a batch in one podman call, twice as fast as rmi of each name (8 s for 200 on podman 4.3).
const BATCH_LABEL = "io.github.system-services.e2e-batch";

function commonPrefix(words) {
    return words.reduce((p, w) => { let i = 0; while (i < p.length && p[i] === w[i]) i++; return p.slice(0, i); });
}

/** Loads images [{ tag, labels, created? }] into the testbed's podman. */
export async function loadImages(images, { podman = "podman", timeout = 300_000 } = {}) {
    const batch = commonPrefix(images.map(i => i.tag));
    const labelled = images.map(i => ({ ...i, labels: { ...i.labels, [BATCH_LABEL]: batch } }));
    fs.writeFileSync(path.join(ROOT, ARCHIVE), dockerArchive(labelled));
    try {
        await exec(`${podman} load -q -i /${ARCHIVE} >/dev/null`, { timeout });
    } finally {
        fs.rmSync(path.join(ROOT, ARCHIVE), { force: true });
    }
}

/** Removes every image whose name starts with `prefix` (e.g. "localhost/scale-test-"). */
export function removeImages(prefix, { podman = "podman", check = true, timeout = 300_000 } = {}) {
    // the batch loaded with this prefix at once, then what is left: other tags, images in use
    return exec(`${podman} image prune -a -f --filter label=${BATCH_LABEL}=${prefix} >/dev/null; ` +
                `${podman} images --format '{{.Repository}}:{{.Tag}}' | grep '^${prefix}' | xargs -r ${podman} rmi -f >/dev/null`,
                { check, timeout });
}
