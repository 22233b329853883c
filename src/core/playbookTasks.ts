// The Ansible tasks our playbooks are made of, one builder per module use (core/playbook.ts).
// Only ansible.builtin and containers.podman modules, as Debian 12's ansible package ships them.
import { removeContainerArgv } from "./engineDialect";
import type { EngineName } from "./engineVersion";
import { jinja, type Jinja, type YamlValue } from "./yaml";

export type Task = Record<string, YamlValue>;
type Extra = Record<string, YamlValue>;

const B = "ansible.builtin.";
const P = "containers.podman.podman_";

export const command = (name: string, argv: string[], more: Extra = {}, args: Extra = {}): Task =>
    ({ name, [B + "command"]: { argv, ...args }, ...more });

/** A command that only looks: never a change, and its result registered. */
export const probe = (name: string, argv: string[], register: string, failedWhen: Jinja | false): Task =>
    command(name, argv, { register, changed_when: false, failed_when: failedWhen });

export const folder = (name: string, path: string, mode: string): Task =>
    ({ name, [B + "file"]: { path, state: "directory", mode } });

export const absent = (name: string, path: string, more: Extra = {}): Task =>
    ({ name, [B + "file"]: { path, state: "absent" }, ...more });

export const copy = (name: string, args: Extra, more: Extra = {}): Task => ({ name, [B + "copy"]: { mode: "0644", ...args }, ...more });

export const stat = (name: string, path: string, register: string): Task => ({ name, [B + "stat"]: { path }, register });

export const systemd = (name: string, args: Extra, more: Extra = {}): Task => ({ name, [B + "systemd"]: args, ...more });

export const when = (condition: string) => ({ when: jinja(condition) });

/**
 * The container NAME, gone whether or not this host has one: the engine's own `rm -f` (podman's with
 * --ignore), a change only when it printed what it removed. Not containers.podman's podman_container:
 * it decides by `podman container inspect`, which can miss a container that a unit's `podman run --rm`,
 * stopped by systemd, left half-removed ("Removing"); rm looks the name up as `podman container exists`
 * does.
 */
export function removeContainer(engine: EngineName, name: string): Task {
    return command(`Remove the container ${name}`, removeContainerArgv(engine, name), {
        register: "ss_rm",
        changed_when: jinja("ss_rm.stdout != ''"),
        ...(engine === "docker" ? { failed_when: jinja("ss_rm.rc != 0 and 'No such container' not in ss_rm.stderr") } : {}),
    });
}

/**
 * The image present on the host: pulled, or loaded from an archive copied from the controller,
 * where it is missing; `always`: loaded whatever the host has (an update), reported as no change.
 */
export function imagePresent(engine: EngineName, ref: string, name: string, archive: string | null, always = false): Task[] {
    const missing = always ? { changed_when: false } : when("ss_image.rc != 0");
    const inspect = [engine, "image", "inspect", ref];
    const get: Task[] = [];
    if (archive !== null) {
        const copied = `/var/tmp/system-services-${name}-image.tar`;
        const load = "Load the image from the archive";
        get.push(copy("Copy the image archive to the host", { src: archive, dest: copied, mode: "0600" }, missing),
                 engine === "podman" ? { name: load, [P + "load"]: { input: copied }, ...missing } : command(load, ["docker", "load", "--input", copied], missing),
                 absent("Remove the copied archive", copied, missing));
    } else if (!always) {
        const pull = `Pull ${ref}`;
        get.push(engine === "podman" ? { name: pull, [P + "image"]: { name: ref }, ...missing } : command(pull, ["docker", "pull", ref], missing));
    }
    return [
        probe(`Is the image ${ref} there?`, inspect, "ss_image", false),
        ...get,
        probe(`The image ${ref} is there`, inspect, "ss_image_now", jinja("ss_image_now.rc != 0")),
        {
            name: "The image's ID on this host",
            [B + "set_fact"]: { ss_image_id: jinja("{{ (ss_image_now.stdout | from_json)[0].Id | regex_replace('^sha256:', '') }}") },
        },
    ];
}

export const assert = (name: string, that: string, message: string): Task =>
    ({ name, [B + "assert"]: { that: [jinja(that)], fail_msg: message }, no_log: true });

export const fail = (name: string, message: string): Task => ({ name, [B + "fail"]: { msg: message } });
