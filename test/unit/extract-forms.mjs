// The call forms po/extract.js must find, one source snippet each, and what it must find
// there. Run by `node po/extract.js --check` (the i18n suite) or alone:
// node test/unit/extract-forms.mjs. Prints "i18n (call forms): N passed, N failed".
// Also what po/po2js.js writes: the text direction and a plural message as cockpit.js reads it.
import { deepStrictEqual } from "node:assert/strict";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { scan, manifestMessages } from "../../po/extract.js";
import { direction, poToJs } from "../../po/po2js.js";

const m = (msgid, extra = {}) => ({ msgctxt: null, msgid, msgid_plural: null, ...extra });

// [name, source, file name, expected messages (without line), expected problem lines]
const FORMS = [
    ["_ with double quotes", 'const a = _("Hello");', "a.ts", [m("Hello")]],
    ["_ with single quotes", "const a = _('It\\'s \"here\"');", "a.ts", [m("It's \"here\"")]],
    ["_ split across lines", 'const a = _(\n    "Split"\n);', "a.ts", [m("Split")]],
    ["_ with a template literal", "const a = _(`Backtick`);", "a.ts", [m("Backtick")]],
    ["_ with literals joined by +", 'const a = _("one " +\n    "two");', "a.ts", [m("one two")]],
    ["escapes", 'const a = _("tab\\there \\u201cq\\u201d");', "a.ts", [m("tab\there “q”")]],
    ["N_ in a table", 'const T = { a: N_("Marked"), b: N_(\'Also\') };', "a.ts", [m("Marked"), m("Also")]],
    ["C_ with a context", 'const a = C_("verb", "Run");', "a.ts", [m("Run", { msgctxt: "verb" })]],
    ["cockpit.gettext with a context", 'cockpit.gettext("noun", "Run");', "a.ts", [m("Run", { msgctxt: "noun" })]],
    ["cockpit.gettext", "cockpit.gettext('Plain');", "a.ts", [m("Plain")]],
    ["ngettext", 'format(ngettext("$0 file", "$0 files", n), n);', "a.ts",
        [m("$0 file", { msgid_plural: "$0 files" })]],
    ["ngettext split across lines", "ngettext(\n  '$0 image',\n  `$0 images`,\n  n)", "a.ts",
        [m("$0 image", { msgid_plural: "$0 images" })]],
    ["cockpit.ngettext with a context", 'cockpit.ngettext("disk", "$0 item", "$0 items", n);', "a.ts",
        [m("$0 item", { msgctxt: "disk", msgid_plural: "$0 items" })]],
    ["in JSX, as a child and as a prop", 'const v = <p title={_("Tip")}>{_("Text")} <b>{_(\'Bold\')}</b></p>;', "a.tsx",
        [m("Tip"), m("Text"), m("Bold")]],
    ["TypeScript generics and casts do not confuse it", "const x = f<string>(a as unknown as T) < 3 ? _(\"Lt\") : y;\nconst v = <A<B> x={_(\"Gen\")} />;", "a.tsx",
        [m("Lt"), m("Gen")]],
    ["a variable is not a message", "const a = _(plan.reason); const b = cockpit.gettext(message);", "a.ts", []],
    ["other functions named like keywords are not", 'obj._x("no"); my_("no"); gettext2("no");', "a.ts", []],
    ["a template with substitutions is a problem", "const a = _(`Hello ${name}`);", "a.ts", [], [1]],
    ["a literal joined with a variable is a problem", 'const a = _(\n"Hello " + name);', "a.ts", [], [1]],
    ["line numbers", '\n\nconst a =\n  _("Third");', "a.ts", [m("Third")], [], [4]],
];

export function run() {
    let passed = 0;
    let failed = 0;
    const check = (name, fn) => {
        try {
            fn();
            passed++;
        } catch (e) {
            failed++;
            console.log(`not ok - extract: ${name}\n    ${e.message.split("\n").join("\n    ")}`);
        }
    };
    for (const [name, source, file, expected, problems = [], lines] of FORMS) {
        check(name, () => {
            const found = scan(source, file);
            deepStrictEqual(found.messages.map(({ line: _line, ...rest }) => rest), expected);
            deepStrictEqual(found.problems.map(p => p.line), problems);
            if (lines)
                deepStrictEqual(found.messages.map(x => x.line), lines);
        });
    }
    check("manifest: label, keywords and docs labels; keywords marked translate: false are not", () => {
        deepStrictEqual(manifestMessages({
            menu: { index: { label: "System Services", keywords: [{ matches: ["container", "podman"] }, { matches: ["sssd"], translate: false }], docs: [{ label: "Help", url: "x" }] } },
            tools: { t: { label: "Tool" } },
        }), ["System Services", "container", "podman", "Help", "Tool"]);
    });
    check("po2js: right-to-left languages say so, others left to right", () => {
        deepStrictEqual(["he", "ar", "fa_IR", "ur", "de", "cs", "pt_BR", "zh_CN"].map(direction),
                        ["rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr", "ltr"]);
    });
    check("po2js: cockpit.locale() gets the direction, the plural rule and [plural, forms…]", () => {
        const po = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;\n"\n\n' +
            'msgid "$0 file"\nmsgid_plural "$0 files"\nmsgstr[0] "$0 soubor"\nmsgstr[1] "$0 soubory"\nmsgstr[2] "$0 souborů"\n\n' +
            'msgctxt "verb"\nmsgid "Run"\nmsgstr "Spustit"\n';
        let data;
        new Function("cockpit", poToJs(po, "cs"))({ locale: d => { data = d; } });
        deepStrictEqual(data[""]["language-direction"], "ltr");
        deepStrictEqual([1, 2, 4, 5, 22, 0].map(data[""]["plural-forms"]), [0, 1, 1, 2, 2, 2]);
        deepStrictEqual(data["$0 file"], ["$0 files", "$0 soubor", "$0 soubory", "$0 souborů"]);
        deepStrictEqual(data["verb\u0004Run"], [null, "Spustit"]);
        let manifestOnly;
        const withRefs = 'msgid ""\nmsgstr ""\n\n#: manifest.json\n#: src/ui/App.tsx:3\nmsgid "System Services"\nmsgstr "Systémové služby"\n\n' +
            '#: src/ui/App.tsx:4\nmsgid "Images"\nmsgstr "Obrazy"\n';
        new Function("cockpit", poToJs(withRefs, "cs", ref => ref === "manifest.json"))({ locale: d => { manifestOnly = d; } });
        deepStrictEqual(Object.keys(manifestOnly), ["", "System Services"]);
        let he;
        new Function("cockpit", poToJs('msgid ""\nmsgstr ""\n', "he"))({ locale: d => { he = d; } });
        deepStrictEqual(he[""]["language-direction"], "rtl");
    });
    console.log(`i18n (call forms): ${passed} passed, ${failed} failed`);
    return failed === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
    process.exit(run() ? 0 : 1);
