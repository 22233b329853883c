import QUnit from "qunit";
import { LabelSyntaxError, splitWords } from "../../src/core/labels";
import { SSSD, SSSD_RUN_AS_WRITTEN, SSSD_MOUNTS, FREEIPA_RUN_OPTS } from "./labels-fixtures";

// Rule 1: POSIX word splitting, no expansion.
const SPLITS: [string, string, string[]][] = [
    ["blank text gives no words", "", []],
    ["only separators give no words", " \t\n  ", []],
    ["space, tab and newline separate words", "a b\tc\nd", ["a", "b", "c", "d"]],
    ["runs of separators count once", "  a  \t\n b  ", ["a", "b"]],
    ["a carriage return is an ordinary character", "a\rb", ["a\rb"]],
    ["single quotes are literal", "'a \"b\" \\c $d'", ["a \"b\" \\c $d"]],
    ["a single-quoted backslash-newline stays", "'a\\\nb'", ["a\\\nb"]],
    ["empty single quotes make an empty word", "a '' b", ["a", "", "b"]],
    ["empty double quotes make an empty word", "\"\"", [""]],
    ["quotes join with their neighbours", "a'b c'd\"e f\"g", ["ab cde fg"]],
    ["double quotes keep separators", "\"a b\tc\nd\"", ["a b\tc\nd"]],
    ["in double quotes backslash escapes a double quote", "\"a\\\"b\"", ["a\"b"]],
    ["in double quotes backslash escapes a backslash", "\"a\\\\b\"", ["a\\b"]],
    ["in double quotes backslash escapes a dollar", "\"\\$NAME\"", ["$NAME"]],
    ["in double quotes backslash escapes a backquote", "\"\\`id\\`\"", ["`id`"]],
    ["in double quotes other backslashes stay", "\"a\\nb\\'c\"", ["a\\nb\\'c"]],
    ["in double quotes backslash-newline is removed", "\"a\\\nb\"", ["ab"]],
    ["in double quotes a single quote is literal", "\"it's\"", ["it's"]],
    ["outside quotes backslash escapes a space", "a\\ b", ["a b"]],
    ["outside quotes backslash escapes a quote", "\\'a\\\"", ["'a\""]],
    ["outside quotes backslash escapes any character", "\\a\\$\\\\", ["a$\\"]],
    ["outside quotes backslash-newline joins lines", "ab\\\ncd", ["abcd"]],
    ["backslash-newline between words makes no word", "a \\\n b", ["a", "b"]],
    ["a hash is ordinary, not a comment", "echo #x a#b", ["echo", "#x", "a#b"]],
    ["dollar, braces and globs are not expanded", "${NAME} $IMAGE * ~ `id` $(id)", ["${NAME}", "$IMAGE", "*", "~", "`id`", "$(id)"]],
    ["unicode passes through", "grüße 🚀 'ä b'", ["grüße", "🚀", "ä b"]],
    ["a RUN_OPTS file splits by lines", FREEIPA_RUN_OPTS, ["--rm", "--hostname=ipa.example.test"]],
    ["the SSSD STOP label splits into five words", SSSD.STOP, ["docker", "kill", "-s", "TERM", "${NAME}"]],
];

const ERRORS: [string, string][] = [
    ["an unclosed single quote throws", "docker run 'abc"],
    ["an unclosed double quote throws", "docker run \"abc"],
    ["a double quote closed only by an escaped quote throws", "\"abc\\\""],
    ["a trailing lone backslash throws", "docker run \\"],
    ["a trailing backslash after a word throws", "abc\\"],
];

QUnit.module("labels: splitWords (rule 1)", () => {
    for (const [name, text, words] of SPLITS)
        QUnit.test(name, assert => { assert.deepEqual(splitWords(text), words); });

    for (const [name, text] of ERRORS)
        QUnit.test(name, assert => { assert.throws(() => splitWords(text), LabelSyntaxError); });

    QUnit.test("the SSSD RUN label splits into one word per option and value", assert => {
        const words = splitWords(SSSD.RUN);
        assert.equal(words.length, 12 + 2 * SSSD_MOUNTS.length + 2);
        assert.deepEqual(words.slice(-4), ["-v", "/var/run/dbus/system_bus_socket:/var/run/dbus/system_bus_socket", "${IMAGE}", "/bin/run.sh"]);
    });

    QUnit.test("the SSSD RUN label as written with continuation lines splits the same", assert => {
        assert.deepEqual(splitWords(SSSD_RUN_AS_WRITTEN), splitWords(SSSD.RUN));
    });

    QUnit.test("the error says where an unclosed quote starts", assert => {
        assert.throws(() => splitWords("ab 'cd"), /character 4/);
    });
});
