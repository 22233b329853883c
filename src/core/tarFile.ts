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

export interface TarMember { name: string; type: TarFile["type"]; bytes: Uint8Array; linkTarget: string }

/**
 * Every member of a tar stream, in order, with long names resolved: GNU tar's "L" header, a
 * pax "x" header's path, or the ustar prefix field (all three occur for names over 100 bytes).
 */
export function tarMembers(stream: Uint8Array): TarMember[] {
    const members: TarMember[] = [];
    let at = 0;
    let longName: string | null = null;
    while (at + BLOCK <= stream.length) {
        const header = stream.subarray(at, at + BLOCK);
        if (header.every(b => b === 0))
            break;
        const size = octal(stream, at + 124, 12);
        const flag = String.fromCharCode(header[156]);
        const start = at + BLOCK;
        at = start + Math.ceil(size / BLOCK) * BLOCK;
        if (start + size > stream.length)
            throw new TarError(N_("The tar stream ends inside its file."));
        const data = stream.subarray(start, start + size);
        if (flag === "L") {
            longName = field(data, 0, data.length);
            continue;
        }
        if (flag === "x") {
            longName = paxPath(data) ?? longName;
            continue;
        }
        if ("gK".includes(flag))
            continue;
        const prefix = field(header, 345, 155);
        const name = longName ?? (prefix ? prefix + "/" : "") + field(header, 0, 100);
        longName = null;
        const type = flag === "0" || flag === "\0" ? "file" : flag === "2" ? "symlink" : "other";
        members.push({ name, type, bytes: type === "file" ? data : new Uint8Array(), linkTarget: field(header, 157, 100) });
    }
    return members;
}

// A pax header's records are "LENGTH key=value\n", LENGTH in bytes; only the path is wanted.
function paxPath(data: Uint8Array): string | null {
    let at = 0;
    while (at < data.length) {
        const space = data.indexOf(0x20, at);
        const length = space < 0 ? NaN : Number(new TextDecoder().decode(data.subarray(at, space)));
        if (!(length > space - at + 1) || at + length > data.length)
            return null;
        const record = new TextDecoder().decode(data.subarray(space + 1, at + length - 1));
        if (record.startsWith("path="))
            return record.slice(5);
        at += length;
    }
    return null;
}

/** The first member that is not a pax/GNU extension header. */
export function firstTarMember(stream: string | Uint8Array): TarFile {
    const bytes = typeof stream === "string" ? new TextEncoder().encode(stream) : stream;
    const member = tarMembers(bytes)[0];
    if (!member)
        throw new TarError(N_("The tar stream holds no file."));
    return { name: member.name, type: member.type, content: new TextDecoder().decode(member.bytes), linkTarget: member.linkTarget };
}
