// Writes the systemd unit that runs a service's container, from its RUN label ("Units" in docs/ARCHITECTURE.md):
// a classic podman unit on podman < 4.4 or cgroup v1, a Quadlet .container file on podman ≥ 4.4
// with cgroup v2. Also turns a legacy `/usr/bin/atomic run` unit into a podman unit of the same name.
//
// The classic unit is the shape verified on the testbed (podman 4.3.1, cgroup v2):
// `podman run --rm --replace --name NAME --sdnotify=conmon --cgroups=split -d …` with
// Type=notify and NotifyAccess=all; conmon is the main process and exits with the payload's
// status, so a payload that ignores SIGTERM and is killed on stop (137) counts as stopped.

import { removeContainerArgv } from "./engineDialect";
import { compareVersions, type EngineName } from "./engineVersion";
import { parseEngineCommand, SHORT_NAMES, type EngineOption } from "./engineOptions";
import { N_ } from "./i18n";
import { expandLabel, findLabel, validateName, type ExpandContext } from "./labels";
import { CoreError } from "./text";
import { parseUnitFile } from "./unitFile";

export class UnitGenError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "UnitGenError";
    }
}

export type UnitFlavor = "classic" | "quadlet";

export interface UnitGenInput {
    name: string;                  // container name and unit stem
    engine: EngineName;
    runArgv: string[];             // the expanded RUN label (or the default run), engine word first
    description?: string;
    /** [Unit] keys to keep from a unit being replaced (Description, Before, After, Wants, …). */
    unitSection?: Record<string, string[]>;
    wantedBy?: string[];
}

export interface GeneratedUnit {
    flavor: UnitFlavor;
    unit: string;                  // "NAME.service"
    path: string;                  // the file to write
    content: string;
    dropped: string[];             // RUN options the unit replaces or cannot keep, as written
}

export const UNIT_DIR = "/etc/systemd/system";
export const QUADLET_DIR = "/etc/containers/systemd";

/** The RUN label expanded for `ctx`, or atomic's default run without one; throws LabelSyntaxError. */
export function runArgvFor(labels: Record<string, string>, ctx: ExpandContext): string[] {
    const label = findLabel(labels, "RUN");
    if (label === undefined)
        return [ctx.engine, "run", "-d", "--name", ctx.name, ctx.image];
    return expandLabel(label, ctx).argv;
}

/** Quadlet needs podman 4.4 and cgroup v2; docker and older podman get a classic unit. */
export function chooseFlavor(engine: EngineName, version: string, cgroupV2: boolean): UnitFlavor {
    return engine === "podman" && cgroupV2 && compareVersions(version, "4.4") >= 0 ? "quadlet" : "classic";
}

// Options the unit itself decides: detaching, removal, naming, restarts, notification, cgroups.
const DROPPED = new Set(["-d", "--detach", "--rm", "--name", "--replace", "--restart", "--sdnotify", "--cgroups",
    "-i", "--interactive", "-t", "--tty", "--attach"]);

const LETTER: Record<string, string> = Object.fromEntries(Object.entries(SHORT_NAMES).map(([k, v]) => [v, k]));

function letterOf(option: EngineOption): string {
    return option.name.startsWith("--") ? LETTER[option.name] : option.name.slice(1);
}

interface RunParts {
    globals: string[];             // engine options before `run`
    options: EngineOption[][];     // kept options, grouped by the argv word they start at
    words: string[][];             // the words of each kept group, as they will be written
    image: string;
    command: string[];
    restart: string;
    dropped: string[];
}

function mapRestart(value: string | undefined): string {
    const policy = (value ?? "").split(":")[0];
    if (policy === "always" || policy === "unless-stopped")
        return "always";
    if (policy === "no")
        return "no";
    return "on-failure";
}

// Splits `podman run [options] IMAGE [command…]`, without the options the unit decides.
function readRun(argv: string[]): RunParts {
    const parsed = parseEngineCommand(argv);
    if (parsed.subcommand !== "run")
        throw new UnitGenError(N_("The RUN label does not run a container (“$0 run …”), so no unit can be made from it."), argv[0] ?? "");
    const image = argv[parsed.firstPositional];
    if (image === undefined)
        throw new UnitGenError(N_("The RUN label names no image."));
    const restart = mapRestart(parsed.options.filter(o => o.name === "--restart").pop()?.value);
    const groups = new Map<number, EngineOption[]>();
    for (const o of parsed.options)
        groups.set(o.index, [...(groups.get(o.index) ?? []), o]);
    const starts = [...groups.keys()];
    const parts: RunParts = {
        globals: argv.slice(1, parsed.subcommandIndex), options: [], words: [], image, restart,
        command: argv.slice(parsed.firstPositional + 1), dropped: [],
    };
    starts.forEach((start, k) => {
        const group = groups.get(start)!;
        const end = k + 1 < starts.length ? starts[k + 1] : parsed.firstPositional;
        const span = argv.slice(start, end).filter((w, i) => !(i > 0 && w === "--" && start + i === end - 1));
        const kept = group.filter(o => !DROPPED.has(o.name));
        if (kept.length < group.length)
            parts.dropped.push(group[0].text);
        if (kept.length === 0)
            return;
        if (kept.length === group.length) {
            parts.options.push(kept);
            parts.words.push(span);
            return;
        }
        // a cluster such as -dit or -dv /a:/b: keep the letters the unit does not decide
        const last = kept[kept.length - 1];
        const letters = "-" + kept.map(letterOf).join("");
        const words = last.value === undefined ? [letters] : span.length > 1 ? [letters, last.value] : [letters + last.value];
        parts.options.push(kept);
        parts.words.push(words);
    });
    return parts;
}

// A word in ExecStart as systemd splits it: % and $ doubled, quoted when it holds blanks or quotes.
function execWord(word: string, dollars: boolean): string {
    let s = word.replace(/%/g, "%%");
    if (dollars)
        s = s.replace(/\$/g, "$$$$");
    if (s === "" || s === ";" || /[\s"'\\]/.test(s))
        s = "\"" + s.replace(/\\/g, "\\\\").replace(/"/g, "\\\"") + "\"";
    return s;
}

function execLine(words: string[][], dollars: boolean): string {
    return words.map(group => group.map(w => execWord(w, dollars)).join(" ")).join(" \\\n        ");
}

function unitSection(input: UnitGenInput, image: string): string[] {
    const keep = input.unitSection ?? {};
    const lines: string[] = [];
    const description = keep.Description?.at(-1) ?? input.description ?? `${input.name} (system container ${image})`;
    lines.push("[Unit]", `Description=${description}`);
    const wants = new Set(keep.Wants ?? []);
    const after = new Set(keep.After ?? []);
    const before = new Set(keep.Before ?? []);
    wants.add("network-online.target");
    after.add("network-online.target");
    const joined = (s: Set<string>) => [...s].join(" ");
    lines.push(`Wants=${joined(wants)}`, `After=${joined(after)}`);
    if (before.size > 0)
        lines.push(`Before=${joined(before)}`);
    for (const key of ["Requires", "Conflicts", "Documentation"]) {
        for (const value of keep[key] ?? [])
            lines.push(`${key}=${value}`);
    }
    return lines;
}

function installSection(input: UnitGenInput): string[] {
    const targets = input.wantedBy?.length ? input.wantedBy : ["multi-user.target"];
    return ["[Install]", `WantedBy=${targets.join(" ")}`];
}

const HEADER = "# Written by System Services from the image's RUN label; edit freely.";

function classic(input: UnitGenInput, run: RunParts): string {
    const bin = `/usr/bin/${input.engine}`;
    const name = input.name;
    const service: string[] = ["[Service]"];
    let start: string[][];
    if (input.engine === "podman") {
        service.push("Environment=PODMAN_SYSTEMD_UNIT=%n", "Type=notify", "NotifyAccess=all");
        start = [[bin, ...run.globals, "run", "--rm", "--replace", "--name", name, "--sdnotify=conmon", "--cgroups=split", "-d"]];
    } else {
        // docker has no sd_notify (nor --replace or --cgroups): the client stays in the foreground
        // as the main process and exits with the container's status; a container left by a
        // killed client is removed before the start
        service.push("Type=simple", `ExecStartPre=-${execLine([removeContainerArgv("docker", name, bin)], true)}`);
        start = [[bin, ...run.globals, "run", "--rm", "--name", name]];
    }
    start.push(...run.words, [run.image, ...run.command]);
    service.push(`Restart=${run.restart}`,
                 "# a payload that ignores SIGTERM is killed on stop: that is a stop, not a failure",
                 "SuccessExitStatus=137 143",
                 "TimeoutStopSec=70",
                 `ExecStart=${execLine(start, true)}`,
                 `ExecStop=${bin} stop${input.engine === "podman" ? " --ignore" : ""} -t 10 ${execWord(name, true)}`);
    if (input.engine === "podman")
        service.push(`ExecStopPost=${execLine([removeContainerArgv("podman", name, bin)], true)}`);
    return [HEADER, ...unitSection(input, run.image), "", ...service, "", ...installSection(input), ""].join("\n");
}

// Options with a Quadlet key of their own (podman 4.4); everything else goes to PodmanArgs=.
const QUADLET_KEYS: Record<string, string> = {
    "--volume": "Volume", "--network": "Network", "--net": "Network", "--publish": "PublishPort",
    "--label": "Label", "--cap-add": "AddCapability", "--cap-drop": "DropCapability", "--user": "User",
};

function quadlet(input: UnitGenInput, run: RunParts): string {
    const container = ["[Container]", `Image=${run.image}`, `ContainerName=${input.name}`];
    const podmanArgs: string[][] = [];
    if (run.globals.length > 0)
        podmanArgs.push(run.globals);
    run.options.forEach((group, k) => {
        const o = group[0];
        const key = group.length === 1 && o.value !== undefined ? QUADLET_KEYS[o.name] : undefined;
        if (key)
            container.push(`${key}=${execWord(o.value!, false)}`);
        else if (group.length === 1 && o.name === "--env" && o.value?.includes("="))
            container.push(`Environment=${execWord(o.value, false)}`);
        else
            podmanArgs.push(run.words[k]);
    });
    if (podmanArgs.length > 0)
        container.push(`PodmanArgs=${podmanArgs.map(g => g.map(w => execWord(w, false)).join(" ")).join(" ")}`);
    if (run.command.length > 0)
        container.push(`Exec=${run.command.map(w => execWord(w, false)).join(" ")}`);
    const service = ["[Service]", `Restart=${run.restart}`, "SuccessExitStatus=137 143", "TimeoutStopSec=70"];
    return [HEADER, ...unitSection(input, run.image), "", ...container, "", ...service, "", ...installSection(input), ""].join("\n");
}

/** The unit for the service `input.name`, as a file to show, edit and write. */
export function generateUnit(input: UnitGenInput, flavor: UnitFlavor): GeneratedUnit {
    const problem = validateName(input.name);
    if (problem !== null)
        throw new UnitGenError(N_("Not a valid service name: $0"), problem);
    const run = readRun(input.runArgv);
    const useQuadlet = flavor === "quadlet" && input.engine === "podman";
    return {
        flavor: useQuadlet ? "quadlet" : "classic",
        unit: `${input.name}.service`,
        path: useQuadlet ? `${QUADLET_DIR}/${input.name}.container` : `${UNIT_DIR}/${input.name}.service`,
        content: useQuadlet ? quadlet(input, run) : classic(input, run),
        dropped: run.dropped,
    };
}

/**
 * A legacy unit (`ExecStart=/usr/bin/atomic run …`) rewritten as a classic podman unit at the same
 * path, so its name and the places that name it stay: its [Unit] ordering and [Install] targets are kept.
 */
export function regenerateLegacyUnit(oldText: string, path: string, input: Omit<UnitGenInput, "unitSection" | "wantedBy">): GeneratedUnit {
    const old = parseUnitFile(oldText);
    const generated = generateUnit({ ...input, unitSection: old.Unit ?? {}, wantedBy: old.Install?.WantedBy ?? [] }, "classic");
    return { ...generated, unit: path.slice(path.lastIndexOf("/") + 1), path };
}
