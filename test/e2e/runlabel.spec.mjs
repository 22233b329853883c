// The label engine against podman itself: for labels where both agree on the rules (no OPT
// variables, no extra arguments), our argv equals the words of `podman container runlabel
// --display` for the same image and name. src/core/labels.ts is bundled for Node here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { exec } from "./lib/testbed.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

async function labelEngine() {
    const outfile = path.join(os.tmpdir(), `labels-${process.pid}.mjs`);
    await build({ entryPoints: [path.join(here, "../../src/core/labels.ts")], bundle: true, platform: "node", format: "esm", outfile, logLevel: "warning" });
    return import(pathToFileURL(outfile).href);
}

test("our expansion equals podman runlabel --display for every action label of the test images", async () => {
    const { expandLabel, findLabel, splitWords } = await labelEngine();
    const images = JSON.parse((await exec("podman images --format json")).stdout);
    // podman substitutes the image's newest name: compare images that have exactly one
    const single = images.filter(i => (i.Names ?? []).length === 1 && /^localhost\/(demo-service|run-only|slow-install|failing-install|sssd):/.test(i.Names[0]));
    assert.ok(single.length >= 3, `test images found: ${single.map(i => i.Names[0]).join(", ")}`);
    let compared = 0;
    for (const image of single) {
        const ref = image.Names[0];
        for (const key of ["INSTALL", "RUN", "STOP", "UNINSTALL"]) {
            const label = findLabel(image.Labels, key);
            if (label === undefined || /\$\{?OPT|\$\{?(PWD|HOME)\b/.test(label))
                continue;
            const name = `cmp-${key.toLowerCase()}`;
            const out = (await exec(`podman container runlabel --display --name ${name} ${key} ${ref}`)).stdout.trim();
            const m = /^command: (.*)$/m.exec(out);
            assert.ok(m, `podman printed no command for ${key} of ${ref}: ${out}`);
            const ours = expandLabel(label, { name, image: ref, engine: "podman" }).argv;
            // podman prints the argv joined by spaces; split the same way when no word has one
            const theirs = ours.some(w => /\s/.test(w)) ? splitWords(m[1]) : m[1].split(" ");
            assert.deepEqual(ours, theirs, `${key} of ${ref}`);
            compared++;
        }
    }
    console.log(`compared ${compared} labels with podman runlabel`);
    assert.ok(compared >= 6);
});
