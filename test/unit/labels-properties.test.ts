import QUnit from "qunit";
import fc from "fast-check";
import { expandLabel, formatCommand, LabelSyntaxError, splitWords, type ExpandContext } from "../../src/core/labels";
import { ALL_REAL_LABELS, DEMO_IMAGE, FREEIPA_IMAGE, FREEIPA_RUN_OPTS, SSSD, SSSD_IMAGE } from "./labels-fixtures";

const MIB = 1024 * 1024;

// Characters that matter to splitting, quoting and expansion, plus some unicode.
const TRICKY = fc.constantFrom(" ", "\t", "\n", "\r", "'", "\"", "\\", "$", "{", "}", ":", "-", "`", "#", "*", "=", "/",
                               "N", "A", "M", "E", "_", "1", "é", "ß", "😀", "\u0000", "\u00a0");
const trickyString = fc.string({ unit: TRICKY, maxLength: 40 });
const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), trickyString, fc.string({ unit: "grapheme", maxLength: 40 }));

const REAL_WORDS = [...new Set([...ALL_REAL_LABELS.flatMap(l => splitWords(l)), "NAME", "IMAGE", "NAME=NAME", "IMAGE=IMAGE", "$NAME", "$IMAGE"])];
const REAL_IMAGES = [SSSD_IMAGE, FREEIPA_IMAGE, DEMO_IMAGE, "sssd", "localhost:5000/x/y@sha256:0123456789abcdef"];

function runs(assert: Assert, count: number): void {
    assert.ok(true, `${count} generated cases hold`);
}

function elapsed(action: () => void): number {
    const start = performance.now();
    action();
    return performance.now() - start;
}

QUnit.module("labels: properties", () => {
    QUnit.test("formatCommand then splitWords gives back any argv", assert => {
        fc.assert(fc.property(fc.array(anyString, { maxLength: 8 }), argv => {
            assert.deepEqual(splitWords(formatCommand(argv)), argv);
        }), { numRuns: 500 });
    });

    QUnit.test("formatCommand never shows a secret of letters and digits", assert => {
        const secret = fc.stringMatching(/^[A-Za-z0-9]{4,12}$/);
        fc.assert(fc.property(fc.array(anyString, { maxLength: 5 }), secret, fc.array(anyString, { maxLength: 3 }), (before, s, after) => {
            const line = formatCommand([...before, `--password=${s}`, s + s, ...after], [s]);
            return !line.includes(s);
        }), { numRuns: 300 });
        runs(assert, 300);
    });

    QUnit.test("splitWords returns words or throws LabelSyntaxError, nothing else", assert => {
        fc.assert(fc.property(anyString, text => {
            try {
                return splitWords(text).every(w => typeof w === "string");
            } catch (e) {
                return e instanceof LabelSyntaxError;
            }
        }), { numRuns: 1000 });
        runs(assert, 1000);
    });

    QUnit.test("expandLabel returns a command or throws LabelSyntaxError, nothing else", assert => {
        const ctx = fc.record({
            name: anyString,
            image: anyString,
            engine: fc.constantFrom<"podman" | "docker">("podman", "docker"),
            opts: fc.record({ OPT1: anyString, OPT2: anyString, OPT3: anyString }, { requiredKeys: [] }),
            env: fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), anyString, { maxKeys: 4 }),
            extraArgs: fc.array(anyString, { maxLength: 3 }),
        });
        fc.assert(fc.property(fc.oneof(anyString, fc.string({ unit: TRICKY, maxLength: 200 })), ctx, (label, c: ExpandContext) => {
            try {
                const { argv, unknownVariables } = expandLabel(label, c);
                return argv.length >= 1 && argv.every(w => typeof w === "string") &&
                    new Set(unknownVariables).size === unknownVariables.length;
            } catch (e) {
                return e instanceof LabelSyntaxError;
            }
        }), { numRuns: 2000 });
        runs(assert, 2000);
    });

    QUnit.test("labels made of real label words leave no NAME or IMAGE reference", assert => {
        const label = fc.tuple(fc.constantFrom("docker", "podman"),
                               fc.array(fc.tuple(fc.constantFrom(" ", "\t", "\n", " \\\n\t", ""), fc.constantFrom(...REAL_WORDS)), { maxLength: 30 }))
            .map(([first, rest]) => first + " " + rest.map(([sep, word]) => sep + word).join(""));
        const name = fc.constantFrom("sssd", "ipa", "demo-service", "x", "a.b-c_d");
        fc.assert(fc.property(label, name, fc.constantFrom(...REAL_IMAGES), (l, n, image) => {
            // RUN_OPTS on one line: a line break inside a word is refused (its own test below)
            const { argv } = expandLabel(l, { name: n, image, engine: "podman", env: { RUN_OPTS: FREEIPA_RUN_OPTS.replaceAll("\n", " ") } });
            return argv.every(w => !/\$NAME|\$\{NAME\}|\$IMAGE|\$\{IMAGE\}/.test(w) && !w.includes("${"));
        }), { numRuns: 1000 });
        runs(assert, 1000);
    });

    QUnit.test("extra arguments never change the expansion of the label", assert => {
        const noControl = anyString.filter(a => ![...a].some(c => c < " " || c === "\u007f"));
        fc.assert(fc.property(fc.constantFrom(...ALL_REAL_LABELS), fc.array(noControl, { maxLength: 4 }), (label, extraArgs) => {
            const ctx: ExpandContext = { name: "sssd", image: SSSD_IMAGE, engine: "podman" };
            const plain = expandLabel(label, ctx);
            const extended = expandLabel(label, { ...ctx, extraArgs });
            assert.deepEqual(extended.argv, [...plain.argv, ...extraArgs]);
            assert.deepEqual(extended.unknownVariables, plain.unknownVariables);
        }), { numRuns: 200 });
    });
});

QUnit.module("labels: control characters", () => {
    QUnit.test("a line break inside a quoted word of the label is refused, never run", assert => {
        assert.throws(() => expandLabel("podman run -e 'X=1\nExecStartPre=/bin/touch /tmp/pwned\n#' img", { name: "x", image: "img", engine: "podman" }),
                      /control character/);
    });
    QUnit.test("a control character in an extra argument or a variable's value is refused", assert => {
        const ctx: ExpandContext = { name: "x", image: "img", engine: "podman" };
        assert.throws(() => expandLabel("podman run img", { ...ctx, extraArgs: ["a\tb"] }), /control character/);
        assert.throws(() => expandLabel("podman run -e X=${RUN_OPTS} img", { ...ctx, env: { RUN_OPTS: "1\n2" } }), /control character/);
        assert.throws(() => expandLabel("podman run \"a\u007fb\" img", ctx), /control character/);
    });
    QUnit.test("line breaks between words are only separators", assert => {
        assert.deepEqual(expandLabel("podman run \\\n  --rm\nimg", { name: "x", image: "img", engine: "podman" }).argv, ["podman", "run", "--rm", "img"]);
    });
});

QUnit.module("labels: performance", () => {
    QUnit.test("a 1 MB label of SSSD RUN commands expands in well under a second", assert => {
        const label = Array(Math.ceil(MIB / SSSD.RUN.length)).fill(SSSD.RUN).join("\n");
        assert.ok(label.length >= MIB);
        let words = 0;
        const ms = elapsed(() => { words = expandLabel(label, { name: "sssd", image: SSSD_IMAGE, engine: "podman" }).argv.length; });
        assert.ok(words > 50000, `${words} words`);
        assert.ok(ms < 1000, `${label.length} characters in ${ms.toFixed(1)} ms`);
    });

    QUnit.test("a 1 MB word of references expands in well under a second", assert => {
        const label = "echo " + "-${NAME}:$IMAGE:${UNSET:-d}$".repeat(Math.ceil(MIB / 29));
        let length = 0;
        const ms = elapsed(() => { length = expandLabel(label, { name: "sssd", image: SSSD_IMAGE, engine: "podman" }).argv[1].length; });
        assert.ok(length > MIB, `${length} characters out`);
        assert.ok(ms < 1000, `${label.length} characters in ${ms.toFixed(1)} ms`);
    });

    QUnit.test("a 1 MB value of RUN_OPTS splits in well under a second", assert => {
        const runOpts = "--label 'x=a b' -e \"Y=\\$z\"\n".repeat(Math.ceil(MIB / 27));
        let words = 0;
        const ms = elapsed(() => { words = expandLabel("docker run ${RUN_OPTS} IMAGE", { name: "ipa", image: FREEIPA_IMAGE, engine: "podman", env: { RUN_OPTS: runOpts } }).argv.length; });
        assert.ok(words > 100000, `${words} words`);
        assert.ok(ms < 1000, `${runOpts.length} characters in ${ms.toFixed(1)} ms`);
    });

    QUnit.test("a 1 MB word of quoted literal dollars expands in well under a second", assert => {
        const label = "echo " + "$'$'\"$\"".repeat(Math.ceil(MIB / 7));
        let length = 0;
        const ms = elapsed(() => { length = expandLabel(label, { name: "sssd", image: SSSD_IMAGE, engine: "podman" }).argv[1].length; });
        assert.equal(length, 3 * Math.ceil(MIB / 7));
        assert.ok(ms < 1000, `${label.length} characters in ${ms.toFixed(1)} ms`);
    });

    QUnit.test("a 1 MB label with an unclosed quote at its end is rejected in well under a second", assert => {
        const label = SSSD.RUN.repeat(Math.ceil(MIB / SSSD.RUN.length)) + " '";
        const ms = elapsed(() => {
            assert.throws(() => expandLabel(label, { name: "sssd", image: SSSD_IMAGE, engine: "podman" }), LabelSyntaxError);
        });
        assert.ok(ms < 1000, `${label.length} characters in ${ms.toFixed(1)} ms`);
    });
});
