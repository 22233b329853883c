// The install record, /etc/containers/system-services/NAME/service.json (docs/ARCHITECTURE.md):
// where it lives, how it is read back strictly, and how it is written without secrets.

import { N_ } from "./i18n";
import { validateName } from "./labels";
import type { EngineName } from "./engineVersion";
import type { LabelOptions, ServiceRecord } from "./model";
import { CoreError } from "./text";
import { describeJson, isObject, isStringArray, type JsonObject } from "./jsonShape";

export class RecordError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "RecordError";
    }
}

export const RECORDS_DIR = "/etc/containers/system-services";

function checkedName(name: string): string {
    const problem = validateName(name);
    if (problem !== null)
        throw new RecordError(N_("Not a valid service name: $0"), problem);
    return name;
}

/** The service's folder; throws for a name that is not a valid container and unit name. */
export function recordDir(name: string): string {
    return `${RECORDS_DIR}/${checkedName(name)}`;
}

export function recordPath(name: string): string {
    return recordDir(name) + "/service.json";
}

/** The per-host override of the image's /etc/host-data-list. */
export function overridePath(name: string): string {
    return recordDir(name) + "/host-data-list";
}

type Options = LabelOptions;
const OPTION_KEYS: readonly string[] = ["OPT1", "OPT2", "OPT3"];
const KEYS = ["version", "name", "image", "imageId", "engine", "installedAt", "unit", "options", "extraArgs", "previousImageId"];
const UNIT_NAME = /^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.service$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function fail(field: string, expected: string, value: unknown): never {
    throw new RecordError(N_("The install record's \"$0\" is $1, not $2."), field, describeJson(value), expected);
}

function readString(obj: JsonObject, field: string): string {
    const value = obj[field];
    if (typeof value !== "string" || value === "")
        fail(field, N_("a non-empty string"), value);
    return value;
}

function readNullable(obj: JsonObject, field: string): string | null {
    return obj[field] === null ? null : readString(obj, field);
}

function readOptions(value: unknown): Options {
    if (!isObject(value))
        fail("options", N_("an object"), value);
    const options: Options = {};
    for (const [key, v] of Object.entries(value)) {
        if (key !== "OPT1" && key !== "OPT2" && key !== "OPT3")
            throw new RecordError(N_("The install record has an unknown option \"$0\"; only OPT1, OPT2 and OPT3 are kept."), key);
        if (typeof v !== "string")
            fail("options." + key, N_("a string"), v);
        options[key] = v;
    }
    return options;
}

/**
 * Reads service.json strictly: any missing, extra or mistyped field is a RecordError saying which.
 * With `expectedName` (the folder it was read from) a record naming another service is refused.
 */
export function parseRecord(text: string, expectedName?: string): ServiceRecord {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw new RecordError(N_("The install record is not JSON: $0"), String(e instanceof Error ? e.message : e));
    }
    if (!isObject(value))
        throw new RecordError(N_("The install record is $0, not an object."), describeJson(value));
    if (value.version !== 1)
        throw new RecordError(N_("The install record has version $0; this page reads version 1."), JSON.stringify(value.version) ?? "none");
    for (const key of Object.keys(value)) {
        if (!KEYS.includes(key))
            throw new RecordError(N_("The install record has an unknown field \"$0\"."), key);
    }
    for (const key of KEYS) {
        if (!(key in value))
            throw new RecordError(N_("The install record has no \"$0\"."), key);
    }
    const name = readString(value, "name");
    checkedName(name);
    if (expectedName !== undefined && name !== expectedName)
        throw new RecordError(N_("The install record in the folder of \"$0\" names another service, \"$1\"."), expectedName, name);
    const engine = value.engine;
    if (engine !== "podman" && engine !== "docker")
        fail("engine", "\"podman\" or \"docker\"", engine);
    const installedAt = readString(value, "installedAt");
    if (!ISO_UTC.test(installedAt) || Number.isNaN(Date.parse(installedAt)))
        fail("installedAt", N_("a UTC date and time (ISO 8601)"), installedAt);
    const unit = readNullable(value, "unit");
    if (unit !== null && !UNIT_NAME.test(unit))
        fail("unit", N_("a service unit name"), unit);
    if (!isStringArray(value.extraArgs))
        fail("extraArgs", N_("a list of strings"), value.extraArgs);
    return {
        version: 1,
        name,
        image: readString(value, "image"),
        imageId: readString(value, "imageId"),
        engine,
        installedAt,
        options: readOptions(value.options),
        extraArgs: [...value.extraArgs],
        unit,
        previousImageId: readNullable(value, "previousImageId"),
    };
}

// Words of an option name that mean a secret: --password, --admin-password, --bind-pw, --otp, …
const SECRET_WORDS = new Set(["password", "passwd", "passphrase", "pass", "pw", "pwd", "secret", "secrets",
    "otp", "token", "credential", "credentials", "apikey"]);

// Short options that take a password in the tools system containers run: ipa-client-install -w,
// and ldapsearch -w
const SECRET_SHORT = new Set(["w"]);

/** Whether an option key or an argument such as "--one-time-password=…" or "-w" names a secret. */
export function looksLikeSecret(word: string): boolean {
    if (/^-[^-]/.test(word) && SECRET_SHORT.has(word[1]))
        return true;
    const name = word.replace(/^-+/, "").split("=")[0].toLowerCase();
    return name.split(/[-_.]/).some(part => SECRET_WORDS.has(part) || part.endsWith("password") || part.endsWith("passwd"));
}

/**
 * The first argument that passes a password (an option such as --password=…, -w), or null.
 * Only options are judged: a bare value cannot be told apart from a secret.
 */
export function secretArgument(args: string[]): string | null {
    return args.find(word => word.startsWith("-") && looksLikeSecret(word)) ?? null;
}

// Records never hold secrets: secrets go through a file under /run/system-services.
function refuseSecrets(r: ServiceRecord): void {
    for (const key of Object.keys(r.options)) {
        if (!OPTION_KEYS.includes(key)) {
            throw new RecordError(looksLikeSecret(key)
                ? N_("The option \"$0\" looks like a password; passwords are never written to the install record.")
                : N_("The install record has an unknown option \"$0\"; only OPT1, OPT2 and OPT3 are kept."), key);
        }
    }
    const words = [...Object.values(r.options), ...r.extraArgs];
    for (const word of words) {
        // Only options are judged: a bare value cannot be told apart from a secret. The value itself is not shown.
        if (word.startsWith("-") && looksLikeSecret(word))
            throw new RecordError(N_("The argument \"$0\" passes a password; passwords are never written to the install record."), word.split("=")[0]);
    }
}

/**
 * service.json as written: 4-space JSON in a fixed key order and a final newline, so the same
 * record always gives the same bytes. Throws a RecordError rather than write anything that
 * looks like a password (an option key, or an argument such as --password=… / --otp …).
 */
export function serializeRecord(r: ServiceRecord): string {
    checkedName(r.name);
    if (r.unit !== null && !UNIT_NAME.test(r.unit))
        fail("unit", N_("a service unit name"), r.unit);
    refuseSecrets(r);
    const options: Options = {};
    for (const key of ["OPT1", "OPT2", "OPT3"] as const) {
        if (r.options[key] !== undefined)
            options[key] = r.options[key];
    }
    const ordered = {
        version: r.version,
        name: r.name,
        image: r.image,
        imageId: r.imageId,
        engine: r.engine,
        installedAt: r.installedAt,
        unit: r.unit,
        options,
        extraArgs: r.extraArgs,
        previousImageId: r.previousImageId,
    };
    return JSON.stringify(ordered, null, 4) + "\n";
}

export interface NewRecord {
    name: string;
    image: string;
    imageId: string;
    engine: EngineName;
    options?: Options;
    extraArgs?: string[];
    unit?: string | null;
}

/** The record of a fresh install at `now`; empty options are left out, the ID loses "sha256:". */
export function newRecord(fields: NewRecord, now: Date): ServiceRecord {
    const options: Options = {};
    for (const key of ["OPT1", "OPT2", "OPT3"] as const) {
        const value = fields.options?.[key];
        if (value !== undefined && value !== "")
            options[key] = value;
    }
    const record: ServiceRecord = {
        version: 1,
        name: checkedName(fields.name),
        image: fields.image,
        imageId: fields.imageId.startsWith("sha256:") ? fields.imageId.slice(7) : fields.imageId,
        engine: fields.engine,
        installedAt: now.toISOString(),
        options,
        extraArgs: [...(fields.extraArgs ?? [])],
        unit: fields.unit ?? null,
        previousImageId: null,
    };
    refuseSecrets(record);
    return record;
}
