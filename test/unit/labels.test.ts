import QUnit from "qunit";
import { expandLabel, findLabel, formatCommand, injectEngineOptions, privilegeWarnings, runMounts, type ExpandContext } from "../../src/core/labels";
import { DEMO, DEMO_IMAGE, FREEIPA_IMAGE, FREEIPA_LABELS, FREEIPA_RUN_OPTS, SSHD_RUN, SSSD, SSSD_IMAGE, SSSD_MOUNTS, SSSD_RUN_AS_WRITTEN } from "./labels-fixtures";

// The whole path of a real label: find it, expand it, show it, judge it.
const SSSD_CTX: ExpandContext = { name: "sssd", image: SSSD_IMAGE, engine: "podman" };
const IPA_CTX: ExpandContext = { name: "ipa", image: FREEIPA_IMAGE, engine: "podman", env: { RUN_OPTS: FREEIPA_RUN_OPTS } };
const DEMO_CTX: ExpandContext = { name: "demo", image: DEMO_IMAGE, engine: "podman" };

QUnit.module("labels: the SSSD image", () => {
    QUnit.test("INSTALL expands to the privileged installer with the host at /host", assert => {
        const { argv, unknownVariables } = expandLabel(SSSD.INSTALL, SSSD_CTX);
        assert.equal(formatCommand(argv), `podman run --rm=true --privileged --net=host -v /:/host -e NAME=sssd -e IMAGE=${SSSD_IMAGE} -e HOST=/host ${SSSD_IMAGE} /bin/install.sh`);
        assert.deepEqual(unknownVariables, []);
    });
    QUnit.test("INSTALL passes the admin's realm arguments as separate words", assert => {
        const { argv } = expandLabel(SSSD.INSTALL, { ...SSSD_CTX, extraArgs: ["realm", "join", "--user=Domain Admin", "ad.example.test"] });
        assert.deepEqual(argv.slice(-5), ["/bin/install.sh", "realm", "join", "--user=Domain Admin", "ad.example.test"]);
    });
    QUnit.test("INSTALL warns about privileges, the host network and the host root", assert => {
        const { argv } = expandLabel(SSSD.INSTALL, SSSD_CTX);
        assert.deepEqual(privilegeWarnings(argv).map(w => w.kind), ["privileged", "host-network", "host-root-mount"]);
    });
    QUnit.test("RUN expands with every bind mount and no unknown variable", assert => {
        const { argv, unknownVariables } = expandLabel(SSSD.RUN, SSSD_CTX);
        assert.deepEqual(argv.slice(0, 12), ["podman", "run", "-d", "--restart=always", "--privileged", "--net=host", "--name", "sssd", "-e", "NAME=sssd", "-e", "IMAGE=" + SSSD_IMAGE]);
        assert.deepEqual(argv.slice(-2), [SSSD_IMAGE, "/bin/run.sh"]);
        assert.deepEqual(unknownVariables, []);
    });
    QUnit.test("RUN binds the 22 host paths of the image, 17 of them read-only", assert => {
        const mounts = runMounts(expandLabel(SSSD.RUN, SSSD_CTX).argv);
        assert.deepEqual(mounts, SSSD_MOUNTS.map(([source, target, readOnly]) => ({ source, target, readOnly })));
        assert.equal(mounts.filter(m => m.readOnly).length, 17);
    });
    QUnit.test("RUN warns once per host mount", assert => {
        const kinds = privilegeWarnings(expandLabel(SSSD.RUN, SSSD_CTX).argv).map(w => w.kind);
        assert.deepEqual(kinds, ["privileged", "host-network", ...SSSD_MOUNTS.map(() => "host-mount")]);
    });
    QUnit.test("RUN as written in the Dockerfile expands the same", assert => {
        assert.deepEqual(expandLabel(SSSD_RUN_AS_WRITTEN, SSSD_CTX), expandLabel(SSSD.RUN, SSSD_CTX));
    });
    QUnit.test("RUN takes the classic unit's options right before the image", assert => {
        const argv = injectEngineOptions(expandLabel(SSSD.RUN, SSSD_CTX).argv, SSSD_IMAGE, ["--replace", "--sdnotify=conmon"]);
        assert.deepEqual(argv.slice(-4), ["--replace", "--sdnotify=conmon", SSSD_IMAGE, "/bin/run.sh"]);
    });
    QUnit.test("STOP sends TERM to the container named after the service", assert => {
        assert.deepEqual(expandLabel(SSSD.STOP, SSSD_CTX).argv, ["podman", "kill", "-s", "TERM", "sssd"]);
    });
    QUnit.test("UNINSTALL runs the uninstaller with the same privileges as INSTALL", assert => {
        const install = expandLabel(SSSD.INSTALL, SSSD_CTX).argv;
        const uninstall = expandLabel(SSSD.UNINSTALL, SSSD_CTX).argv;
        assert.deepEqual(uninstall.slice(0, -1), install.slice(0, -1));
        assert.equal(uninstall[uninstall.length - 1], "/bin/uninstall.sh");
    });
    QUnit.test("STOP uses docker on a docker host", assert => {
        assert.deepEqual(expandLabel(SSSD.STOP, { ...SSSD_CTX, engine: "docker" }).argv, ["docker", "kill", "-s", "TERM", "sssd"]);
    });
});

QUnit.module("labels: the freeipa-container image", () => {
    QUnit.test("lower-case labels are found by their upper-case names", assert => {
        assert.equal(findLabel(FREEIPA_LABELS, "RUN"), FREEIPA_LABELS.run);
    });
    QUnit.test("RUN_OPTS_FILE expands to an absolute path under the name", assert => {
        assert.deepEqual(expandLabel(FREEIPA_LABELS.RUN_OPTS_FILE, IPA_CTX).argv, ["/var/lib/ipa/docker-run-opts"]);
    });
    QUnit.test("RUN takes the options file's lines as words", assert => {
        const { argv, unknownVariables } = expandLabel(FREEIPA_LABELS.run, IPA_CTX);
        assert.equal(formatCommand(argv), `podman run --rm --hostname=ipa.example.test --name ipa -v /var/lib/ipa:/data:Z -v /sys/fs/cgroup:/sys/fs/cgroup:ro --tmpfs /run --tmpfs /tmp -v /dev/urandom:/dev/random:ro ${FREEIPA_IMAGE}`);
        assert.deepEqual(unknownVariables, []);
    });
    QUnit.test("RUN before install reports RUN_OPTS as unknown", assert => {
        const { argv, unknownVariables } = expandLabel(FREEIPA_LABELS.run, { ...IPA_CTX, env: {} });
        assert.deepEqual(argv.slice(0, 4), ["podman", "run", "--name", "ipa"]);
        assert.deepEqual(unknownVariables, ["RUN_OPTS"]);
    });
    QUnit.test("RUN binds the data directory and cgroups, and /dev/urandom read-only", assert => {
        assert.deepEqual(runMounts(expandLabel(FREEIPA_LABELS.run, IPA_CTX).argv), [
            { source: "/var/lib/ipa", target: "/data", readOnly: false },
            { source: "/sys/fs/cgroup", target: "/sys/fs/cgroup", readOnly: true },
            { source: "/dev/urandom", target: "/dev/random", readOnly: true },
        ]);
    });
    QUnit.test("RUN takes engine options before the image even after RUN_OPTS", assert => {
        const argv = injectEngineOptions(expandLabel(FREEIPA_LABELS.run, IPA_CTX).argv, FREEIPA_IMAGE, ["--sdnotify=conmon"]);
        assert.deepEqual(argv.slice(-2), ["--sdnotify=conmon", FREEIPA_IMAGE]);
    });
    QUnit.test("install passes DATADIR under the name", assert => {
        assert.ok(expandLabel(FREEIPA_LABELS.install, IPA_CTX).argv.includes("DATADIR=/var/lib/ipa"));
    });
    QUnit.test("uninstall does not pass NAME, as the image had it", assert => {
        const { argv } = expandLabel(FREEIPA_LABELS.uninstall, IPA_CTX);
        assert.notOk(argv.some(a => a.startsWith("NAME=")));
        assert.deepEqual(argv.slice(-2), [FREEIPA_IMAGE, "/bin/uninstall.sh"]);
    });
    QUnit.test("stop stops the container by name", assert => {
        assert.deepEqual(expandLabel(FREEIPA_LABELS.stop, IPA_CTX).argv, ["podman", "stop", "ipa"]);
    });
});

QUnit.module("labels: the demo image", () => {
    QUnit.test("INSTALL expands like podman runlabel would", assert => {
        assert.deepEqual(expandLabel(DEMO.INSTALL, DEMO_CTX).argv,
                         ["podman", "run", "--rm", "--privileged", "-v", "/:/host", "-e", "HOST=/host", "-e", "NAME=demo", "-e", "IMAGE=" + DEMO_IMAGE, DEMO_IMAGE, "/bin/sh", "/install.sh"]);
    });
    QUnit.test("RUN warns only about the host network", assert => {
        assert.deepEqual(privilegeWarnings(expandLabel(DEMO.RUN, DEMO_CTX).argv), [{ kind: "host-network", arg: "--network=host" }]);
    });
    QUnit.test("RUN's httpd -p and -h after the image are not engine options", assert => {
        assert.deepEqual(runMounts(expandLabel(DEMO.RUN, DEMO_CTX).argv), []);
    });
    QUnit.test("STOP gives the container two seconds", assert => {
        assert.deepEqual(expandLabel(DEMO.STOP, DEMO_CTX).argv, ["podman", "stop", "-t", "2", "demo"]);
    });
    QUnit.test("UNINSTALL differs from INSTALL only in the script", assert => {
        const install = expandLabel(DEMO.INSTALL, DEMO_CTX).argv;
        assert.deepEqual(expandLabel(DEMO.UNINSTALL, DEMO_CTX).argv, [...install.slice(0, -1), "/uninstall.sh"]);
    });
});

QUnit.module("labels: the rhel6 sshd example", () => {
    QUnit.test("RUN shares every host namespace and three host directories", assert => {
        const kinds = privilegeWarnings(expandLabel(SSHD_RUN, { name: "sshd", image: "rhel6-sshd", engine: "docker" }).argv).map(w => w.kind);
        assert.deepEqual(kinds, ["privileged", "host-network", "host-pid", "host-ipc", "host-mount", "host-mount", "host-mount"]);
    });
});
