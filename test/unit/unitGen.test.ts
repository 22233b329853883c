import QUnit from "qunit";
import { ATOMIC_SSSD_UNIT } from "./unit-fixtures";
import { chooseFlavor, generateUnit, regenerateLegacyUnit, runArgvFor, UnitGenError } from "../../src/core/unitGen";
import { expandLabel } from "../../src/core/labels";
import { containerOfUnit, parseUnitFile } from "../../src/core/unitFile";
import { splitWords } from "../../src/core/shellwords";

// The RUN label of test/images/run-only, as the image carries it.
const RUN_ONLY = "podman run -d --name ${NAME} --network=host ${IMAGE} /bin/busybox httpd -f -p 127.0.0.1:8089 -h /www";
// The RUN label of the reference SSSD image (design §3.6), shortened to three of its mounts.
const SSSD_RUN = "docker run -d --restart=always --privileged --net=host --name ${NAME} -v /etc/sssd:/etc/sssd:ro " +
    "-v /var/lib/sss:/var/lib/sss -v /run/dbus/system_bus_socket:/run/dbus/system_bus_socket ${IMAGE} /bin/run.sh";

function runArgv(label: string, name: string, image: string): string[] {
    return expandLabel(label, { name, image, engine: "podman" }).argv;
}

const runOnly = { name: "units-runonly", engine: "podman" as const, runArgv: runArgv(RUN_ONLY, "units-runonly", "localhost/run-only:latest") };

// The ExecStart value with its continuation lines joined, blanks between words made one.
function execStart(content: string): string {
    return parseUnitFile(content).Service.ExecStart[0].replace(/ +/g, " ");
}

QUnit.module("unit generation: which kind", () => {
    QUnit.test("podman 4.3 gets a classic unit even with cgroup v2", assert => {
        assert.equal(chooseFlavor("podman", "4.3.1", true), "classic");
    });
    QUnit.test("podman 4.4 with cgroup v2 gets a Quadlet file", assert => {
        assert.equal(chooseFlavor("podman", "4.4.0", true), "quadlet");
        assert.equal(chooseFlavor("podman", "5.2.2", true), "quadlet");
    });
    QUnit.test("cgroup v1 and docker get a classic unit", assert => {
        assert.equal(chooseFlavor("podman", "5.2.2", false), "classic");
        assert.equal(chooseFlavor("docker", "26.1.0", true), "classic");
    });
});

QUnit.module("unit generation: classic podman unit", () => {
    QUnit.test("the run-only image's RUN becomes the verified notify unit, -d and --name replaced", assert => {
        const unit = generateUnit(runOnly, "classic");
        assert.equal(unit.unit, "units-runonly.service");
        assert.equal(unit.path, "/etc/systemd/system/units-runonly.service");
        assert.equal(execStart(unit.content),
                     "/usr/bin/podman run --rm --replace --name units-runonly --sdnotify=conmon --cgroups=split -d " +
                     "--network=host localhost/run-only:latest /bin/busybox httpd -f -p 127.0.0.1:8089 -h /www");
        const service = parseUnitFile(unit.content).Service;
        assert.deepEqual(service.Type, ["notify"]);
        assert.deepEqual(service.NotifyAccess, ["all"]);
        assert.deepEqual(service.Restart, ["on-failure"]);
        assert.deepEqual(service.ExecStop, ["/usr/bin/podman stop --ignore -t 10 units-runonly"]);
        assert.deepEqual(unit.dropped, ["-d", "--name units-runonly"]);
    });
    QUnit.test("orders after the network and is wanted by multi-user.target", assert => {
        const file = parseUnitFile(generateUnit(runOnly, "classic").content);
        assert.deepEqual(file.Unit.After, ["network-online.target"]);
        assert.deepEqual(file.Unit.Wants, ["network-online.target"]);
        assert.deepEqual(file.Install.WantedBy, ["multi-user.target"]);
        assert.equal(file.Unit.Before, undefined);
    });
    QUnit.test("--restart=always becomes Restart=always and leaves the podman command (it conflicts with --rm)", assert => {
        const unit = generateUnit({ name: "sssd", engine: "podman", runArgv: runArgv(SSSD_RUN, "sssd", "fedora/sssd") }, "classic");
        assert.deepEqual(parseUnitFile(unit.content).Service.Restart, ["always"]);
        assert.notOk(execStart(unit.content).includes("--restart"));
        assert.ok(execStart(unit.content).includes("--privileged --net=host -v /etc/sssd:/etc/sssd:ro"));
    });
    QUnit.test("the unit runs the container the page would find in it", assert => {
        const unit = generateUnit(runOnly, "classic");
        assert.deepEqual(containerOfUnit(unit.content, unit.unit),
                         { engine: "podman", container: "units-runonly", image: "localhost/run-only:latest", quadlet: false });
    });
    QUnit.test("a cluster such as -dit keeps only the letters the unit does not decide", assert => {
        const unit = generateUnit({ name: "x", engine: "podman", runArgv: splitWords("podman run -ditv /a:/b --name x img") }, "classic");
        assert.ok(execStart(unit.content).endsWith("-d -v /a:/b img"), execStart(unit.content));
    });
    QUnit.test("words with blanks are quoted, % and $ doubled so systemd passes them through", assert => {
        const argv = ["podman", "run", "--name", "x", "-e", "GREETING=hello world", "img", "sh", "-c", "echo $HOME 100%"];
        const line = execStart(generateUnit({ name: "x", engine: "podman", runArgv: argv }, "classic").content);
        assert.ok(line.endsWith("-e \"GREETING=hello world\" img sh -c \"echo $$HOME 100%%\""), line);
    });
    QUnit.test("docker runs in the foreground, as docker has no sd_notify", assert => {
        const argv = runArgv(RUN_ONLY, "web", "localhost/run-only");
        argv[0] = "docker";
        const file = parseUnitFile(generateUnit({ name: "web", engine: "docker", runArgv: argv }, "quadlet").content);
        assert.deepEqual(file.Service.Type, ["simple"]);
        assert.ok(execStart(generateUnit({ name: "web", engine: "docker", runArgv: argv }, "classic").content).startsWith("/usr/bin/docker run --rm --name web --network=host"));
    });
    QUnit.test("a RUN label that does not run a container is refused", assert => {
        assert.throws(() => generateUnit({ name: "x", engine: "podman", runArgv: ["podman", "exec", "x", "sh"] }, "classic"), UnitGenError);
    });
    QUnit.test("an invalid name is refused", assert => {
        assert.throws(() => generateUnit({ ...runOnly, name: "../x" }, "classic"), /Not a valid service name/);
    });
});

QUnit.module("unit generation: Quadlet", () => {
    QUnit.test("the run-only image becomes a .container file with Image, ContainerName, Network and Exec", assert => {
        const unit = generateUnit(runOnly, "quadlet");
        assert.equal(unit.path, "/etc/containers/systemd/units-runonly.container");
        assert.equal(unit.unit, "units-runonly.service");
        const file = parseUnitFile(unit.content);
        assert.deepEqual(file.Container.Image, ["localhost/run-only:latest"]);
        assert.deepEqual(file.Container.ContainerName, ["units-runonly"]);
        assert.deepEqual(file.Container.Network, ["host"]);
        assert.deepEqual(file.Container.Exec, ["/bin/busybox httpd -f -p 127.0.0.1:8089 -h /www"]);
        assert.deepEqual(file.Service.Restart, ["on-failure"]);
        assert.deepEqual(file.Install.WantedBy, ["multi-user.target"]);
        assert.deepEqual(file.Unit.After, ["network-online.target"]);
    });
    QUnit.test("mounts become Volume=, options without a key go to PodmanArgs=", assert => {
        const file = parseUnitFile(generateUnit({ name: "sssd", engine: "podman", runArgv: runArgv(SSSD_RUN, "sssd", "fedora/sssd") }, "quadlet").content);
        assert.deepEqual(file.Container.Volume, ["/etc/sssd:/etc/sssd:ro", "/var/lib/sss:/var/lib/sss",
            "/run/dbus/system_bus_socket:/run/dbus/system_bus_socket"]);
        assert.deepEqual(file.Container.PodmanArgs, ["--privileged"]);
        assert.deepEqual(file.Container.Network, ["host"]);
        assert.deepEqual(file.Service.Restart, ["always"]);
    });
});

QUnit.module("unit generation: legacy atomic units", () => {
    QUnit.test("keeps the unit's name, path, description and ordering, and runs podman instead of atomic", assert => {
        const unit = regenerateLegacyUnit(ATOMIC_SSSD_UNIT, "/etc/systemd/system/sssd.service",
                                          { name: "sssd", engine: "podman", runArgv: runArgv(SSSD_RUN, "sssd", "fedora/sssd") });
        assert.equal(unit.path, "/etc/systemd/system/sssd.service");
        assert.equal(unit.unit, "sssd.service");
        assert.equal(unit.flavor, "classic");
        const file = parseUnitFile(unit.content);
        assert.deepEqual(file.Unit.Description, ["SSSD in container"]);
        assert.deepEqual(file.Unit.Before, ["systemd-user-sessions.service nss-user-lookup.target"]);
        assert.deepEqual(file.Service.Type, ["notify"]);
        assert.equal(file.Service.RemainAfterExit, undefined);
        assert.equal(containerOfUnit(unit.content, "sssd.service")?.engine, "podman");
    });
});

QUnit.module("unit generation: the run command", () => {
    QUnit.test("is the RUN label expanded for the name and image", assert => {
        assert.deepEqual(runArgvFor({ RUN: RUN_ONLY }, { name: "w", image: "localhost/run-only", engine: "podman" }).slice(0, 5),
                         ["podman", "run", "-d", "--name", "w"]);
    });
    QUnit.test("without a RUN label is atomic's default run, detached", assert => {
        assert.deepEqual(runArgvFor({}, { name: "w", image: "localhost/no-labels", engine: "podman" }),
                         ["podman", "run", "-d", "--name", "w", "localhost/no-labels"]);
    });
});
