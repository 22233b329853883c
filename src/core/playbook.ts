// An Ansible playbook that does on every host of an inventory what an Install or Uninstall plan
// does here. Each argv is the plan's, already expanded by our label engine (Ansible never splits
// or templates a label: every string is `!unsafe`); what the plan decided from this host's state
// becomes a check on each host, so a second run changes nothing. A password is never written
// into the playbook: it is read from a variable the admin passes (ansible-vault).
import { BACKUPS_DIR } from "./backupManifest";
import type { EngineName } from "./engineVersion";
import { N_ } from "./i18n";
import { validateName } from "./labels";
import type { Step, StepsPlan } from "./plan";
import { recordDir, recordPath, serializeRecord } from "./record";
import { secretPaths } from "./secrets";
import { CoreError } from "./text";
import { UNIT_DIR } from "./unitGen";
import { jinja, toYaml, type YamlValue } from "./yaml";

export const SECRET_VARIABLE = "system_services_secret";
export const CHECKED_WITH = "ansible-core 2.14 and containers.podman 1.10 (Debian 12's ansible 7.7 package)";

export class PlaybookError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "PlaybookError";
    }
}

export type ImageSource = { kind: "pull" } | { kind: "archive"; path: string };

export interface PlaybookInput {
    operation: "install" | "uninstall";
    plan: StepsPlan;
    name: string;
    imageRef: string;
    engine: EngineName;
    /** where the hosts get the image when they lack it (install) */
    source: ImageSource;
    /** "cockpit-system-services 0.1.0" */
    generator: string;
    exportedFrom: string;
    exportedAt: Date;
}

type Task = Record<string, YamlValue>;

// the archive's options the page's own backups use (host/backups.ts)
const TAR_KEEP = ["--numeric-owner", "--acls", "--xattrs", "--xattrs-include=*", "--selinux"];

const comment = (text: string) => "# " + text.replace(/[^\x20-\x7e]/g, "?");

function backupTasks(step: Step & { kind: "backup" }): { tasks: Task[]; restore: Task[] } {
    const dir = `${BACKUPS_DIR}/${step.name}`;
    const archive = `${dir}/${step.stamp}-ansible.tar`;
    return {
        tasks: [
            { name: `Folder for the backups of ${step.name}`, "ansible.builtin.file": { path: dir, state: "directory", mode: "0700" } },
            {
                name: step.title,
                "ansible.builtin.command": {
                    argv: ["tar", "--create", "--file", archive, "--directory", "/", ...TAR_KEEP, "--ignore-failed-read", "--", ...step.paths],
                    creates: archive,
                },
            },
        ],
        restore: [{
            name: "Put the backed-up host files back",
            "ansible.builtin.command": { argv: ["tar", "--extract", "--file", archive, "--directory", "/", ...TAR_KEEP] },
        }],
    };
}

function recordTasks(step: Step & { kind: "write-record" }): Task[] {
    const { record } = step;
    const unit = record.unit ?? `${record.name}.service`;
    // the page names the unit when this INSTALL wrote it; here: when the file is there after it
    const unitExpr = record.unit !== null ? `'${unit}'` : `ss_unit_file.stat.exists | ternary('${unit}', none)`;
    const fields = JSON.parse(serializeRecord(record)) as Record<string, YamlValue>;
    return [
        ...(record.unit === null
            ? [{ name: "Did INSTALL write the unit?", "ansible.builtin.stat": { path: `${UNIT_DIR}/${unit}` }, register: "ss_unit_file" }]
            : []),
        { name: `Folder of the install record of ${record.name}`, "ansible.builtin.file": { path: recordDir(record.name), state: "directory", mode: "0755" } },
        {
            name: step.title,
            vars: { ss_record: fields },
            "ansible.builtin.copy": {
                dest: recordPath(record.name),
                mode: "0644",
                // the image ID and time are this host's; everything else is the plan's record
                content: jinja("{{ ss_record | combine({'imageId': ss_image_id, " +
                    "'installedAt': now(utc=true, fmt='%Y-%m-%dT%H:%M:%SZ'), 'unit': " + unitExpr + "}) | to_nice_json(indent=4) }}\n"),
            },
        },
    ];
}

function secretTasks(name: string): Task[] {
    const { dir, file } = secretPaths(name);
    return [
        { name: "Folder for the password's file", "ansible.builtin.file": { path: dir, state: "directory", mode: "0700" } },
        {
            name: "Write the password to a file only root can read",
            "ansible.builtin.copy": { dest: file, content: jinja(`{{ ${SECRET_VARIABLE} }}`), mode: "0600" },
            no_log: true,
        },
    ];
}

const removeSecret = (name: string): Task =>
    ({ name: "Remove the password's file", "ansible.builtin.file": { path: secretPaths(name).dir, state: "absent" } });

/** The container NAME, gone whether or not this host has one. */
function removeContainer(engine: EngineName, name: string): Task {
    if (engine === "podman")
        return { name: `Remove the container ${name}`, "containers.podman.podman_container": { name, state: "absent" } };
    return {
        name: `Remove the container ${name}`,
        "ansible.builtin.command": { argv: ["docker", "rm", "-f", name] },
        register: "ss_rm",
        failed_when: jinja("ss_rm.rc != 0 and 'No such container' not in ss_rm.stderr"),
    };
}

/** The plan's steps as tasks, and what undoes them when one fails. */
function stepTasks(input: PlaybookInput): { tasks: Task[]; rescue: Task[] } {
    const tasks: Task[] = [];
    const rescue: Task[] = [];
    for (const step of input.plan.steps) {
        switch (step.kind) {
        case "backup": {
            const backup = backupTasks(step);
            tasks.push(...backup.tasks);
            if (input.operation === "install")
                rescue.push(...backup.restore);
            break;
        }
        case "write-secret":
            tasks.push(...secretTasks(step.name));
            rescue.push(removeSecret(step.name));
            break;
        case "remove-secret":
            tasks.push(removeSecret(step.name));
            break;
        case "exec":
            tasks.push({ name: step.title, "ansible.builtin.command": { argv: step.argv } });
            break;
        case "write-record":
            tasks.push(...recordTasks(step));
            break;
        case "remove-record":
            tasks.push({ name: step.title, "ansible.builtin.file": { path: recordDir(step.name), state: "absent" } });
            break;
        case "unit-disable":
            tasks.push({
                name: step.title,
                "ansible.builtin.systemd": { name: step.unit, state: "stopped", enabled: false },
                register: "ss_disable",
                // as on the page: nothing to do when systemd does not know the unit
                failed_when: jinja("ss_disable.failed | default(false) and 'Could not find the requested service' not in ss_disable.msg | default('')"),
            });
            // the plan removes the container when this host has one: every host, here
            tasks.push(removeContainer(input.engine, input.name));
            break;
        case "remove-unit-file":
            tasks.push({ name: step.title, "ansible.builtin.file": { path: step.path, state: "absent" } });
            break;
        case "daemon-reload":
            tasks.push({ name: step.title, "ansible.builtin.systemd": { daemon_reload: true } });
            break;
        default:
            throw new PlaybookError(N_("A playbook cannot do this step of the plan: $0"), step.title);
        }
    }
    if (input.operation === "uninstall" && !input.plan.steps.some(s => s.kind === "unit-disable"))
        tasks.unshift(removeContainer(input.engine, input.name));
    return { tasks, rescue };
}

function imageTasks(input: PlaybookInput): Task[] {
    const { engine, imageRef: ref, name, source } = input;
    const inspect = (register: string, failIfMissing: boolean): Task => ({
        name: failIfMissing ? `The image ${ref} is there` : `Is the image ${ref} there?`,
        "ansible.builtin.command": { argv: [engine, "image", "inspect", ref] },
        register,
        changed_when: false,
        failed_when: failIfMissing ? jinja(`${register}.rc != 0`) : false,
    });
    const missing = jinja("ss_image.rc != 0");
    const get: Task[] = [];
    if (source.kind === "archive") {
        const copy = `/var/tmp/system-services-${name}-image.tar`;
        get.push({ name: "Copy the image archive to the host", "ansible.builtin.copy": { src: source.path, dest: copy, mode: "0600" }, when: missing });
        get.push(engine === "podman"
            ? { name: "Load the image from the archive", "containers.podman.podman_load": { input: copy }, when: missing }
            : { name: "Load the image from the archive", "ansible.builtin.command": { argv: ["docker", "load", "--input", copy] }, when: missing });
        get.push({ name: "Remove the copied archive", "ansible.builtin.file": { path: copy, state: "absent" }, when: missing });
    } else {
        get.push(engine === "podman"
            ? { name: `Pull ${ref}`, "containers.podman.podman_image": { name: ref }, when: missing }
            : { name: `Pull ${ref}`, "ansible.builtin.command": { argv: ["docker", "pull", ref] }, when: missing });
    }
    return [
        inspect("ss_image", false),
        ...get,
        inspect("ss_image_now", true),
        {
            name: "The image's ID on this host",
            "ansible.builtin.set_fact": { ss_image_id: jinja("{{ (ss_image_now.stdout | from_json)[0].Id | regex_replace('^sha256:', '') }}") },
        },
    ];
}

function installTasks(input: PlaybookInput, secret: boolean): Task[] {
    const { tasks, rescue } = stepTasks(input);
    const record = input.plan.steps.find(s => s.kind === "write-record");
    const unit = (record?.kind === "write-record" && record.record.unit) || `${input.name}.service`;
    return [
        ...(secret
            ? [{
                name: `The password is given (${SECRET_VARIABLE})`,
                "ansible.builtin.assert": {
                    that: [jinja(`${SECRET_VARIABLE} is defined`)],
                    fail_msg: `Pass the password as ${SECRET_VARIABLE}, e.g. --extra-vars @vault.yml (ansible-vault).`,
                },
                no_log: true,
            }]
            : []),
        ...imageTasks(input),
        { name: `Is ${input.name} installed?`, "ansible.builtin.stat": { path: recordPath(input.name) }, register: "ss_installed" },
        {
            name: `Install ${input.name}`,
            when: jinja("not ss_installed.stat.exists"),
            block: tasks,
            rescue: [...rescue, { name: "Stop here: the install failed", "ansible.builtin.fail": { msg: `Installing ${input.name} failed; what it changed is put back.` } }],
        },
        { name: "Is there a unit?", "ansible.builtin.stat": { path: `${UNIT_DIR}/${unit}` }, register: "ss_unit" },
        {
            name: `Enable and start ${unit}`,
            "ansible.builtin.systemd": { name: unit, enabled: true, state: "started", daemon_reload: false },
            when: jinja("ss_unit.stat.exists"),
        },
        {
            name: `${unit} is active`,
            "ansible.builtin.command": { argv: ["systemctl", "is-active", unit] },
            register: "ss_active",
            changed_when: false,
            until: jinja("ss_active.rc == 0"),
            retries: 10,
            delay: 1,
            when: jinja("ss_unit.stat.exists"),
        },
    ];
}

function uninstallTasks(input: PlaybookInput): Task[] {
    const { tasks, rescue } = stepTasks(input);
    return [
        { name: `Is ${input.name} installed?`, "ansible.builtin.stat": { path: recordPath(input.name) }, register: "ss_installed" },
        {
            name: `Uninstall ${input.name}`,
            when: jinja("ss_installed.stat.exists"),
            block: tasks,
            ...(rescue.length > 0 ? { rescue } : {}),
        },
    ];
}

/** The playbook's file name: install-NAME.yml, uninstall-NAME.yml. */
export function playbookFileName(operation: PlaybookInput["operation"], name: string): string {
    return `${operation}-${name}.yml`;
}

export function renderPlaybook(input: PlaybookInput): string {
    const problem = validateName(input.name);
    if (problem !== null)
        throw new PlaybookError(N_("Not a valid service name: $0"), problem);
    const secret = input.plan.steps.some(s => s.kind === "write-secret");
    const tasks = input.operation === "install" ? installTasks(input, secret) : uninstallTasks(input);
    const what = input.operation === "install" ? "Install" : "Uninstall";
    const header = [
        `${what} the system service ${input.name} (${input.imageRef}, ${input.engine}) as the System Services page plans it.`,
        `Exported by ${input.generator} from ${input.exportedFrom} at ${input.exportedAt.toISOString()}.`,
        `Uses only ansible.builtin and containers.podman modules; checked with ${CHECKED_WITH}.`,
        "Every command is the page's own expansion of the image's label, as an argv (`!unsafe`: never templated).",
        "A second run changes nothing: each step runs only where the service is " + (input.operation === "install" ? "not installed yet." : "still installed."),
        `Run: ansible-playbook -i INVENTORY ${playbookFileName(input.operation, input.name)}` +
            (secret ? ` --extra-vars @vault.yml   (vault.yml, made with ansible-vault, defines ${SECRET_VARIABLE})` : ""),
    ].map(comment);
    const play = {
        name: `${what} ${input.name}`,
        hosts: "all",
        become: true,
        gather_facts: false,
        tasks,
    };
    return ["---", ...header, toYaml([play])].join("\n");
}
