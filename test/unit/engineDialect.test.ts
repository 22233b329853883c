import QUnit from "qunit";
import {
    engineOf, eventsJsonFormat, parseDockerEvent, refusedOptions, removeContainerArgv, saysDaemonDenied, saysNoSuchContainer,
    saysNoSuchImage, saysNoSuchPath,
} from "../../src/core/engineDialect";
import { parseVersion } from "../../src/core/engineVersion";
import { splitWords } from "../../src/core/labels";
import options from "../fixtures/docker-20.10-options.json";
import answers from "../fixtures/engine-answers.json";

interface Answer { argv: string; status: number; stdout: string; stderr: string }
const said = answers as Record<string, Answer>;

function answer(key: string): Answer {
    const a = said[key];
    if (!a)
        throw new Error(`no recorded answer "${key}" in test/fixtures/engine-answers.json`);
    return a;
}

QUnit.module("engine dialect: what podman and docker said", () => {
    QUnit.test("the recorded answers come from podman 4.3 and docker 20.10", assert => {
        assert.equal(answer("docker version").stdout.trim(), options.docker);
        assert.equal(answer("podman version").stdout.trim(), options.podman);
    });

    QUnit.test("docker's rm has no --ignore; its rm -f of a missing container succeeds, podman's needs --ignore", assert => {
        assert.equal(answer("docker rm --ignore missing").status, 125);
        assert.true(/unknown flag: --ignore/.test(answer("docker rm --ignore missing").stderr), answer("docker rm --ignore missing").stderr);
        assert.equal(answer("docker rm -f missing").status, 0);
        assert.equal(answer("podman rm -f --ignore missing").status, 0);
        assert.deepEqual(removeContainerArgv("docker", "demo"), ["docker", "rm", "-f", "demo"]);
        assert.deepEqual(removeContainerArgv("podman", "demo"), ["podman", "rm", "-f", "--ignore", "demo"]);
        assert.deepEqual(removeContainerArgv("docker", "demo", "/usr/bin/docker"), ["/usr/bin/docker", "rm", "-f", "demo"]);
        // what the argv would be given is what was run
        for (const engine of ["podman", "docker"] as const)
            assert.equal(answer(`${engine} ${removeContainerArgv(engine, "x").slice(1, -1).join(" ")} missing`).status, 0, engine);
    });

    QUnit.test("a missing path in cp is told apart from any other failure, on both engines", assert => {
        for (const engine of ["podman", "docker"]) {
            const cp = answer(`${engine} cp missing path`);
            assert.notEqual(cp.status, 0, engine);
            assert.true(saysNoSuchPath(cp.stderr), `${engine}: ${cp.stderr}`);
            assert.false(saysNoSuchContainer(cp.stderr), `${engine}: a missing path is not a missing container`);
        }
        assert.false(saysNoSuchPath(answer("docker run --sdnotify").stderr));
    });

    QUnit.test("a user outside the docker group: the daemon runs but refuses; the client still says its version", assert => {
        const denied = answer("docker version as a user");
        assert.notEqual(denied.status, 0);
        assert.true(saysDaemonDenied(denied.stderr), denied.stderr);
        assert.false(saysDaemonDenied(answer("docker stop missing").stderr));
        assert.equal(parseVersion(answer("docker --version as a user").stdout), options.docker);
    });

    QUnit.test("a missing container and a missing image, as each engine says it", assert => {
        for (const engine of ["podman", "docker"]) {
            for (const key of ["container inspect missing", "inspect missing", "stop missing"]) {
                const a = answer(`${engine} ${key}`);
                assert.notEqual(a.status, 0, `${engine} ${key}`);
                assert.true(saysNoSuchContainer(a.stderr), `${engine} ${key}: ${a.stderr}`);
            }
            for (const key of ["image inspect missing", "rmi missing"]) {
                const a = answer(`${engine} ${key}`);
                assert.notEqual(a.status, 0, `${engine} ${key}`);
                assert.true(saysNoSuchImage(a.stderr), `${engine} ${key}: ${a.stderr}`);
                assert.false(saysNoSuchContainer(a.stderr), `${engine} ${key}`);
            }
        }
    });

    QUnit.test("events as JSON lines: podman's format word, docker's template", assert => {
        const word = answer("docker events --format json").stdout.trim().split("\n");
        assert.true(word.length > 0 && word.every(l => l === "json"), "docker prints the word json for each event");
        assert.equal(eventsJsonFormat("docker"), "{{json .}}");
        assert.equal(eventsJsonFormat("podman"), "json");
        for (const engine of ["podman", "docker"] as const) {
            const lines = answer(`${engine} events --format ${eventsJsonFormat(engine)}`).stdout.trim().split("\n");
            assert.true(lines.length > 0, engine);
            assert.true(lines.every(l => typeof JSON.parse(l) === "object"), `${engine}: one JSON object a line`);
        }
    });

    QUnit.test("docker's events read as container and image events with IDs, names and times", assert => {
        const lines = answer("docker events --format {{json .}}").stdout.trim().split("\n");
        const events = lines.map(parseDockerEvent);
        assert.true(events.length > 0);
        for (const e of events) {
            assert.ok(e, "every line parses");
            assert.equal(e!.type, "container");
            assert.equal(e!.status, "create");
            assert.true(/^[0-9a-f]{64}$/.test(e!.id ?? ""), e!.id ?? "");
            assert.true(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e!.time ?? ""), e!.time ?? "");
        }
        assert.equal(parseDockerEvent("json"), null, "a line that is not JSON is no event");
        assert.equal(parseDockerEvent(""), null);
        const tag = parseDockerEvent(JSON.stringify({ status: "tag", id: "sha256:" + "a".repeat(64), Type: "image", Action: "tag",
                                                      Actor: { ID: "sha256:" + "a".repeat(64), Attributes: { name: "localhost/x:latest" } }, time: 1, timeNano: 1000000000 }));
        assert.deepEqual(tag, { type: "image", status: "tag", id: "sha256:" + "a".repeat(64), name: "localhost/x:latest", time: "1970-01-01T00:00:01.000Z" });
        const network = parseDockerEvent(JSON.stringify({ Type: "network", Action: "connect", Actor: { ID: "n", Attributes: {} }, time: 1 }));
        assert.deepEqual(network, { type: "network", status: "connect", id: "n", name: null, time: "1970-01-01T00:00:01.000Z" });
        assert.equal(parseDockerEvent(JSON.stringify({ Type: "plugin", Action: "enable", time: 1 }))?.type, "other");
    });

    QUnit.test("every option podman knows is refused on docker exactly when docker's client said unknown flag", assert => {
        let refused = 0;
        for (const [sub, replies] of Object.entries(options.replies)) {
            for (const [option, reply] of Object.entries(replies as Record<string, string>)) {
                const argv = sub === "global" ? ["docker", `${option}=x`, "ps"] : ["docker", sub, `${option}=x`, "img"];
                const found = refusedOptions(argv).map(o => o.name);
                const unknown = reply.startsWith("unknown flag");
                assert.deepEqual(found, unknown ? [option] : [], `${argv.join(" ")}: ${reply}`);
                refused += unknown ? 1 : 0;
                // the same command on podman is fine
                assert.deepEqual(refusedOptions(["podman", ...argv.slice(1)]), []);
            }
        }
        assert.true(refused > 100, `${refused} refusals recorded`);
        assert.true(/unknown flag: --sdnotify/.test(answer("docker run --sdnotify").stderr), answer("docker run --sdnotify").stderr);
        assert.equal(answer("docker run --sdnotify").status, 125);
    });

    QUnit.test("refused options are found in the forms a label writes them", assert => {
        const names = (line: string) => refusedOptions(splitWords(line)).map(o => o.text);
        assert.deepEqual(names("docker run -d --replace --name x --sdnotify conmon img sh --replace"), ["--replace", "--sdnotify conmon"]);
        assert.deepEqual(names("/usr/bin/docker container run --cgroups=split img"), ["--cgroups=split"]);
        assert.deepEqual(names("docker --root /var/lib/x run --net=host img"), ["--root /var/lib/x"]);
        assert.deepEqual(names("docker stop --ignore -t 2 x"), ["--ignore"]);
        assert.deepEqual(names("docker run --rm=true --privileged --net=host -v /:/host img"), []);
        assert.deepEqual(names("docker images"), []);
        assert.deepEqual(names("/bin/echo --replace"), []);
        assert.equal(engineOf(["/usr/local/bin/docker"]), "docker");
        assert.equal(engineOf(["podman"]), "podman");
        assert.equal(engineOf(["docker-compose"]), null);
        assert.equal(engineOf([]), null);
    });
});
