// The typed facade over window.cockpit. Everything in src/ reaches Cockpit through here.
import type { Cockpit, CockpitProblem, SpawnOptions } from "./types";

export type * from "./types";

// window.cockpit is looked up on each use, not at import: modules that import this one also
// load under Node (the unit tests), where there is no window.
export const cockpit: Cockpit = new Proxy({} as Cockpit, {
    get(_target, key) {
        const real = window.cockpit;
        const value: unknown = Reflect.get(real, key);
        return typeof value === "function" ? value.bind(real) : value;
    },
});

// The marks po/extract.js looks for (as Cockpit's own xgettext keywords).
export const _ = (message: string): string => cockpit.gettext(message);
/** Marks a string for extraction where it must be translated later (e.g. in a table). */
export const N_ = (message: string): string => message;
/** A message that needs a context to be translated right: C_("verb", "Run"). */
export const C_ = (context: string, message: string): string => cockpit.gettext(context, message);
/** The form of a message for a count, by the language's plural rule: ngettext("$0 file", "$0 files", n). */
export const ngettext = (singular: string, plural: string, n: number): string => cockpit.ngettext(singular, plural, n);
export const format: Cockpit["format"] = (template: string, ...args: unknown[]) =>
    (cockpit.format as (t: string, ...a: unknown[]) => string)(template, ...args);

/** A size in bytes: "512 B", "1.5 MB" ("1,5 MB" in German). Cockpit 287's format_bytes leaves bytes without a unit. */
export const formatBytes = (bytes: number): string =>
    bytes < 1000 ? format(_("$0 B"), bytes) : cockpit.format_bytes(bytes);

// Dates and times in the page's language (cockpit.language: "de", "pt_BR"), not the browser's.
const dateTimeStyles = {
    dateTime: { dateStyle: "medium", timeStyle: "short" },
    dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium" },
    timeSeconds: { timeStyle: "medium" },
} as const;

/** A date (or milliseconds) as text: "30 Nov 2026, 14:27" in the style named; "" for none or an invalid date. */
export function formatDate(date: Date | number | null | undefined, style: keyof typeof dateTimeStyles = "dateTime"): string {
    const d = typeof date === "number" ? new Date(date) : date;
    return !d || isNaN(d.getTime()) ? "" : formatter(style, () => new Intl.DateTimeFormat(locale(), dateTimeStyles[style])).format(d);
}

/** A number in the page's language, with at most `fractionDigits` decimals: "1.5", "1,5" in German. */
export function formatNumber(n: number, fractionDigits = 0): string {
    return formatter(`number ${fractionDigits}`, () => new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits })).format(n);
}

// One Intl formatter per language and kind, made on first use: a table formats a date per row.
const formatters = new Map<string, { format(value: Date | number): string }>();
function formatter(kind: string, make: () => { format(value: Date | number): string }) {
    const key = `${cockpit.language} ${kind}`;
    let made = formatters.get(key);
    if (made === undefined) {
        made = make();
        formatters.set(key, made);
    }
    return made;
}

/** cockpit.language as a BCP 47 tag: "pt_BR" → "pt-BR" ("en" before a language is set). */
export const languageTag = (): string => (cockpit.language ?? "en").replace("_", "-");

/** The language tag, or undefined (the browser's) if Intl refuses it. */
function locale(): string | undefined {
    const tag = languageTag();
    try {
        return Intl.DateTimeFormat.supportedLocalesOf(tag).length ? tag : undefined;
    } catch {
        return undefined;
    }
}

/** An error the UI can show: what failed, the command or file, and the tool's own words. */
export class HostError extends Error {
    constructor(message: string,
                readonly problem: string | null,
                readonly exitStatus: number | null,
                readonly details: string) {
        super(message);
        this.name = "HostError";
    }
}

export function isProblem(e: unknown): e is CockpitProblem {
    return typeof e === "object" && e !== null && "message" in e;
}

/** Turns a rejection from cockpit (or anything thrown) into a HostError with context. */
export function hostError(what: string, e: unknown): HostError {
    if (e instanceof HostError)
        return e;
    if (isProblem(e)) {
        const status = typeof e.exit_status === "number" ? e.exit_status : null;
        return new HostError(`${what}: ${e.message}`, e.problem ?? null, status, e.message);
    }
    return new HostError(`${what}: ${String(e)}`, null, null, String(e));
}

/** Runs argv (never a shell) and resolves with its standard output. */
export async function run(argv: string[], options: SpawnOptions = {}): Promise<string> {
    try {
        return await cockpit.spawn(argv, { err: "message", ...options });
    } catch (e) {
        throw hostError(argv.join(" "), e);
    }
}

/** Reads a text file; content is null when it does not exist. The tag guards later writes. */
export function readFile(path: string, superuser: SpawnOptions["superuser"] = "try"): Promise<{ content: string | null; tag: string }> {
    return new Promise((resolve, reject) => {
        const handle = cockpit.file(path, { superuser });
        handle.read()
                .then((content, tag) => { resolve({ content, tag: tag ?? "-" }); })
                .catch(e => reject(hostError(path, e)))
                .finally(() => handle.close());
    });
}

/**
 * Runs argv with its output read as bytes (a text channel refuses NUL bytes). The output is
 * kept when the command fails with an exit status that `acceptable` allows.
 */
export async function runBytes(argv: string[], options: SpawnOptions = {},
    acceptable: (e: HostError) => boolean = () => false, input?: Uint8Array): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    const proc = cockpit.spawn(argv, { err: "message", ...options, binary: true });
    if (input)
        proc.input(input);
    (proc.stream as unknown as (cb: (data: Uint8Array) => void) => void)(data => { chunks.push(data); });
    try {
        await proc;
    } catch (e) {
        const error = hostError(argv.join(" "), e);
        if (!acceptable(error))
            throw error;
    }
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => { all.set(c, at); return at + c.length; }, 0);
    return all;
}

/** Runs argv with `input` (bytes: file names that are not UTF-8 cannot go in an argv) on its standard input. */
export async function runWithBytes(argv: string[], input: Uint8Array, options: SpawnOptions = {}): Promise<void> {
    const proc = cockpit.spawn(argv, { err: "message", ...options, binary: true });
    proc.input(input);
    try {
        await proc;
    } catch (e) {
        throw hostError(argv.join(" "), e);
    }
}
