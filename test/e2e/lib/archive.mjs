// Many distinct labelled images at once: a docker-archive (what `docker save` writes) with N
// image configs over one tiny shared layer, loaded by one `podman load`. Building them one by
// one takes seconds each; this takes seconds for hundreds.
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";

const sha256 = data => createHash("sha256").update(data).digest("hex");

function tarHeader(name, size) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(size.toString(8).padStart(11, "0") + "\0", 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);                 // checksum counts as spaces while computed
    h.write("0", 156);
    h.write("ustar\0" + "00", 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    return h;
}

/** A tar file of { name: Buffer|string } entries. */
export function tar(files) {
    const parts = [];
    for (const [name, content] of Object.entries(files)) {
        const data = Buffer.from(content);
        parts.push(tarHeader(name, data.length), data, Buffer.alloc((512 - data.length % 512) % 512));
    }
    parts.push(Buffer.alloc(1024));
    return Buffer.concat(parts);
}

/** A docker-archive with one image per { tag, labels, created? } (created: an ISO date, 2026-01-01 by default). */
export function dockerArchive(images) {
    const layer = tar({ x: "x\n" });
    const layerSha = sha256(layer);
    const files = { [`${layerSha}/layer.tar`]: layer };
    const manifest = [];
    for (const { tag, labels, created = "2026-01-01T00:00:00Z" } of images) {
        const config = Buffer.from(JSON.stringify({
            architecture: "amd64",
            os: "linux",
            created,
            config: { Labels: labels, Cmd: ["/x"] },
            rootfs: { type: "layers", diff_ids: [`sha256:${layerSha}`] },
        }));
        const name = `${sha256(config)}.json`;
        files[name] = config;
        manifest.push({ Config: name, RepoTags: [tag], Layers: [`${layerSha}/layer.tar`] });
    }
    files["manifest.json"] = JSON.stringify(manifest);
    return tar(files);
}
