// The label engine: turns an image's INSTALL/RUN/STOP/UNINSTALL label into the exact argv
// that will run, without a shell. Labels are untrusted input.

import { LabelSyntaxError, splitWords } from "./shellwords";
import { isEngineWord } from "./engineOptions";
import { privilegeWarnings, runMounts, type PrivilegeWarning } from "./engineArgs";
import type { LabelOptions } from "./model";

export { LabelSyntaxError, splitWords, formatCommand } from "./shellwords";
export { privilegeWarnings, injectEngineOptions, runMounts } from "./engineArgs";
export type { PrivilegeWarning, Mount } from "./engineArgs";

export interface ExpandContext {
    name: string;                     // the service/container name
    image: string;                    // the image reference
    engine: "podman" | "docker";      // replaces docker/podman as the first word
    opts?: LabelOptions;
    env?: Record<string, string>;     // more variables: PWD, HOME, SUDO_UID, SUDO_GID, RUN_OPTS, …
    extraArgs?: string[];             // appended as-is, one argv element each
}

export interface ExpandedCommand { argv: string[]; unknownVariables: string[] }

interface Reference {
    name: string;
    fallback: string | undefined;     // the `default` of ${VAR:-default}
    raw: string;                      // as written, for messages
}

type Segment = string | Reference;

const NAME_START = /[A-Za-z_]/;
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

function hasOwn(record: object, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(record, key);
}

function isNameChar(code: number): boolean {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function readName(word: string, from: number): number {
    let j = from;
    while (j < word.length && isNameChar(word.charCodeAt(j)))
        j++;
    return j;
}

// Parses the reference starting at word[i] === "$"; null when the `$` is literal.
function readReference(word: string, i: number): { ref: Reference; end: number } | null {
    const next = word[i + 1];
    if (next !== undefined && NAME_START.test(next)) {
        const end = readName(word, i + 1);
        return { ref: { name: word.slice(i + 1, end), fallback: undefined, raw: word.slice(i, end) }, end };
    }
    if (next !== "{")
        return null;
    const close = word.indexOf("}", i + 2);
    const shown = close < 0 ? word.slice(i) : word.slice(i, close + 1);
    if (close < 0)
        throw new LabelSyntaxError(`Unclosed variable reference "${shown}".`);
    const nameEnd = readName(word, i + 2);
    const name = word.slice(i + 2, nameEnd);
    if (name === "" || !NAME_START.test(name[0]))
        throw new LabelSyntaxError(`Malformed variable reference "${shown}": a name must start with a letter or "_".`);
    if (nameEnd === close)
        return { ref: { name, fallback: undefined, raw: shown }, end: close + 1 };
    if (!word.startsWith(":-", nameEnd))
        throw new LabelSyntaxError(`Unsupported variable reference "${shown}": only \${VAR} and \${VAR:-default} are understood.`);
    const fallback = word.slice(nameEnd + 2, close);
    // The default ends at the first "}", so a nested reference cannot be read reliably.
    if (fallback.includes("$"))
        throw new LabelSyntaxError(`Unsupported variable reference "${shown}": a default cannot contain another reference.`);
    return { ref: { name, fallback, raw: shown }, end: close + 1 };
}

function parseWord(word: string): Segment[] {
    const segments: Segment[] = [];
    let literal = "";
    let i = 0;
    for (;;) {
        const dollar = word.indexOf("$", i);
        if (dollar < 0)
            break;
        const found = readReference(word, dollar);
        if (found === null) {
            literal += word.slice(i, dollar + 1);
            i = dollar + 1;
            continue;
        }
        literal += word.slice(i, dollar);
        if (literal !== "")
            segments.push(literal);
        literal = "";
        segments.push(found.ref);
        i = found.end;
    }
    literal += word.slice(i);
    if (literal !== "")
        segments.push(literal);
    return segments;
}

class Expander {
    readonly unknown: string[] = [];
    private readonly seen = new Set<string>();
    constructor(private readonly ctx: ExpandContext) {}

    private lookup(name: string): string | undefined {
        const { ctx } = this;
        if (name === "NAME")
            return ctx.name;
        if (name === "IMAGE")
            return ctx.image;
        if (name === "OPT1" || name === "OPT2" || name === "OPT3")
            return ctx.opts?.[name] ?? "";
        if (ctx.env && hasOwn(ctx.env, name))
            return ctx.env[name];
        // Old atomic set these; images of that era still use them.
        if (name === "CONFDIR")
            return "/etc/" + ctx.name;
        if (name === "LOGDIR")
            return "/var/log/" + ctx.name;
        if (name === "DATADIR")
            return "/var/lib/" + ctx.name;
        return undefined;
    }

    value(ref: Reference): string {
        const value = this.lookup(ref.name);
        if (ref.fallback !== undefined && (value === undefined || value === ""))
            return ref.fallback;
        if (value !== undefined)
            return value;
        if (!this.seen.has(ref.name)) {
            this.seen.add(ref.name);
            this.unknown.push(ref.name);
        }
        return "";
    }

    word(word: string): string[] {
        const { ctx } = this;
        if (word === "NAME")
            return [ctx.name];
        if (word === "IMAGE")
            return [ctx.image];
        if (word === "NAME=NAME")
            return ["NAME=" + ctx.name];
        if (word === "IMAGE=IMAGE")
            return ["IMAGE=" + ctx.image];
        const segments = parseWord(word);
        const only = segments.length === 1 ? segments[0] : null;
        if (only !== null && typeof only !== "string" && only.name !== "NAME" && only.name !== "IMAGE") {
            const value = this.value(only);
            try {
                return splitWords(value);
            } catch (e) {
                if (e instanceof LabelSyntaxError)
                    throw new LabelSyntaxError(`The value of ${only.raw} cannot be split into words: ${e.message}`);
                throw e;
            }
        }
        if (segments.length === 0)
            return [""];
        return [segments.map(s => typeof s === "string" ? s : this.value(s)).join("")];
    }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Expands a label into the argv that will run; the rules are under "Labels" in docs/ARCHITECTURE.md. */
export function expandLabel(label: string, ctx: ExpandContext): ExpandedCommand {
    const words = splitWords(label);
    if (words.length === 0)
        throw new LabelSyntaxError("The label is blank: there is no command to run.");
    const expander = new Expander(ctx);
    const argv: string[] = [];
    for (const word of words) {
        for (const w of expander.word(word))
            argv.push(w);
    }
    if (argv.length === 0)
        throw new LabelSyntaxError(`The label expands to no command at all: ${label.trim().slice(0, 80)}`);
    if (isEngineWord(argv[0]))
        argv[0] = ctx.engine;
    for (const arg of ctx.extraArgs ?? [])
        argv.push(arg);
    // a line break in a word would become lines of its own in a unit file or a transient unit
    const control = argv.find(word => CONTROL.test(word));
    if (control !== undefined)
        throw new LabelSyntaxError(`A word of the command contains a control character (such as a line break), which is never run: ${JSON.stringify(control.slice(0, 60))}`);
    return { argv, unknownVariables: expander.unknown };
}

/** The last path part of an image reference without tag and digest. */
export function defaultName(imageRef: string): string {
    const last = imageRef.slice(imageRef.lastIndexOf("/") + 1);
    const noDigest = last.split("@")[0];
    return noDigest.split(":")[0];
}

/** null when the name is a valid container and unit name, else why not. */
export function validateName(name: string): string | null {
    if (CONTAINER_NAME.test(name))
        return null;
    if (name === "")
        return "The name is empty.";
    if (name.length > 63)
        return `The name "${name.slice(0, 20)}…" is ${name.length} characters long; at most 63 are allowed.`;
    if (!/^[a-zA-Z0-9]/.test(name))
        return `The name "${name}" must start with a letter or a digit.`;
    return `The name "${name}" may contain only letters, digits, "_", "." and "-".`;
}

/** Case-insensitive label lookup; an exact match wins, then atomic's order of spellings. */
export function findLabel(labels: Record<string, string> | null | undefined, key: string): string | undefined {
    if (!labels)
        return undefined;
    const lower = key.toLowerCase();
    const spellings = [key, lower, lower.charAt(0).toUpperCase() + lower.slice(1), key.toUpperCase()];
    for (const spelling of spellings) {
        if (hasOwn(labels, spelling))
            return labels[spelling];
    }
    for (const k of Object.keys(labels)) {
        if (k.toLowerCase() === lower)
            return labels[k];
    }
    return undefined;
}

/**
 * A label's command that only asks the host (a domain discovery, a host check), run without a
 * plan of its own: expanded, or null when the label is missing or does not parse, mounts a
 * host path writable, or asks for any privilege outside `allowed`.
 */
export function queryCommand(label: string | null | undefined, ctx: ExpandContext, allowed: PrivilegeWarning["kind"][]): string[] | null {
    if (label === null || label === undefined)
        return null;
    let argv: string[];
    try {
        argv = expandLabel(label, ctx).argv;
    } catch (e) {
        if (e instanceof LabelSyntaxError)
            return null;
        throw e;
    }
    const readOnly = runMounts(argv).every(m => m.readOnly);
    return readOnly && privilegeWarnings(argv).every(w => allowed.includes(w.kind)) ? argv : null;
}
