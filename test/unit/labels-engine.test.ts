import QUnit from "qunit";
import { injectEngineOptions, privilegeWarnings, runMounts, splitWords, type Mount, type PrivilegeWarning } from "../../src/core/labels";

function words(line: string): string[] {
    return splitWords(line);
}

const WARNINGS: [string, string, PrivilegeWarning[]][] = [
    ["--privileged is flagged", "podman run --privileged img", [{ kind: "privileged", arg: "--privileged" }]],
    ["--privileged=true is flagged", "docker run --rm=true --privileged=true img", [{ kind: "privileged", arg: "--privileged=true" }]],
    ["--privileged=false is not flagged", "podman run --privileged=false img", []],
    ["--cap-add in both forms is flagged once each", "podman run --cap-add SYS_ADMIN --cap-add=NET_ADMIN img", [{ kind: "cap-add", arg: "--cap-add SYS_ADMIN" }, { kind: "cap-add", arg: "--cap-add=NET_ADMIN" }]],
    ["--cap-drop is not flagged", "podman run --cap-drop ALL img", []],
    ["--security-opt label=disable is flagged", "podman run --security-opt label=disable img", [{ kind: "label-disable", arg: "--security-opt label=disable" }]],
    ["--security-opt=label:disable is flagged", "docker run --security-opt=label:disable img", [{ kind: "label-disable", arg: "--security-opt=label:disable" }]],
    ["another SELinux label type is not label-disable", "docker run --security-opt label:type:sssd_t img", []],
    ["--net=host and --network host are flagged", "podman run --net=host --network host img", [{ kind: "host-network", arg: "--net=host" }, { kind: "host-network", arg: "--network host" }]],
    ["--network=bridge is not flagged", "podman run --network=bridge img", []],
    ["--pid=host and --pid host are flagged", "podman run --pid=host --pid host img", [{ kind: "host-pid", arg: "--pid=host" }, { kind: "host-pid", arg: "--pid host" }]],
    ["--ipc=host and --ipc host are flagged", "podman run --ipc=host --ipc host img", [{ kind: "host-ipc", arg: "--ipc=host" }, { kind: "host-ipc", arg: "--ipc host" }]],
    ["-v /:/host is a host root mount", "podman run -v /:/host img", [{ kind: "host-root-mount", arg: "-v /:/host" }]],
    ["--volume=/:/host is a host root mount", "podman run --volume=/:/host img", [{ kind: "host-root-mount", arg: "--volume=/:/host" }]],
    ["a root written as //. is a host root mount", "podman run -v //.:/host:ro img", [{ kind: "host-root-mount", arg: "-v //.:/host:ro" }]],
    ["--mount of / is a host root mount", "podman run --mount type=bind,src=/,dst=/host img", [{ kind: "host-root-mount", arg: "--mount type=bind,src=/,dst=/host" }]],
    ["a bind of a host directory is a host mount", "podman run -v /etc/sssd/:/etc/sssd/:ro img", [{ kind: "host-mount", arg: "-v /etc/sssd/:/etc/sssd/:ro" }]],
    ["a relative host path is a host mount", "podman run -v ./data:/data img", [{ kind: "host-mount", arg: "-v ./data:/data" }]],
    ["a named volume is not flagged", "podman run -v data:/data img", []],
    ["an anonymous volume is not flagged", "podman run -v /data img", []],
    ["a tmpfs is not flagged", "podman run --tmpfs /run --mount type=tmpfs,dst=/tmp img", []],
    ["a cluster -dv ends in a volume", "podman run -dv/:/host img", [{ kind: "host-root-mount", arg: "-dv/:/host" }]],
    ["options after the image belong to the container", "podman run img /bin/sh -c --privileged -v /:/host --net=host", []],
    ["a value that looks like an option is a value", "podman run -e --privileged --name --net=host img", []],
    ["podman exec --privileged is flagged", "podman exec --privileged sssd sh", [{ kind: "privileged", arg: "--privileged" }]],
    ["global options do not hide run options", "podman --log-level=debug --root /var/lib/x container run --privileged img", [{ kind: "privileged", arg: "--privileged" }]],
    ["a stop command has no warnings", "podman stop -t 2 demo", []],
    ["a kill command has no warnings", "docker kill -s TERM sssd", []],
    ["a command other than the engine is flagged", "/usr/bin/atomic install --system img", [{ kind: "not-engine", arg: "/usr/bin/atomic" }]],
    ["sh -c is flagged as not the engine", "sh -c 'podman run --privileged img'", [{ kind: "not-engine", arg: "sh" }]],
    ["an engine path is the engine", "/usr/bin/podman run --pid=host img", [{ kind: "host-pid", arg: "--pid=host" }]],
];

const MOUNTS: [string, string, Mount[]][] = [
    ["-v with :ro is read-only", "podman run -v /etc/ipa/:/etc/ipa/:ro img", [{ source: "/etc/ipa/", target: "/etc/ipa/", readOnly: true }]],
    ["-v without options is writable", "podman run -v /var/lib/sss/:/var/lib/sss/ img", [{ source: "/var/lib/sss/", target: "/var/lib/sss/", readOnly: false }]],
    ["-v with ro,z options is read-only", "podman run -v /a:/b:ro,z img", [{ source: "/a", target: "/b", readOnly: true }]],
    ["-v with Z alone is writable", "podman run -v /var/lib/ipa:/data:Z img", [{ source: "/var/lib/ipa", target: "/data", readOnly: false }]],
    ["-v name:/data is a named volume, not a bind", "podman run -v name:/data img", []],
    ["-v /data is an anonymous volume, not a bind", "podman run -v /data img", []],
    ["--volume=/:/host is a bind of /", "podman run --volume=/:/host img", [{ source: "/", target: "/host", readOnly: false }]],
    ["--volume /a:/b is a bind", "podman run --volume /a:/b img", [{ source: "/a", target: "/b", readOnly: false }]],
    ["--mount with src, dst and ro", "podman run --mount type=bind,src=/a,dst=/b,ro img", [{ source: "/a", target: "/b", readOnly: true }]],
    ["--mount with source and target", "podman run --mount=type=bind,source=/a,target=/b img", [{ source: "/a", target: "/b", readOnly: false }]],
    ["--mount with destination and readonly=true", "docker run --mount type=bind,source=/a,destination=/b,readonly=true img", [{ source: "/a", target: "/b", readOnly: true }]],
    ["--mount with readonly=false is writable", "docker run --mount type=bind,src=/a,dst=/b,readonly=false img", [{ source: "/a", target: "/b", readOnly: false }]],
    ["--mount with a quoted CSV field keeps its comma", "podman run --mount 'type=bind,\"src=/a,b\",dst=/c' img", [{ source: "/a,b", target: "/c", readOnly: false }]],
    ["--mount of a volume is not a bind", "podman run --mount type=volume,src=data,dst=/data img", []],
    ["--mount without a type is a volume", "podman run --mount src=/a,dst=/b img", []],
    ["mounts after the image are not mounts", "podman run img tar -v /a:/b", []],
    ["a create command has mounts too", "podman create -v /a:/b img", [{ source: "/a", target: "/b", readOnly: false }]],
    ["podman container run has mounts too", "podman container run -v /a:/b img", [{ source: "/a", target: "/b", readOnly: false }]],
    ["a non-run command has no mounts", "podman exec -v /a:/b sssd", []],
    ["a non-engine command has no mounts", "sh -v /a:/b", []],
];

const INJECTS: [string, string, string, string][] = [
    ["options go right before the image", "podman run -d --name demo localhost/demo:latest /bin/httpd -f", "localhost/demo:latest", "podman run -d --name demo --sdnotify=conmon --cgroups=split localhost/demo:latest /bin/httpd -f"],
    ["a --name value equal to the image is skipped", "podman run --name sssd sssd /bin/run.sh", "sssd", "podman run --name sssd --sdnotify=conmon --cgroups=split sssd /bin/run.sh"],
    ["-e and -v values equal to the image are skipped", "podman run -e sssd -v sssd sssd", "sssd", "podman run -e sssd -v sssd --sdnotify=conmon --cgroups=split sssd"],
    ["--opt=value needs no value word", "podman run --network=host --rm=true img", "img", "podman run --network=host --rm=true --sdnotify=conmon --cgroups=split img"],
    ["global options before the subcommand are skipped", "podman --log-level=debug --root /x run img", "img", "podman --log-level=debug --root /x run --sdnotify=conmon --cgroups=split img"],
    ["a global option value equal to run is skipped", "podman --log-level run run img", "img", "podman --log-level run run --sdnotify=conmon --cgroups=split img"],
    ["podman container run is a run", "podman container run --rm img", "img", "podman container run --rm --sdnotify=conmon --cgroups=split img"],
    ["podman create is a create", "podman create -v /a:/b img cmd", "img", "podman create -v /a:/b --sdnotify=conmon --cgroups=split img cmd"],
    ["options go before -- when the image follows it", "podman run --rm -- img", "img", "podman run --rm --sdnotify=conmon --cgroups=split -- img"],
    ["an image after an unknown option's value is still found", "podman run --future-opt val img", "img", "podman run --future-opt val --sdnotify=conmon --cgroups=split img"],
    ["the image inside the container's arguments is not used twice", "podman run img img", "img", "podman run --sdnotify=conmon --cgroups=split img img"],
];

QUnit.module("labels: privilegeWarnings (rule 7)", () => {
    for (const [name, line, expected] of WARNINGS)
        QUnit.test(name, assert => { assert.deepEqual(privilegeWarnings(words(line)), expected); });
    QUnit.test("an empty argv has no warnings", assert => { assert.deepEqual(privilegeWarnings([]), []); });
});

QUnit.module("labels: runMounts (rule 9)", () => {
    for (const [name, line, expected] of MOUNTS)
        QUnit.test(name, assert => { assert.deepEqual(runMounts(words(line)), expected); });
});

QUnit.module("labels: injectEngineOptions (rule 8)", () => {
    const options = ["--sdnotify=conmon", "--cgroups=split"];
    for (const [name, line, image, expected] of INJECTS)
        QUnit.test(name, assert => { assert.deepEqual(injectEngineOptions(words(line), image, options), words(expected)); });
    QUnit.test("a command without the image throws", assert => {
        assert.throws(() => injectEngineOptions(words("podman run --name img other"), "img", options), /no image argument "img"/);
    });
    QUnit.test("a stop command throws", assert => {
        assert.throws(() => injectEngineOptions(words("podman stop img"), "img", options), /Not a run or create/);
    });
    QUnit.test("a command other than the engine throws", assert => {
        assert.throws(() => injectEngineOptions(words("sh -c run img"), "img", options), /Not a run or create/);
    });
    QUnit.test("the argv given is left unchanged", assert => {
        const argv = words("podman run img");
        injectEngineOptions(argv, "img", options);
        assert.deepEqual(argv, ["podman", "run", "img"]);
    });
});
