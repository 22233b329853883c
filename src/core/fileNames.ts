// File names are bytes; the page's strings are Unicode. A name that is not UTF-8 (a Latin-1
// "café" written by an old tool) must still be compared, stored and given back byte for byte:
// each byte that is not part of a valid UTF-8 sequence becomes the lone surrogate U+DC80–U+DCFF
// (as Python's "surrogateescape"), which JSON keeps as an escape and encodeFileName turns back.

const ESCAPE = 0xdc00;

// the length of the valid UTF-8 sequence at i, or 0
function sequenceAt(b: Uint8Array, i: number): number {
    const c = b[i];
    if (c < 0x80)
        return 1;
    const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        // no overlong forms (E0 A0..), no surrogates (ED ..9F)
        const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
        return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
        return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

/** Bytes (find's or sha256sum's output) as a string, every byte kept. */
export function decodeFileNames(bytes: Uint8Array): string {
    const decoder = new TextDecoder();
    let out = "";
    let start = 0;
    let i = 0;
    while (i < bytes.length) {
        const n = sequenceAt(bytes, i);
        if (n > 0) {
            i += n;
            continue;
        }
        out += decoder.decode(bytes.subarray(start, i)) + String.fromCharCode(ESCAPE + bytes[i]);
        i++;
        start = i;
    }
    return out + decoder.decode(bytes.subarray(start));
}

/** The bytes of a name decodeFileNames gave. */
export function encodeFileName(name: string): Uint8Array {
    const encoder = new TextEncoder();
    const parts: number[] = [];
    let start = 0;
    for (let i = 0; i < name.length; i++) {
        const c = name.charCodeAt(i);
        if (c >= ESCAPE + 0x80 && c <= ESCAPE + 0xff) {
            parts.push(...encoder.encode(name.slice(start, i)), c - ESCAPE);
            start = i + 1;
        }
    }
    parts.push(...encoder.encode(name.slice(start)));
    return Uint8Array.from(parts);
}

/** A name for people: each byte that is not UTF-8 as "\xNN". */
export function displayFileName(name: string): string {
    return name.replace(/[\udc80-\udcff]/g, c => "\\x" + (c.charCodeAt(0) - ESCAPE).toString(16).padStart(2, "0"));
}
