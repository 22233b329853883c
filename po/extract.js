#!/usr/bin/env node
// Writes po/system-services.pot from the strings marked in src/ and the manifest's menu
// entries. Sources are parsed with TypeScript's own parser, so a call is found however it is
// written: split across lines, with single or double quotes, as a template literal without
// substitutions, or as literals joined with +. The calls, as Cockpit's own xgettext keywords:
//   _(msg)  N_(msg)  gettext(msg)  gettext(ctx, msg)  C_(ctx, msg)  NC_(ctx, msg)
//   ngettext(singular, plural, n)  ngettext(ctx, singular, plural, n)
// (gettext and ngettext also as methods: cockpit.gettext, cockpit.ngettext).
// A marked call whose text is not a literal (a template with ${…}, a literal joined with a
// variable) is reported: its text could never be found in the catalog.
//
//   node po/extract.js [FILE.pot]      write the template (default po/system-services.pot)
//   node po/extract.js --check [LANG.po…]
//       every language in po/LINGUAS (or the files named): each message of the page translated,
//       with as many plural forms as the language's Plural-Forms header says and the same $0…$n
//       placeholders as the English text; plus the table of call forms in
//       test/unit/extract-forms.mjs. Prints one "i18n (…): N passed, N failed" line for each.
import gettextParser from "gettext-parser";
import ts from "typescript";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { linguas } from "./linguas.js";
import { pluralCount } from "./plural.js";

// callee name → where its arguments are: context, message, plural (null when absent)
const KEYWORDS = {
    _: [[null, 0, null]],
    N_: [[null, 0, null]],
    C_: [[0, 1, null]],
    NC_: [[0, 1, null]],
    gettext: [[null, 0, null], [0, 1, null]],          // by argument count: 1 or 2
    ngettext: [[null, 0, 1], [0, 1, 2]],               // by argument count: 3 or 4
};
const ARITY = { gettext: [1, 2], ngettext: [3, 4] };

/** The text of a literal (also "a" + 'b' + `c`), or null when it is not one. */
function literal(node) {
    if (ts.isParenthesizedExpression(node))
        return literal(node.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        return node.text;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const a = literal(node.left);
        const b = literal(node.right);
        return a !== null && b !== null ? a + b : null;
    }
    return null;
}

/** True for text that is partly literal: a template with ${…} or a literal joined with +. */
function looksLikeText(node) {
    if (ts.isParenthesizedExpression(node))
        return looksLikeText(node.expression);
    if (ts.isTemplateExpression(node))
        return true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
        return [node.left, node.right].some(n => literal(n) !== null || looksLikeText(n));
    return false;
}

function calleeName(expr) {
    if (ts.isIdentifier(expr))
        return expr.text;
    if (ts.isPropertyAccessExpression(expr) && ["gettext", "ngettext"].includes(expr.name.text))
        return expr.name.text;
    return null;
}

/**
 * The marked messages of one source text: [{ msgctxt, msgid, msgid_plural, line }] and the
 * problems ([{ line, text }]) of marked calls whose text is not a literal.
 */
export function scan(source, fileName = "x.tsx") {
    const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : fileName.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
    const messages = [];
    const problems = [];
    const visit = node => {
        if (ts.isCallExpression(node)) {
            const name = calleeName(node.expression);
            const forms = name && Object.hasOwn(KEYWORDS, name) ? KEYWORDS[name] : null;
            const args = node.arguments;
            const form = forms && (ARITY[name] ? forms[ARITY[name].indexOf(args.length)] : forms[0]);
            if (form) {
                const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
                const [c, m, p] = form;
                const text = [c, m, p].map(i => (i === null || !args[i] ? null : literal(args[i])));
                const partial = [c, m, p].some(i => i !== null && args[i] && literal(args[i]) === null && looksLikeText(args[i]));
                if (partial)
                    problems.push({ line, text: node.getText(file).split("\n")[0] });
                else if (text[1] !== null && (c === null || text[0] !== null) && (p === null || text[2] !== null))
                    messages.push({ msgctxt: text[0], msgid: text[1], msgid_plural: text[2], line });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(file);
    return { messages, problems };
}

/** The texts the shell translates for a manifest: menu and tools labels, keywords, docs labels. */
export function manifestMessages(manifest) {
    const out = [];
    for (const section of ["menu", "tools"]) {
        for (const item of Object.values(manifest[section] ?? {})) {
            if (item.label)
                out.push(item.label);
            for (const k of item.keywords ?? [])
                if (k.translate !== false)
                    out.push(...(k.matches ?? []));
            for (const d of item.docs ?? [])
                if (d.label)
                    out.push(d.label);
        }
    }
    return out;
}

function* sources(dir) {
    for (const name of readdirSync(dir).sort()) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory())
            yield* sources(file);
        else if (/\.(ts|tsx|js|jsx)$/.test(name))
            yield file;
    }
}

const key = (ctx, id) => (ctx ? `${ctx}\u0004${id}` : id);

/** All messages of the page, keyed by context\u0004msgid, as gettext-parser entries. */
export function extract(root = ".") {
    const messages = new Map();
    const problems = [];
    const add = (m, ref) => {
        const k = key(m.msgctxt, m.msgid);
        const entry = messages.get(k) ?? { msgid: m.msgid, msgstr: [""], comments: { reference: "" } };
        if (m.msgctxt)
            entry.msgctxt = m.msgctxt;
        entry.comments.reference = [entry.comments.reference, ref].filter(Boolean).join("\n");
        if (m.msgid_plural) {
            entry.msgid_plural = m.msgid_plural;
            entry.msgstr = ["", ""];
        }
        messages.set(k, entry);
    };
    for (const file of sources(path.join(root, "src"))) {
        const rel = path.relative(root, file);
        const found = scan(readFileSync(file, "utf8"), file);
        for (const m of found.messages)
            add(m, `${rel}:${m.line}`);
        problems.push(...found.problems.map(p => `${rel}:${p.line}: not a literal: ${p.text}`));
    }
    const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    for (const text of manifestMessages(manifest))
        add({ msgid: text }, "manifest.json");
    return { messages, problems };
}

function pot(messages) {
    const translations = { "": { "": { msgid: "", msgstr: ["Content-Type: text/plain; charset=UTF-8\n"] } } };
    for (const entry of [...messages.values()].sort((a, b) => a.msgid.localeCompare(b.msgid) || (a.msgctxt ?? "").localeCompare(b.msgctxt ?? ""))) {
        const ctx = entry.msgctxt ?? "";
        translations[ctx] ??= {};
        translations[ctx][entry.msgid] = entry;
    }
    return gettextParser.po.compile({ charset: "utf-8", headers: { "Content-Type": "text/plain; charset=UTF-8" }, translations });
}

const placeholders = s => [...new Set(s.match(/\$\{?[A-Za-z0-9_]+\}?/g) ?? [])].sort().join(" ");

/** What is wrong with LANG.po's translations of the page's messages: one line per problem. */
export function checkPo(poText, messages) {
    const po = gettextParser.po.parse(poText);
    const header = po.headers["Plural-Forms"];
    const wrong = [];
    let forms;
    try {
        forms = pluralCount(header);
    } catch (e) {
        return [`Plural-Forms header: ${e.message}`];
    }
    for (const entry of messages.values()) {
        const name = JSON.stringify(entry.msgid) + (entry.msgctxt ? ` (context ${entry.msgctxt})` : "");
        const t = po.translations[entry.msgctxt ?? ""]?.[entry.msgid];
        if (!t || t.msgstr.every(s => s === "")) {
            wrong.push(`untranslated: ${name}`);
            continue;
        }
        if (t.comments?.flag?.includes("fuzzy"))
            wrong.push(`fuzzy: ${name}`);
        if (entry.msgid_plural) {
            if (t.msgid_plural !== entry.msgid_plural)
                wrong.push(`plural ${JSON.stringify(entry.msgid_plural)} missing: ${name}`);
            if (t.msgstr.length !== forms || t.msgstr.some(s => s === ""))
                wrong.push(`needs ${forms} plural forms, has ${t.msgstr.filter(Boolean).length}: ${name}`);
        } else if (t.msgid_plural) {
            wrong.push(`has plural forms, the page has none: ${name}`);
        }
        // every form uses the English text's placeholders; a form other than the last may
        // leave one out ("one file" for "$0 file")
        const want = placeholders(entry.msgid_plural ?? entry.msgid);
        t.msgstr.forEach((s, i) => {
            const have = placeholders(s);
            const fine = have === want ||
                (entry.msgid_plural && i < t.msgstr.length - 1 && have.split(" ").every(p => !p || want.split(" ").includes(p)));
            if (!fine)
                wrong.push(`placeholders ${have || "(none)"} instead of ${want}: ${name} → ${JSON.stringify(s)}`);
        });
    }
    return wrong;
}

async function main() {
    const [, , flag, ...rest] = process.argv;
    const { messages, problems } = extract();
    for (const p of problems)
        console.log(`not ok - ${p}`);
    if (flag !== "--check") {
        writeFileSync(flag ?? "po/system-services.pot", pot(messages));
        console.log(`${messages.size} messages`);
        process.exit(problems.length ? 1 : 0);
    }
    let failed = 0;
    const forms = await import(pathToFileURL(path.resolve("test/unit/extract-forms.mjs")).href);
    if (!forms.run())
        failed++;
    console.log(`i18n (sources): ${problems.length ? 0 : 1} passed, ${problems.length ? 1 : 0} failed`);
    failed += problems.length ? 1 : 0;
    const files = rest.length ? rest : linguas().map(l => `po/${l}.po`);
    for (const file of files) {
        const wrong = existsSync(file) ? checkPo(readFileSync(file), messages) : [`${file} is missing (node po/merge.js ${file} starts it)`];
        for (const w of wrong)
            console.log(`not ok - ${file}: ${w}`);
        console.log(`${messages.size - new Set(wrong.map(w => w.replace(/^[^:]*: /, ""))).size} of ${messages.size} messages translated correctly in ${file}`);
        console.log(`i18n (${path.basename(file)}): ${wrong.length ? 0 : 1} passed, ${wrong.length ? 1 : 0} failed`);
        failed += wrong.length ? 1 : 0;
    }
    process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
    main().catch(e => { console.error(e); process.exit(1); });
