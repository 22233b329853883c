// What an expanded engine command would do to the host: risky options, bind mounts,
// and where our own engine options go.

import { isEngineWord, parseEngineCommand, positionalIndices, type EngineOption } from "./engineOptions";

export interface PrivilegeWarning {
    kind: "privileged" | "cap-add" | "label-disable" | "host-network" | "host-pid" | "host-ipc" |
          "host-root-mount" | "host-mount" | "not-engine";
    arg: string;
}

export interface Mount { source: string; target: string; readOnly: boolean }

const RUN_SUBCOMMANDS = new Set(["run", "create"]);

// pflag's strconv.ParseBool: the values a flag such as --privileged=… accepts as false.
const FALSE_VALUES = new Set(["false", "f", "0", "FALSE", "False", "F"]);

// A host path is absolute; podman also binds ./ and ../ paths (no volume name starts with ".").
function isHostPath(source: string): boolean {
    return source.startsWith("/") || source === "." || source === ".." ||
        source.startsWith("./") || source.startsWith("../");
}

function isHostRoot(source: string): boolean {
    if (!source.startsWith("/"))
        return false;
    const parts: string[] = [];
    for (const part of source.split("/")) {
        if (part === "" || part === ".")
            continue;
        if (part === "..")
            parts.pop();
        else
            parts.push(part);
    }
    return parts.length === 0;
}

// `-v SRC:DST[:OPTS]`; one part is an anonymous volume, a source without "/" a named volume.
function volumeMount(spec: string): Mount | null {
    const parts = spec.split(":");
    if (parts.length < 2 || !isHostPath(parts[0]))
        return null;
    const flags = parts.slice(2).flatMap(p => p.split(","));
    return { source: parts[0], target: parts[1], readOnly: flags.includes("ro") || flags.includes("readonly") };
}

// --mount takes CSV: fields may be double-quoted to hold commas.
function csvFields(text: string): string[] {
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === "\"" && text[i + 1] === "\"") {
                field += "\"";
                i++;
            } else if (c === "\"") {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c === "\"") {
            quoted = true;
        } else if (c === ",") {
            fields.push(field);
            field = "";
        } else {
            field += c;
        }
    }
    fields.push(field);
    return fields;
}

// `--mount type=bind,source=/a,target=/b,readonly`; glob mounts bind host paths too.
function mountOptionMount(spec: string): Mount | null {
    let type = "volume";
    let source = "";
    let target = "";
    let readOnly = false;
    for (const field of csvFields(spec)) {
        const eq = field.indexOf("=");
        const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
        const value = eq < 0 ? undefined : field.slice(eq + 1);
        if (key === "type")
            type = value ?? "";
        else if (key === "source" || key === "src")
            source = value ?? "";
        else if (key === "target" || key === "destination" || key === "dst" || key === "dest")
            target = value ?? "";
        else if (key === "readonly" || key === "ro")
            readOnly = value === undefined || !FALSE_VALUES.has(value);
    }
    if ((type !== "bind" && type !== "glob") || !isHostPath(source))
        return null;
    return { source, target, readOnly };
}

function optionMount(option: EngineOption): Mount | null {
    if (option.value === undefined)
        return null;
    if (option.name === "--volume")
        return volumeMount(option.value);
    if (option.name === "--mount")
        return mountOptionMount(option.value);
    return null;
}

function optionWarning(option: EngineOption): PrivilegeWarning | null {
    const { name, value, text } = option;
    switch (name) {
    case "--privileged":
        return value !== undefined && FALSE_VALUES.has(value) ? null : { kind: "privileged", arg: text };
    case "--cap-add":
        return { kind: "cap-add", arg: text };
    case "--security-opt":
        return value === "label=disable" || value === "label:disable" ? { kind: "label-disable", arg: text } : null;
    case "--net":
    case "--network":
        return value === "host" ? { kind: "host-network", arg: text } : null;
    case "--pid":
        return value === "host" ? { kind: "host-pid", arg: text } : null;
    case "--ipc":
        return value === "host" ? { kind: "host-ipc", arg: text } : null;
    }
    const mount = optionMount(option);
    if (mount === null)
        return null;
    return { kind: isHostRoot(mount.source) ? "host-root-mount" : "host-mount", arg: text };
}

/** One warning per risky argument of the engine command, in argv order. */
export function privilegeWarnings(argv: string[]): PrivilegeWarning[] {
    if (argv.length === 0)
        return [];
    if (!isEngineWord(argv[0]))
        return [{ kind: "not-engine", arg: argv[0] }];
    const warnings: PrivilegeWarning[] = [];
    for (const option of parseEngineCommand(argv).options) {
        const warning = optionWarning(option);
        if (warning)
            warnings.push(warning);
    }
    return warnings;
}

/** The host paths a `run`/`create` command binds into the container. */
export function runMounts(argv: string[]): Mount[] {
    if (argv.length === 0 || !isEngineWord(argv[0]))
        return [];
    const command = parseEngineCommand(argv);
    if (!RUN_SUBCOMMANDS.has(command.subcommand))
        return [];
    const mounts: Mount[] = [];
    for (const option of command.options) {
        const mount = optionMount(option);
        if (mount)
            mounts.push(mount);
    }
    return mounts;
}

/** Inserts options right before the image argument of a `run`/`create` command. */
export function injectEngineOptions(argv: string[], image: string, options: string[]): string[] {
    const command = argv.length > 0 && isEngineWord(argv[0]) ? parseEngineCommand(argv) : null;
    if (command === null || !RUN_SUBCOMMANDS.has(command.subcommand))
        throw new Error(`Not a run or create command of the container engine: ${argv.slice(0, 3).join(" ")}`);
    const { indices, endOfOptions } = positionalIndices(argv, command.subcommandIndex + 1);
    const imageAt = indices.find(i => argv[i] === image);
    if (imageAt === undefined)
        throw new Error(`The ${command.subcommand} command has no image argument "${image}".`);
    // After "--" every word is positional, so options must go before it.
    const at = endOfOptions >= 0 && endOfOptions < imageAt ? endOfOptions : imageAt;
    return [...argv.slice(0, at), ...options, ...argv.slice(at)];
}
