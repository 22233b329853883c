// An Ansible playbook that does on every host of an inventory what an Install or Uninstall plan
// does here. Each argv is the plan's, already expanded by our label engine (Ansible never splits
// or templates a label: core/yaml.ts writes it `!unsafe`); what the plan decided from this
// host's state becomes a check on each host, so a second run changes nothing. A password is
// never written into the playbook: it is read from a variable the admin passes (ansible-vault).
import { BACKUPS_DIR, TAR_KEEP } from "./backupManifest";
import type { EngineName } from "./engineVersion";
import { N_ } from "./i18n";
import { validateName } from "./labels";
import type { Step, StepsPlan } from "./plan";
import {
    absent, assert, command, copy, fail, folder, imagePresent, removeContainer, stat, systemd, when, type Task,
} from "./playbookTasks";
import { overridePath, recordDir, recordPath, serializeRecord } from "./record";
import { secretPaths } from "./secrets";
import { CoreError } from "./text";
import { UNIT_DIR } from "./unitGen";
import { jinja, toYaml, type YamlValue } from "./yaml";

export const SECRET_VARIABLE = "system_services_secret";
export const CHECKED_WITH = "ansible-core 2.14.18 and containers.podman 1.10.2 (Debian 12's ansible 7.7.0 package)";

export class PlaybookError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "PlaybookError";
    }
}

export type ImageSource = { kind: "pull" } | { kind: "archive"; path: string };

export interface PlaybookInput {
    operation: "install" | "uninstall" | "update";
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
    /** this host's override of the image's host-data-list, which the plan's command mounts */
    overrideText?: string | null;
}

function backupTasks(step: Step & { kind: "backup" }): { tasks: Task[]; restore: Task } {
    const dir = `${BACKUPS_DIR}/${step.name}`;
    const archive = `${dir}/${step.stamp}-ansible.tar`;
    return {
        tasks: [
            folder(`Folder for the backups of ${step.name}`, dir, "0700"),
            command(step.title, ["tar", "--create", "--file", archive, "--directory", "/", ...TAR_KEEP, "--ignore-failed-read", "--", ...step.paths],
                    {}, { creates: archive }),
        ],
        restore: command("Put the backed-up host files back", ["tar", "--extract", "--file", archive, "--directory", "/", ...TAR_KEEP]),
    };
}

function recordTasks(step: Step & { kind: "write-record" }): Task[] {
    const { record } = step;
    const unit = record.unit ?? `${record.name}.service`;
    // the page names the unit when this INSTALL wrote it; here: when the file is there after it
    const unitExpr = record.unit !== null ? `'${unit}'` : `ss_unit_file.stat.exists | ternary('${unit}', none)`;
    return [
        ...(record.unit === null ? [stat("Did INSTALL write the unit?", `${UNIT_DIR}/${unit}`, "ss_unit_file")] : []),
        folder(`Folder of the install record of ${record.name}`, recordDir(record.name), "0755"),
        copy(step.title, {
            dest: recordPath(record.name),
            // the image ID and time are this host's; everything else is the plan's record
            content: jinja("{{ ss_record | combine({'imageId': ss_image_id, 'installedAt': now(utc=true, fmt='%Y-%m-%dT%H:%M:%SZ'), " +
                `'unit': ${unitExpr}}) | to_nice_json(indent=4) }}\n`),
        }, { vars: { ss_record: JSON.parse(serializeRecord(record)) as YamlValue } }),
    ];
}

const removeSecret = (name: string): Task => absent("Remove the password's file", secretPaths(name).dir);

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
                rescue.push(backup.restore);
            break;
        }
        case "write-secret": {
            const { dir, file } = secretPaths(step.name);
            tasks.push(folder("Folder for the password's file", dir, "0700"),
                       copy(step.title, { dest: file, content: jinja(`{{ ${SECRET_VARIABLE} }}`), mode: "0600" }, { no_log: true }));
            rescue.push(removeSecret(step.name));
            break;
        }
        case "remove-secret":
            tasks.push(removeSecret(step.name));
            break;
        case "exec":
            if (input.overrideText != null) {
                // the command mounts this host's list: every host gets the same file first
                tasks.push(folder("Folder of the host-data-list", recordDir(input.name), "0755"),
                           copy("The host-data-list this host uses", { dest: overridePath(input.name), content: input.overrideText }));
            }
            tasks.push(command(step.title, step.argv));
            break;
        case "write-record":
            tasks.push(...recordTasks(step));
            break;
        case "remove-record":
            tasks.push(absent(step.title, recordDir(step.name)));
            break;
        case "unit-disable":
            tasks.push(systemd(step.title, { name: step.unit, state: "stopped", enabled: false }, {
                register: "ss_disable",
                // as on the page: nothing to do when systemd does not know the unit
                failed_when: jinja("ss_disable.failed | default(false) and 'Could not find the requested service' not in ss_disable.msg | default('')"),
            }));
            break;
        case "remove-unit-file":
            tasks.push(absent(step.title, step.path));
            break;
        case "daemon-reload":
            tasks.push(systemd(step.title, { daemon_reload: true }));
            break;
        default:
            throw new PlaybookError(N_("A playbook cannot do this step of the plan: $0"), step.title);
        }
    }
    if (input.operation === "uninstall") {
        // the plan removes the container when this host has one: every host, here, after its unit stopped
        const at = tasks.findIndex(t => t.register === "ss_disable");
        tasks.splice(at + 1, 0, removeContainer(input.engine, input.name));
    }
    return { tasks, rescue };
}

function installTasks(input: PlaybookInput, secret: boolean): Task[] {
    const { tasks, rescue } = stepTasks(input);
    const record = input.plan.steps.find(s => s.kind === "write-record");
    const unit = (record?.kind === "write-record" && record.record.unit) || `${input.name}.service`;
    const hasUnit = when("ss_unit.stat.exists");
    return [
        ...(secret
            ? [assert(`The password is given (${SECRET_VARIABLE})`, `${SECRET_VARIABLE} is defined`,
                      `Pass the password as ${SECRET_VARIABLE}, e.g. --extra-vars @vault.yml (ansible-vault).`)]
            : []),
        ...imagePresent(input.engine, input.imageRef, input.name, input.source.kind === "archive" ? input.source.path : null),
        stat(`Is ${input.name} installed?`, recordPath(input.name), "ss_installed"),
        {
            name: `Install ${input.name}`,
            ...when("not ss_installed.stat.exists"),
            block: tasks,
            rescue: [...rescue, fail("Stop here: the install failed", `Installing ${input.name} failed; what it changed is put back.`)],
        },
        stat("Is there a unit?", `${UNIT_DIR}/${unit}`, "ss_unit"),
        systemd(`Enable and start ${unit}`, { name: unit, enabled: true, state: "started", daemon_reload: false }, hasUnit),
        command(`${unit} is active`, ["systemctl", "is-active", unit],
                { register: "ss_active", changed_when: false, until: jinja("ss_active.rc == 0"), retries: 10, delay: 1, ...hasUnit }),
    ];
}

function uninstallTasks(input: PlaybookInput): Task[] {
    const { tasks } = stepTasks(input);
    return [
        stat(`Is ${input.name} installed?`, recordPath(input.name), "ss_installed"),
        // as on the page, a failed uninstall puts nothing back: the host's files stay as UNINSTALL left them
        { name: `Uninstall ${input.name}`, ...when("ss_installed.stat.exists"), block: tasks },
    ];
}

/**
 * Update: the image the reference names now (pulled, or loaded from the archive), and where it is
 * not the recorded one, the record moved to it (the old ID kept as previousImageId) and the
 * service restarted on it: its unit restarted, or without a unit its RUN label run again.
 */
function updateTasks(input: PlaybookInput): Task[] {
    const step = input.plan.steps.find(s => s.kind === "switch-image");
    if (step?.kind !== "switch-image")
        throw new PlaybookError(N_("A playbook cannot do this step of the plan: $0"), input.plan.steps[0]?.title ?? "");
    const { record, runArgv } = step;
    const pulled = input.source.kind === "pull" && input.plan.steps.some(s => s.kind === "exec");
    const moved = when("ss_image_id != ss_record_now.imageId");
    return [
        stat(`Is ${input.name} installed?`, recordPath(input.name), "ss_installed"),
        {
            name: `Update ${input.name}`,
            ...when("ss_installed.stat.exists"),
            block: [
                { name: "Read the install record", "ansible.builtin.slurp": { src: recordPath(input.name) }, register: "ss_record_file" },
                { name: "The recorded image", "ansible.builtin.set_fact": { ss_record_now: jinja("{{ ss_record_file.content | b64decode | from_json }}") } },
                ...(pulled ? [command(`Pull ${input.imageRef}`, [input.engine, "pull", input.imageRef], { changed_when: false })] : []),
                ...imagePresent(input.engine, input.imageRef, input.name, input.source.kind === "archive" ? input.source.path : null, true),
                copy("Move the record to the new image", {
                    dest: recordPath(input.name),
                    content: jinja("{{ ss_record_now | combine({'imageId': ss_image_id, 'previousImageId': ss_record_now.imageId}) | to_nice_json(indent=4) }}\n"),
                }, moved),
                ...(record.unit
                    ? [systemd(`Restart ${record.unit} on the new image`, { name: record.unit, state: "restarted" }, moved)]
                    : [{ ...removeContainer(input.engine, input.name), ...moved }, command("Run the RUN label on the new image", runArgv ?? [], moved)]),
            ],
        },
    ];
}

/** The playbook's file name: install-NAME.yml, uninstall-NAME.yml, update-NAME.yml. */
export function playbookFileName(operation: PlaybookInput["operation"], name: string): string {
    return `${operation}-${name}.yml`;
}

export function renderPlaybook(input: PlaybookInput): string {
    const problem = validateName(input.name);
    if (problem !== null)
        throw new PlaybookError(N_("Not a valid service name: $0"), problem);
    const secret = input.plan.steps.some(s => s.kind === "write-secret");
    const install = input.operation === "install";
    const what = { install: "Install", uninstall: "Uninstall", update: "Update" }[input.operation];
    const header = [
        `${what} the system service ${input.name} (${input.imageRef}, ${input.engine}) as the System Services page plans it.`,
        `Exported by ${input.generator} from ${input.exportedFrom} at ${input.exportedAt.toISOString()}.`,
        `Uses only ansible.builtin and containers.podman modules; checked with ${CHECKED_WITH}.`,
        "Every command is the page's own expansion of the image's label, as an argv (`!unsafe`: never templated).",
        `A second run changes nothing: each step runs only where ${install ? "the service is not installed yet" :
            input.operation === "update" ? "the service is installed on another image" : "the service is still installed"}.`,
        `Run: ansible-playbook -i INVENTORY ${playbookFileName(input.operation, input.name)}` +
            (secret ? ` --extra-vars @vault.yml   (vault.yml, made with ansible-vault, defines ${SECRET_VARIABLE})` : ""),
    ].map(text => "# " + text.replace(/[^\x20-\x7e]/g, "?"));
    const play = {
        name: `${what} ${input.name}`,
        hosts: "all",
        become: true,
        gather_facts: false,
        tasks: install ? installTasks(input, secret) : input.operation === "update" ? updateTasks(input) : uninstallTasks(input),
    };
    return ["---", ...header, toYaml([play])].join("\n");
}
