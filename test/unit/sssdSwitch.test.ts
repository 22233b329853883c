import QUnit from "qunit";
import { planToContainer, planToNative, serving, type UnitNow } from "../../src/core/sssdSwitch";
import { failureSteps, mainStepIndex, undoSteps, type Step, type StepsPlan } from "../../src/core/plan";
import { formatCommand } from "../../src/core/labels";
import { newRecord } from "../../src/core/record";
import type { Image } from "../../src/core/model";
import { hostCheckCommand, switchUnavailable, type SssdFacts } from "../../src/app/sssdSwitch";

const NOW = new Date(Date.UTC(2026, 10, 30, 10, 0));
// the reference image's labels (images/sssd/Containerfile, as buildah stores them)
const SSSD: Image = {
    id: "5e1f4c2b8a9d0e3f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f", names: ["localhost/sssd:latest"], digest: "", created: 0, size: 0, containers: 0,
    labels: {
        INSTALL: "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/install.sh",
        UNINSTALL: "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/uninstall.sh",
        "io.github.system-services.enroll": "ipa realm ldap",
    },
};
const unit = (name: string, activeState: string, unitFileState: string): UnitNow => ({ unit: name, loadState: "loaded", activeState, unitFileState });
// Debian 12 after `apt install sssd` with an sssd.conf that lists its services
const NATIVE = [
    unit("sssd.service", "active", "enabled"), unit("sssd-nss.socket", "inactive", "enabled"), unit("sssd-pam.socket", "inactive", "disabled"),
    unit("sssd-autofs.socket", "inactive", "disabled"),
];
const toContainer = (over = {}) => planToContainer({
    image: SSSD, name: "sssd-container", engine: "podman", containers: [], record: null, native: NATIVE, user: "alice",
    nativeConfig: true, now: NOW, backup: { paths: ["etc/sssd/"], at: NOW }, ...over,
});
const shown = (s: Step) => s.kind === "exec" ? formatCommand(s.argv) : `${s.kind}${"unit" in s ? " " + s.unit : ""}${"user" in s ? " " + s.user : ""}`;

QUnit.module("SSSD switch: to containerized", () => {
    QUnit.test("stops the native sockets, then the daemon; INSTALL --migrate; records; starts the unit; checks the user", assert => {
        const plan = toContainer() as StepsPlan;
        assert.deepEqual(plan.steps.map(shown), [
            "backup",
            "unit-disable sssd-nss.socket",
            "unit-disable sssd.service",
            "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=sssd-container -e IMAGE=localhost/sssd:latest " +
                "--label io.github.system-services.label-run=sssd-container localhost/sssd:latest /bin/install.sh --migrate",
            "write-record",
            "daemon-reload",
            "unit-enable sssd-container.service",
            "verify-lookup alice",
        ]);
        assert.equal(mainStepIndex(plan.steps), 3, "INSTALL is the long command");
    });
    QUnit.test("a failing check undoes every step, in reverse, and checks that native SSSD answers again", assert => {
        const plan = toContainer() as StepsPlan;
        const verifyAt = plan.steps.length - 1;
        const { cleanup, undo } = failureSteps(plan.steps, verifyAt, false);
        assert.deepEqual(cleanup, []);
        assert.deepEqual(undo.map(shown), [
            "unit-disable sssd-container.service",
            "remove-record",
            "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=sssd-container -e IMAGE=localhost/sssd:latest " +
                "--label io.github.system-services.label-run=sssd-container localhost/sssd:latest /bin/uninstall.sh",
            "unit-enable sssd.service",
            "unit-enable sssd-nss.socket",
            "restore",
            "verify-lookup alice",
        ]);
        const back = undo.filter(s => s.kind === "unit-enable");
        assert.deepEqual(back.map(s => s.kind === "unit-enable" ? [s.unit, s.enable, s.start] : null),
                         [["sssd.service", true, true], ["sssd-nss.socket", true, false]], "each unit as it was: enabled, started");
    });
    QUnit.test("a unit that fails to start is stopped and disabled before the rest is undone", assert => {
        const plan = toContainer() as StepsPlan;
        const at = plan.steps.findIndex(s => s.kind === "unit-enable");
        const { cleanup, undo } = failureSteps(plan.steps, at, true);
        assert.deepEqual(cleanup.map(shown), ["unit-disable sssd-container.service"]);
        assert.deepEqual(undo.map(shown).slice(0, 2), ["remove-record",
            "podman run --rm --privileged --pid=host --net=host -v /:/host -e HOST=/host -e NAME=sssd-container -e IMAGE=localhost/sssd:latest " +
            "--label io.github.system-services.label-run=sssd-container localhost/sssd:latest /bin/uninstall.sh"]);
    });
    QUnit.test("refused without a configuration to take over, or without a user to check", assert => {
        assert.equal((toContainer({ nativeConfig: false }) as { code?: string }).code, "no-native");
        assert.equal((toContainer({ user: "" }) as { code?: string }).code, "invalid-name");
        assert.equal((toContainer({ user: "-x" }) as { code?: string }).code, "invalid-name");
    });
});

QUnit.module("SSSD switch: to native", () => {
    const record = newRecord({ name: "sssd-container", image: "localhost/sssd:latest", imageId: SSSD.id, engine: "podman", unit: "sssd-container.service" }, NOW);
    const stopped = [unit("sssd.service", "inactive", "disabled"), unit("sssd-nss.socket", "inactive", "disabled")];
    const container = unit("sssd-container.service", "active", "enabled");
    QUnit.test("stops the container's unit, starts native sssd, checks the user; a failure puts the container back", assert => {
        const plan = planToNative({ record, native: stopped, container, user: "alice", backup: { paths: ["etc/sssd/"], at: NOW } }) as StepsPlan;
        assert.deepEqual(plan.steps.map(shown), ["backup", "unit-disable sssd-container.service", "unit-enable sssd.service",
                                                 "unit-enable sssd-nss.socket", "verify-lookup alice"]);
        const socket = plan.steps[3];
        assert.deepEqual(socket.kind === "unit-enable" ? [socket.enable, socket.start] : null, [true, false], "the socket is enabled, as Debian leaves it, not started");
        assert.deepEqual(undoSteps(plan.steps, 4).map(shown), ["unit-disable sssd-nss.socket", "unit-disable sssd.service", "unit-enable sssd-container.service", "restore", "verify-lookup alice"]);
    });
    QUnit.test("without Debian's sssd, or with it masked, it says what to do and changes nothing", assert => {
        const missing = planToNative({ record, native: [{ ...stopped[0], loadState: "not-found" }], container, user: "alice", backup: null });
        assert.true(missing.kind === "refused" && /apt install sssd/.test(missing.reason));
        const masked = planToNative({ record, native: [{ ...stopped[0], loadState: "masked" }], container, user: "alice", backup: null });
        assert.true(masked.kind === "refused" && /unmask/.test(masked.reason));
    });
    QUnit.test("which one serves", assert => {
        assert.equal(serving(NATIVE, []), "native");
        assert.equal(serving(stopped, [container]), "container");
        assert.equal(serving(stopped, [{ ...container, activeState: "failed" }]), "none");
    });
});

QUnit.module("SSSD: the host check", () => {
    const withCheck = (label: string): Image => ({ ...SSSD, labels: { ...SSSD.labels, "io.github.system-services.host-check": label } });
    QUnit.test("the reference image's check runs with the host's files read-only", assert => {
        assert.deepEqual(hostCheckCommand(withCheck("podman run --rm -v /:/host:ro -e HOST=/host ${IMAGE} /bin/host-check.sh"), "podman"),
                         ["podman", "run", "--rm", "-v", "/:/host:ro", "-e", "HOST=/host", "localhost/sssd:latest", "/bin/host-check.sh"]);
    });
    QUnit.test("a check that could change the host is not run without a plan", assert => {
        assert.equal(hostCheckCommand(withCheck("podman run --rm -v /:/host -e HOST=/host ${IMAGE} /bin/host-check.sh"), "podman"), null, "writable root");
        assert.equal(hostCheckCommand(withCheck("podman run --rm --privileged -v /:/host:ro ${IMAGE} /bin/host-check.sh"), "podman"), null, "privileged");
        assert.equal(hostCheckCommand(withCheck("/bin/sh -c 'rm -rf /'"), "podman"), null, "not a run of the image");
        assert.equal(hostCheckCommand(SSSD, "podman"), null, "no label");
    });
});

QUnit.module("SSSD: when a switch has nothing to do", () => {
    const record = newRecord({ name: "sssd-container", image: "localhost/sssd:latest", imageId: SSSD.id, engine: "podman", unit: "sssd-container.service" }, NOW);
    const containerUnit = unit("sssd-container.service", "active", "enabled");
    const facts = (over: Partial<SssdFacts>): SssdFacts => ({ native: NATIVE, containers: [], serving: "native", nativeConfig: true, images: [SSSD], ...over });
    QUnit.test("native SSSD serving, an SSSD image pulled: only to containerized", assert => {
        assert.equal(switchUnavailable(facts({}), "container"), null);
        assert.equal(switchUnavailable(facts({}), "native"), "Native SSSD serves identities already.");
    });
    QUnit.test("no SSSD image and no container: neither, each with its reason", assert => {
        // the state an admin meets on a host with native SSSD and nothing pulled yet
        assert.equal(switchUnavailable(facts({ images: [] }), "container"), "No SSSD image on this host: pull an image that can enroll the host first.");
        const stopped = facts({ images: [], serving: "none", native: NATIVE.map(u => ({ ...u, activeState: "inactive" })) });
        assert.equal(switchUnavailable(stopped, "native"), "No containerized SSSD is installed to switch from.");
    });
    QUnit.test("the container serving: only back to native", assert => {
        const f = facts({ serving: "container", containers: [{ record, unit: containerUnit }] });
        assert.equal(switchUnavailable(f, "container"), "A containerized SSSD serves identities already.");
        assert.equal(switchUnavailable(f, "native"), null);
    });
});
