import QUnit from "qunit";
import yaml from "js-yaml";
import { planInstall, planUninstall, type LifecycleInput } from "../../src/core/planLifecycle";
import { planUpdate } from "../../src/core/planMaintenance";
import { parsePodmanImages } from "../../src/core/inventory";
import { newRecord } from "../../src/core/record";
import { renderPlaybook, SECRET_VARIABLE, type PlaybookInput } from "../../src/core/playbook";
import { quoted } from "../../src/core/yaml";
import type { StepsPlan } from "../../src/core/plan";
import type { Image } from "../../src/core/model";
import podmanImages from "../fixtures/podman-4.3-images.json";

// The demo image's real labels (podman 4.3's inspect of the testbed's image) planned as the
// Install and Uninstall dialogs plan them, rendered, and read back the way Ansible reads YAML:
// `!unsafe` strings are marked as such, everything else is Ansible's to evaluate.
const NOW = new Date(Date.UTC(2026, 10, 30, 3, 4, 5, 6));
const DEMO = parsePodmanImages(JSON.stringify(podmanImages)).find(i => i.names[0] === "localhost/demo-service:latest") as Image;
const RECORD = newRecord({ name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman", unit: "demo-service.service" }, NOW);

class Unsafe { constructor(readonly text: string) {} }
const SCHEMA = yaml.DEFAULT_SCHEMA.extend([new yaml.Type("!unsafe", { kind: "scalar", construct: (s: string) => new Unsafe(s) })]);
type Task = Record<string, unknown> & { name: Unsafe; block?: Task[]; rescue?: Task[] };

function demo(over: Partial<LifecycleInput> = {}): LifecycleInput {
    return { image: DEMO, name: "demo-service", engine: "podman", containers: [], record: null, ...over };
}
function steps(plan: { kind: string }): StepsPlan {
    if (plan.kind !== "steps")
        throw new Error("not a plan: " + JSON.stringify(plan));
    return plan as StepsPlan;
}
function render(over: Partial<PlaybookInput>): string {
    return renderPlaybook({
        operation: "install", plan: steps(planInstall({ ...demo({ backup: { paths: ["etc/demo-service/"], at: NOW } }), now: NOW })),
        name: "demo-service", imageRef: "localhost/demo-service:latest", engine: "podman", source: { kind: "archive", path: "/srv/demo-service.tar" },
        generator: "cockpit-system-services 0.1.0", exportedFrom: "fleet-b", exportedAt: NOW, ...over,
    });
}
function tasksOf(text: string): Task[] {
    const [play] = yaml.load(text, { schema: SCHEMA }) as { tasks: Task[] }[];
    return play.tasks;
}
const plain = (v: unknown): unknown => v instanceof Unsafe ? v.text : Array.isArray(v) ? v.map(plain) : v;
const named = (tasks: Task[], name: string) => tasks.find(t => plain(t.name) === name);
const all = (tasks: Task[]): Task[] => tasks.flatMap(t => [t, ...all(t.block ?? []), ...all(t.rescue ?? [])]);

QUnit.module("playbook: install", () => {
    QUnit.test("runs the plan's INSTALL argv as a command, every word !unsafe, only where the record is missing", assert => {
        const plan = steps(planInstall({ ...demo(), now: NOW }));
        const argv = (plan.steps.find(s => s.kind === "exec") as { argv: string[] }).argv;
        const tasks = tasksOf(render({ plan }));
        const install = named(tasks, "Install demo-service") as Task;
        assert.equal(install.when, "not ss_installed.stat.exists");
        const command = named(install.block ?? [], "Run the INSTALL label") as Task;
        const cmd = command["ansible.builtin.command"] as { argv: unknown[] };
        assert.deepEqual(cmd.argv.filter(a => !(a instanceof Unsafe)).filter(a => /[{}%]|[^\x20-\x7e]/.test(String(a))), [],
                         "each argument that could hold a template is !unsafe");
        assert.deepEqual(plain(cmd.argv), argv);
        assert.equal(argv[0], "podman");
        assert.true(argv.includes("--label") && argv.at(-1) === "/install.sh", argv.join(" "));
    });

    QUnit.test("a label's Jinja stays text: Ansible is never asked to evaluate it", assert => {
        const evil = { ...DEMO, labels: { ...DEMO.labels, INSTALL: "podman run --rm ${IMAGE} echo {{ lookup(pipe,id) }} {% raw %}" } };
        const plan = steps(planInstall({ ...demo({ image: evil }), now: NOW }));
        const text = render({ plan });
        const command = all(tasksOf(text)).find(t => plain(t.name) === "Run the INSTALL label") as Task;
        const argv = (command["ansible.builtin.command"] as { argv: unknown[] }).argv;
        assert.deepEqual(plain(argv), (plan.steps.find(s => s.kind === "exec") as { argv: string[] }).argv);
        assert.deepEqual(plain(argv.slice(-6)), ["echo", "{{", "lookup(pipe,id)", "}}", "{%", "raw", "%}"].slice(-6));
        assert.true(argv.filter(a => /[{}%]/.test(String(plain(a)))).every(a => a instanceof Unsafe));
        const opening = text.split("\n").filter(l => /"(\{\{|\{%)"$/.test(l));
        assert.equal(opening.length, 2, opening.join("\n"));
        for (const line of opening)
            assert.true(/^\s*- !unsafe "/.test(line), line);
    });

    QUnit.test("backs up the listed paths with the page's tar options, and restores them when INSTALL fails", assert => {
        const tasks = tasksOf(render({}));
        const install = named(tasks, "Install demo-service") as Task;
        const backup = named(install.block ?? [], "Back up the host files the list names") as Task;
        const cmd = plain((backup["ansible.builtin.command"] as { argv: unknown[] }).argv) as string[];
        const archive = "/var/lib/containers/system-services/backups/demo-service/20261130T030405.006Z-ansible.tar";
        assert.deepEqual(cmd.slice(0, 6), ["tar", "--create", "--file", archive, "--directory", "/"]);
        assert.deepEqual(cmd.slice(-2), ["--", "etc/demo-service/"]);
        assert.true(cmd.includes("--ignore-failed-read") && cmd.includes("--xattrs"));
        assert.equal(plain((backup["ansible.builtin.command"] as { creates: unknown }).creates), archive);
        const rescue = install.rescue ?? [];
        assert.deepEqual(plain((rescue[0]["ansible.builtin.command"] as { argv: unknown[] }).argv),
                         ["tar", "--extract", "--file", archive, "--directory", "/", "--numeric-owner", "--acls", "--xattrs", "--xattrs-include=*", "--selinux"]);
        assert.true("ansible.builtin.fail" in rescue[rescue.length - 1], "and then the play fails for that host");
    });

    QUnit.test("writes the record the page reads: the plan's fields, this host's image ID, time and unit", assert => {
        const tasks = all(tasksOf(render({})));
        const write = named(tasks, "Write the install record") as Task;
        const fields = (write.vars as { ss_record: Record<string, unknown> }).ss_record;
        assert.deepEqual(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, plain(v)])), {
            version: 1, name: "demo-service", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman",
            installedAt: NOW.toISOString(), unit: null, options: {}, extraArgs: [], previousImageId: null,
        });
        const content = (write["ansible.builtin.copy"] as { content: string }).content;
        assert.true(content.includes("'imageId': ss_image_id") && content.includes("ternary('demo-service.service', none)"), content);
        assert.equal(plain((write["ansible.builtin.copy"] as { dest: unknown }).dest), "/etc/containers/system-services/demo-service/service.json");
        assert.ok(named(tasks, "Did INSTALL write the unit?"), "the unit is named when INSTALL wrote it");
    });

    QUnit.test("gets the image from the archive the admin names, or pulls it, only where it is missing", assert => {
        const fromArchive = tasksOf(render({}));
        const load = named(fromArchive, "Load the image from the archive") as Task;
        assert.equal(load.when, "ss_image.rc != 0");
        assert.equal(plain((named(fromArchive, "Copy the image archive to the host")?.["ansible.builtin.copy"] as { src: unknown }).src), "/srv/demo-service.tar");
        assert.ok(load["containers.podman.podman_load"]);
        const pulled = tasksOf(render({ source: { kind: "pull" } }));
        assert.ok(named(pulled, "Pull localhost/demo-service:latest")?.["containers.podman.podman_image"]);
        const docker = tasksOf(render({ engine: "docker", source: { kind: "pull" } }));
        assert.deepEqual(plain((named(docker, "Pull localhost/demo-service:latest")?.["ansible.builtin.command"] as { argv: unknown[] }).argv),
                         ["docker", "pull", "localhost/demo-service:latest"]);
    });

    QUnit.test("enables and starts the unit and checks that it is active, changing nothing on a second run", assert => {
        const tasks = tasksOf(render({}));
        const start = named(tasks, "Enable and start demo-service.service") as Task;
        assert.deepEqual(Object.fromEntries(Object.entries(start["ansible.builtin.systemd"] as object).map(([k, v]) => [k, plain(v)])),
                         { name: "demo-service.service", enabled: true, state: "started", daemon_reload: false });
        const active = named(tasks, "demo-service.service is active") as Task;
        assert.equal(active.changed_when, false);
        assert.deepEqual(plain((active["ansible.builtin.command"] as { argv: unknown[] }).argv), ["systemctl", "is-active", "demo-service.service"]);
        for (const t of tasks.filter(t => plain(t.name) !== "Install demo-service" && t["ansible.builtin.command"]))
            assert.true(t.changed_when === false || typeof t.when === "string", `${plain(t.name)} reports no change on a second run`);
    });

    QUnit.test("a password is read from a variable and written by a no_log task, never into the playbook", assert => {
        const plan = steps(planInstall({ ...demo(), now: NOW, secretMount: "/run/secrets/enroll-password" }));
        const text = render({ plan });
        const tasks = all(tasksOf(text));
        const write = named(tasks, "Write the password to a file only root can read") as Task;
        assert.equal(write.no_log, true);
        assert.equal((write["ansible.builtin.copy"] as { content: string }).content, `{{ ${SECRET_VARIABLE} }}`);
        assert.ok(named(tasks, `The password is given (${SECRET_VARIABLE})`));
        assert.ok(named(tasks, "Remove the password's file"));
        assert.true(text.includes("--extra-vars @vault.yml"));
    });
});

QUnit.module("playbook: uninstall", () => {
    QUnit.test("stops the unit, removes the container, runs UNINSTALL and removes record and unit file, where installed", assert => {
        const plan = steps(planUninstall({ ...demo({ record: RECORD, backup: { paths: ["etc/demo-service/"], at: NOW } }), extraArgs: [] }));
        const tasks = tasksOf(render({ operation: "uninstall", plan }));
        const block = named(tasks, "Uninstall demo-service") as Task;
        assert.equal(block.when, "ss_installed.stat.exists");
        assert.deepEqual((block.block ?? []).map(t => plain(t.name)), [
            "Stop and disable the unit", "Remove the container demo-service", "Folder for the backups of demo-service",
            "Back up the host files the list names", "Run the UNINSTALL label", "Remove the install record", "Remove the unit file",
            "Remove the Quadlet file", "Reload systemd",
        ]);
        // podman's own rm, which finds a container left "Removing" (podman_container's inspect can miss it)
        const rm = (block.block ?? [])[1];
        assert.deepEqual(plain((rm["ansible.builtin.command"] as { argv: unknown }).argv), ["podman", "rm", "-f", "--ignore", "demo-service"]);
        assert.equal(rm.changed_when, "ss_rm.stdout != ''", "a change only when it removed one");
        assert.equal(rm.failed_when, undefined, "--ignore: a missing container is no failure");
        assert.equal(block.rescue, undefined, "an uninstall restores nothing (as on the page)");
    });
});

QUnit.module("playbook: update", () => {
    QUnit.test("where the reference names another image now: the record moves to it and the unit restarts", assert => {
        const plan = steps(planUpdate(RECORD, DEMO, "podman"));
        const tasks = tasksOf(render({ operation: "update", plan }));
        const block = named(tasks, "Update demo-service") as Task;
        assert.equal(block.when, "ss_installed.stat.exists");
        const names = (block.block ?? []).map(t => plain(t.name));
        assert.deepEqual(names.slice(0, 2), ["Read the install record", "The recorded image"]);
        assert.deepEqual(names.slice(-2), ["Move the record to the new image", "Restart demo-service.service on the new image"]);
        const load = named(block.block ?? [], "Load the image from the archive") as Task;
        assert.equal(load.changed_when, false, "loading the archive again is no change by itself");
        for (const t of (block.block ?? []).slice(-2))
            assert.equal(t.when, "ss_image_id != ss_record_now.imageId");
        const content = ((block.block ?? []).at(-2)?.["ansible.builtin.copy"] as { content: string }).content;
        assert.true(content.includes("'previousImageId': ss_record_now.imageId"), content);
    });

    QUnit.test("without a unit the RUN label runs again on the new image, after its container is removed", assert => {
        const plan = steps(planUpdate({ ...RECORD, unit: null }, DEMO, "podman"));
        const block = named(tasksOf(render({ operation: "update", plan, source: { kind: "pull" } })), "Update demo-service") as Task;
        const last = (block.block ?? []).slice(-2);
        assert.deepEqual(last.map(t => plain(t.name)), ["Remove the container demo-service", "Run the RUN label on the new image"]);
        assert.deepEqual((plain((last[1]["ansible.builtin.command"] as { argv: unknown[] }).argv) as string[]).slice(0, 4), ["podman", "run", "-d", "--name"]);
    });
});

QUnit.module("playbook: modules", () => {
    QUnit.test("uses only ansible.builtin and containers.podman modules", assert => {
        const plans = [
            render({}), render({ engine: "docker", source: { kind: "pull" } }),
            render({ operation: "uninstall", plan: steps(planUninstall({ ...demo({ record: RECORD }), extraArgs: [] })) }),
            render({ operation: "update", plan: steps(planUpdate(RECORD, DEMO, "podman")) }),
        ];
        const keywords = new Set(["name", "when", "block", "rescue", "register", "changed_when", "failed_when", "until", "retries", "delay", "no_log", "vars"]);
        const modules = new Set(plans.flatMap(text => all(tasksOf(text)).flatMap(t => Object.keys(t).filter(k => !keywords.has(k)))));
        assert.deepEqual([...modules].filter(m => !/^(ansible\.builtin|containers\.podman)\.[a-z_]+$/.test(m)), []);
        assert.true(modules.has("containers.podman.podman_load") && modules.has("ansible.builtin.command"), [...modules].join(" "));
    });
});

QUnit.module("playbook: YAML", () => {
    QUnit.test("a quoted scalar reads back as the same text, whatever its characters", assert => {
        for (const text of ["plain", "a \"quoted\" \\ word", "tab\there", "line\nbreak", "\u2028\u0085\u007f", "ünïcode ✓ 🐧", "{{ x }}", "- not a list", "#"])
            assert.equal(yaml.load(quoted(text)), text, JSON.stringify(text));
    });
});
