import QUnit from "qunit";
import { expandLabel, formatCommand, splitWords } from "../../src/core/labels";
import { DEMO, DEMO_IMAGE } from "./labels-fixtures";

const FORMATS: [string, string[], string][] = [
    ["plain words are joined by single spaces", ["podman", "stop", "-t", "2", "demo"], "podman stop -t 2 demo"],
    ["paths, options and assignments need no quotes", ["podman", "run", "-v", "/:/host", "-e", "IMAGE=localhost/demo-service:latest", "--cap-add=SYS_ADMIN,NET_RAW", "a@b%c+d"], "podman run -v /:/host -e IMAGE=localhost/demo-service:latest --cap-add=SYS_ADMIN,NET_RAW a@b%c+d"],
    ["an empty argument is shown as ''", ["podman", "run", ""], "podman run ''"],
    ["a word with a space is single-quoted", ["sh", "-c", "echo hi"], "sh -c 'echo hi'"],
    ["a single quote is written as '\\''", ["echo", "it's"], "echo 'it'\\''s'"],
    ["a dollar is quoted so a shell would not expand it", ["echo", "$NAME"], "echo '$NAME'"],
    ["a newline is kept inside quotes", ["echo", "a\nb"], "echo 'a\nb'"],
    ["shell metacharacters are quoted", ["echo", "a;b", "*", "~", "#x", "a|b", "`id`", "\\"], "echo 'a;b' '*' '~' '#x' 'a|b' '`id`' '\\'"],
    ["unicode is quoted", ["echo", "grüße"], "echo 'grüße'"],
    ["an empty argv is an empty line", [], ""],
];

QUnit.module("labels: formatCommand (rule 6)", () => {
    for (const [name, argv, line] of FORMATS)
        QUnit.test(name, assert => {
            assert.equal(formatCommand(argv), line);
            assert.deepEqual(splitWords(line), argv, "splits back");
        });

    QUnit.test("the demo RUN label shows exactly what will run", assert => {
        const { argv } = expandLabel(DEMO.RUN, { name: "demo", image: DEMO_IMAGE, engine: "podman" });
        assert.equal(formatCommand(argv), "podman run -d --name demo --network=host localhost/demo-service:latest /bin/busybox httpd -f -p 127.0.0.1:8088 -h /www");
    });

    QUnit.test("every occurrence of a secret is masked", assert => {
        assert.equal(formatCommand(["realm", "join", "--password=hunter2", "-e", "P=hunter2hunter2"], ["hunter2"]),
                     "realm join '--password=********' -e 'P=****************'");
    });

    QUnit.test("a secret that contains another secret is masked whole", assert => {
        assert.equal(formatCommand(["x=abcdef"], ["abc", "abcdef"]), "'x=********'");
    });

    QUnit.test("a secret with quotes and spaces is masked before quoting", assert => {
        assert.equal(formatCommand(["--pass", "it's a secret"], ["it's a secret"]), "--pass '********'");
    });

    QUnit.test("an empty secret masks nothing", assert => {
        assert.equal(formatCommand(["echo", "abc"], ["", "zzz"]), "echo abc");
    });

    QUnit.test("a secret with regular expression characters is masked literally", assert => {
        assert.equal(formatCommand(["a.b", "a+b"], ["a+b"]), "a.b '********'");
    });
});
