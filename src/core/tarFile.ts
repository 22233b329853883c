// Reads the one file in a tar stream, as `podman cp CONTAINER:PATH -` writes it: the image's
// list is copied out without running anything in the image and without a shell in it.
// cockpit.spawn hands output over as text; the UTF-8 round trip gives the bytes back.

import { N_ } from "./i18n";
import { CoreError } from "./text";

const BLOCK = 512;

export class TarError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "TarError";
    }
}

function field(bytes: Uint8Array, from: number, length: number): string {
    const slice = bytes.subarray(from, from + length);
    const end = slice.indexOf(0);
    return new TextDecoder().decode(end < 0 ? slice : slice.subarray(0, end));
}

function octal(bytes: Uint8Array, from: number, length: number): number {
    const text = field(bytes, from, length).trim();
    if (!/^[0-7]+$/.test(text))
        throw new TarError(N_("The tar stream has a malformed header (size \"$0\")."), text);
    return parseInt(text, 8);
}

export interface TarFile { name: string; type: "file" | "symlink" | "other"; content: string; linkTarget: string }

/** The first member that is not a pax/GNU extension header. */
export function firstTarMember(stream: string | Uint8Array): TarFile {
    const bytes = typeof stream === "string" ? new TextEncoder().encode(stream) : stream;
    let at = 0;
    while (at + BLOCK <= bytes.length) {
        const header = bytes.subarray(at, at + BLOCK);
        if (header.every(b => b === 0))
            break;
        const size = octal(bytes, at + 124, 12);
        const flag = String.fromCharCode(header[156]);
        const start = at + BLOCK;
        at = start + Math.ceil(size / BLOCK) * BLOCK;
        if ("xgLK".includes(flag))
            continue;
        if (start + size > bytes.length)
            throw new TarError(N_("The tar stream ends inside its file."));
        const type = flag === "0" || flag === "\0" ? "file" : flag === "2" ? "symlink" : "other";
        return {
            name: field(header, 0, 100),
            type,
            content: type === "file" ? new TextDecoder().decode(bytes.subarray(start, start + size)) : "",
            linkTarget: field(header, 157, 100),
        };
    }
    throw new TarError(N_("The tar stream holds no file."));
}
