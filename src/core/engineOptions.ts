// Reads a podman/docker argv the way the engine's option parser (pflag) does:
// which words are global options, the subcommand, its options and their values.

// Long options of `run`/`create` (podman and docker) that take a value; `exec`, `stop`
// and `kill` share most of them. Every other option is a flag, as pflag would parse it.
const VALUE_OPTIONS = new Set([
    "add-host", "annotation", "arch", "attach", "authfile", "blkio-weight", "blkio-weight-device",
    "cap-add", "cap-drop", "cert-dir", "cgroup-conf", "cgroup-parent", "cgroupns", "cgroups",
    "chrootdirs", "cidfile", "conmon-pidfile", "cpu-count", "cpu-percent", "cpu-period",
    "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus",
    "cpuset-mems", "creds", "decryption-key", "detach-keys", "device", "device-cgroup-rule",
    "device-read-bps", "device-read-iops", "device-write-bps", "device-write-iops", "dns",
    "dns-opt", "dns-option", "dns-search", "domainname", "entrypoint", "env", "env-file",
    "env-merge", "expose", "gidmap", "gpus", "group-add", "group-entry", "health-cmd",
    "health-interval", "health-log-destination", "health-max-log-count", "health-max-log-size",
    "health-on-failure", "health-retries", "health-start-interval", "health-start-period",
    "health-startup-cmd", "health-startup-interval", "health-startup-retries",
    "health-startup-success", "health-startup-timeout", "health-timeout", "hostname", "hostuser",
    "image-volume", "init-path", "io-maxbandwidth", "io-maxiops", "ip", "ip6", "ipc", "isolation",
    "kernel-memory", "label", "label-file", "link", "link-local-ip", "log-driver", "log-opt",
    "mac-address", "memory", "memory-reservation", "memory-swap", "memory-swappiness", "mount",
    "name", "net", "net-alias", "network", "network-alias", "oom-score-adj", "os", "passwd-entry",
    "personality", "pid", "pidfile", "pids-limit", "platform", "pod", "pod-id-file", "preserve-fd",
    "preserve-fds", "publish", "pull", "rdt-class", "requires", "restart", "retry", "retry-delay",
    "runtime", "sdnotify", "seccomp-policy", "secret", "security-opt", "shm-size",
    "shm-size-systemd", "signal", "stop-signal", "stop-timeout", "storage-opt", "subgidname",
    "subuidname", "sysctl", "systemd", "time", "timeout", "tmpfs", "uidmap", "ulimit", "umask",
    "unsetenv", "user", "userns", "uts", "variant", "volume", "volume-driver", "volumes-from",
    "workdir",
]);

// -a attach, -c cpu-shares, -e env, -h hostname, -l label, -m memory, -p publish, -u user,
// -v volume, -w workdir.
const VALUE_SHORTS = new Set(["a", "c", "e", "h", "l", "m", "p", "u", "v", "w"]);
export const SHORT_NAMES: Record<string, string> = {
    a: "--attach", c: "--cpu-shares", e: "--env", h: "--hostname", l: "--label", m: "--memory",
    p: "--publish", u: "--user", v: "--volume", w: "--workdir",
};

// Global options before the subcommand that take a value (podman, then docker).
const GLOBAL_VALUE_OPTIONS = new Set([
    "cdi-spec-dir", "cgroup-manager", "config", "conmon", "connection", "cpu-profile",
    "db-backend", "events-backend", "hooks-dir", "identity", "imagestore", "log-level",
    "memory-profile", "module", "network-cmd-path", "network-config-dir", "out", "root",
    "runroot", "runtime", "runtime-flag", "ssh", "storage-driver", "storage-opt", "tmpdir",
    "url", "volumepath",
    "context", "host", "tlscacert", "tlscert", "tlskey",
]);
// podman -c connection; docker -c context, -H host, -l log-level.
const GLOBAL_VALUE_SHORTS = new Set(["c", "H", "l"]);

// podman also accepts its global options after the subcommand.
const SUBCOMMAND_VALUE_OPTIONS = new Set([...VALUE_OPTIONS, ...GLOBAL_VALUE_OPTIONS]);

export interface EngineOption {
    name: string;                 // canonical long form, e.g. "--volume" for -v
    value: string | undefined;    // undefined for a flag
    index: number;                // where the option word is in argv
    text: string;                 // the words as written, e.g. "-v /:/host" or "--net=host"
}

export interface EngineCommand {
    globals: EngineOption[];      // options before the subcommand
    subcommand: string;           // "run" for both `run` and `container run`; "" if none
    subcommandIndex: number;      // index of the subcommand word, -1 if none
    options: EngineOption[];      // options after the subcommand, up to the first positional
    firstPositional: number;      // index of the first positional word after the subcommand
}

export function isEngineWord(word: string): boolean {
    return word === "docker" || word === "podman" || word.endsWith("/docker") || word.endsWith("/podman");
}

interface OptionStep { options: EngineOption[]; next: number }

// Reads the option (or cluster of short options) at argv[i].
function readOption(argv: string[], i: number, longValues: Set<string>, shortValues: Set<string>): OptionStep {
    const word = argv[i];
    if (word.startsWith("--")) {
        const eq = word.indexOf("=");
        if (eq >= 0)
            return { options: [{ name: word.slice(0, eq), value: word.slice(eq + 1), index: i, text: word }], next: i + 1 };
        if (longValues.has(word.slice(2)) && i + 1 < argv.length)
            return { options: [{ name: word, value: argv[i + 1], index: i, text: word + " " + argv[i + 1] }], next: i + 2 };
        return { options: [{ name: word, value: undefined, index: i, text: word }], next: i + 1 };
    }
    // A cluster such as -dit or -dv/a:/b: flags until the first short that takes a value.
    const options: EngineOption[] = [];
    for (let k = 1; k < word.length; k++) {
        const c = word[k];
        const name = SHORT_NAMES[c] ?? "-" + c;
        if (!shortValues.has(c)) {
            options.push({ name, value: undefined, index: i, text: word });
            continue;
        }
        let rest = word.slice(k + 1);
        if (rest.startsWith("="))
            rest = rest.slice(1);
        if (rest !== "" || k + 1 < word.length)
            return { options: [...options, { name, value: rest, index: i, text: word }], next: i + 1 };
        if (i + 1 < argv.length)
            return { options: [...options, { name, value: argv[i + 1], index: i, text: word + " " + argv[i + 1] }], next: i + 2 };
        return { options: [...options, { name, value: undefined, index: i, text: word }], next: i + 1 };
    }
    return { options, next: i + 1 };
}

function isOptionWord(word: string): boolean {
    return word.length > 1 && word.startsWith("-") && word !== "--";
}

/** Parses an engine argv; positional words stop the option scan, as in pflag's interspersed=false. */
export function parseEngineCommand(argv: string[]): EngineCommand {
    let i = 1;
    const globals: EngineOption[] = [];
    while (i < argv.length && isOptionWord(argv[i])) {
        const step = readOption(argv, i, GLOBAL_VALUE_OPTIONS, GLOBAL_VALUE_SHORTS);
        globals.push(...step.options);
        i = step.next;
    }
    if (i >= argv.length || argv[i] === "--")
        return { globals, subcommand: "", subcommandIndex: -1, options: [], firstPositional: argv.length };
    let subcommandIndex = i;
    if (argv[i] === "container" && i + 1 < argv.length)
        subcommandIndex = i + 1;
    const options: EngineOption[] = [];
    i = subcommandIndex + 1;
    while (i < argv.length && isOptionWord(argv[i])) {
        const step = readOption(argv, i, SUBCOMMAND_VALUE_OPTIONS, VALUE_SHORTS);
        options.push(...step.options);
        i = step.next;
    }
    if (argv[i] === "--")
        i++;
    return { globals, subcommand: argv[subcommandIndex], subcommandIndex, options, firstPositional: i };
}

/** The words after `from` that are neither options nor option values, and where `--` is (-1 if absent). */
export function positionalIndices(argv: string[], from: number): { indices: number[]; endOfOptions: number } {
    const indices: number[] = [];
    let endOfOptions = -1;
    let i = from;
    while (i < argv.length) {
        if (endOfOptions < 0 && argv[i] === "--") {
            endOfOptions = i;
            i++;
        } else if (endOfOptions < 0 && isOptionWord(argv[i])) {
            i = readOption(argv, i, SUBCOMMAND_VALUE_OPTIONS, VALUE_SHORTS).next;
        } else {
            indices.push(i);
            i++;
        }
    }
    return { indices, endOfOptions };
}
