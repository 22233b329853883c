// What podman and docker do differently for the same intent. Every case here was seen on the real
// engines, Debian 12's podman 4.3.1 and docker.io 20.10.24, in the testbed (test/testbed/DOCKER.md),
// and the unit tests hold each one to the engine's recorded answer.

import { isEngineWord, parseEngineCommand, type EngineOption } from "./engineOptions";
import type { EngineName } from "./engineVersion";
import { isObject, parseJsonLine } from "./jsonShape";
import type { EngineEvent } from "./model";

/** The engine an argv runs (its first word, a path or not); null when it runs something else. */
export function engineOf(argv: string[]): EngineName | null {
    if (argv.length === 0 || !isEngineWord(argv[0]))
        return null;
    return argv[0].endsWith("docker") ? "docker" : "podman";
}

/**
 * Removes container NAME and succeeds when there is none. podman needs `--ignore` for that;
 * docker's rm has no `--ignore` ("unknown flag: --ignore", exit 125), and its `rm -f` of a
 * missing container prints "Error: No such container: NAME" but exits 0.
 */
export function removeContainerArgv(engine: EngineName, name: string, bin: string = engine): string[] {
    return engine === "podman" ? [bin, "rm", "-f", "--ignore", name] : [bin, "rm", "-f", name];
}

/**
 * The `events --format` that prints one JSON object a line. podman takes the word `json`;
 * docker 20.10 reads it as a Go template without actions and prints the word "json" for each
 * event, so it needs `{{json .}}`.
 */
export function eventsJsonFormat(engine: EngineName): string {
    return engine === "podman" ? "json" : "{{json .}}";
}

/**
 * Whether the engine said a path is not in the container, from `cp CONTAINER:PATH`:
 * podman "…: no such file or directory" or "could not find", docker
 * "Error: No such container:path: ID:PATH".
 */
export function saysNoSuchPath(text: string): boolean {
    return /no such file|not found|could not find|no such container:path/i.test(text);
}

/**
 * Whether the engine said there is no such container: podman "no such container", docker
 * "Error: No such container: NAME" (rm, container inspect) or "Error: No such object: NAME"
 * (inspect). docker's "No such container:path" is about a path, not the container.
 */
export function saysNoSuchContainer(text: string): boolean {
    return /no such container(?!:path)|no such object/i.test(text);
}

/**
 * Whether docker's client said it may not use the daemon's socket (a user outside the docker
 * group): "permission denied while trying to connect to the Docker daemon socket at …". The
 * daemon runs; the user needs administrative access.
 */
export function saysDaemonDenied(text: string): boolean {
    return /permission denied while trying to connect to the docker daemon socket/i.test(text);
}

/** Whether the engine said there is no such image: podman "image not known", docker "No such image: REF". */
export function saysNoSuchImage(text: string): boolean {
    return /no such image|image not known/i.test(text);
}

// Long options podman 4.3 knows that docker 20.10 refuses ("unknown flag: --X", exit 125), per
// subcommand; "" holds the options before the subcommand. Probed with docker's own client
// (test/fixtures/docker-options.sh), which also finds the flags docker hides from its help.
const RUN_ONLY_PODMAN = "annotation arch authfile cgroup-conf cgroups chrootdirs conmon-pidfile env-host env-merge " +
    "gidmap health-on-failure hostuser http-proxy image-volume init-path no-hosts os passwd-entry personality " +
    "pidfile pod pod-id-file quiet read-only-tmpfs replace requires rootfs sdnotify seccomp-policy secret " +
    "subgidname subuidname systemd timeout tls-verify tz uidmap umask unsetenv unsetenv-all variant";
const DOCKER_REFUSES: Record<string, string> = {
    "": "cgroup-manager conmon connection events-backend hooks-dir identity namespace network-cmd-path " +
        "network-config-dir noout remote root runroot runtime runtime-flag ssh storage-driver storage-opt syslog " +
        "tmpdir url volumepath",
    run: RUN_ONLY_PODMAN + " passwd preserve-fds rmi",
    create: RUN_ONLY_PODMAN + " init-ctr",
    stop: "all cidfile filter ignore latest",
    kill: "all cidfile latest",
    rm: "all cidfile depend filter ignore latest time",
    exec: "latest preserve-fds",
    start: "all filter latest sig-proxy",
    restart: "all cidfile filter latest running",
    pull: "arch authfile cert-dir creds os tls-verify variant",
    rmi: "all ignore",
};
const REFUSED = new Map(Object.entries(DOCKER_REFUSES).map(([sub, names]) => [sub, new Set(names.split(" ").map(n => "--" + n))]));

/**
 * The options of an engine command that its engine refuses: on docker, those only podman knows
 * (a label written for podman). podman accepts docker's options, so on podman there are none.
 */
export function refusedOptions(argv: string[]): EngineOption[] {
    if (engineOf(argv) !== "docker")
        return [];
    const command = parseEngineCommand(argv);
    const globals = REFUSED.get("")!;
    const local = REFUSED.get(command.subcommand);
    return [
        ...command.globals.filter(o => globals.has(o.name)),
        ...(local ? command.options.filter(o => local.has(o.name)) : []),
    ];
}

const DOCKER_EVENT_TYPES: ReadonlySet<string> = new Set(["image", "container", "volume", "network"]);

/**
 * One line of `docker events --format '{{json .}}'`, as the page's event type; null for a line
 * that is not an event. docker names the action `Action`, the object `Actor.ID` and
 * `Actor.Attributes.name`, and the time in Unix nanoseconds (`timeNano`).
 */
export function parseDockerEvent(line: string): EngineEvent | null {
    const value = parseJsonLine(line);
    if (!isObject(value) || typeof value.Action !== "string" || value.Action === "")
        return null;
    const rawType = typeof value.Type === "string" ? value.Type : "";
    const actor = isObject(value.Actor) ? value.Actor : {};
    const attributes = isObject(actor.Attributes) ? actor.Attributes : {};
    const ms = typeof value.timeNano === "number" ? value.timeNano / 1e6 : typeof value.time === "number" ? value.time * 1000 : NaN;
    return {
        type: DOCKER_EVENT_TYPES.has(rawType) ? rawType as EngineEvent["type"] : "other",
        status: value.Action,
        id: typeof actor.ID === "string" && actor.ID !== "" ? actor.ID : null,
        name: typeof attributes.name === "string" && attributes.name !== "" ? attributes.name : null,
        time: Number.isFinite(ms) ? new Date(ms).toISOString() : null,
    };
}
