#!/usr/bin/env node
// Writes po/system-services.pot from the strings marked in src/ (_("…"), N_("…"),
// cockpit.gettext, cockpit.ngettext) and the manifest's menu label.
// With --check LANG.po: fails when a message of the page has no translation there.
import gettextParser from "gettext-parser";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const SINGLE = new RegExp(String.raw`\b(?:_|N_|gettext)\(\s*${STRING}\s*\)`, "g");
const PLURAL = new RegExp(String.raw`\bngettext\(\s*${STRING}\s*,\s*${STRING}`, "g");

function* sources(dir) {
    for (const name of readdirSync(dir).sort()) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory())
            yield* sources(file);
        else if (/\.(ts|tsx)$/.test(name))
            yield file;
    }
}

const unescape = s => JSON.parse(`"${s}"`);

export function extract() {
    const messages = new Map();
    const add = (msgid, ref, plural) => {
        const entry = messages.get(msgid) ?? { msgid, msgstr: [""], comments: { reference: "" } };
        entry.comments.reference = [entry.comments.reference, ref].filter(Boolean).join("\n");
        if (plural) {
            entry.msgid_plural = plural;
            entry.msgstr = ["", ""];
        }
        messages.set(msgid, entry);
    };
    for (const file of sources("src")) {
        const lines = readFileSync(file, "utf8").split("\n");
        lines.forEach((line, i) => {
            for (const m of line.matchAll(SINGLE)) add(unescape(m[1]), `${file}:${i + 1}`);
            for (const m of line.matchAll(PLURAL)) add(unescape(m[1]), `${file}:${i + 1}`, unescape(m[2]));
        });
    }
    const manifest = JSON.parse(readFileSync("manifest.json", "utf8"));
    for (const item of Object.values({ ...manifest.menu, ...manifest.tools }))
        add(item.label, "manifest.json");
    return messages;
}

function pot(messages) {
    const translations = { "": { "": { msgid: "", msgstr: ["Content-Type: text/plain; charset=UTF-8\n"] } } };
    for (const [id, entry] of [...messages].sort(([a], [b]) => a.localeCompare(b)))
        translations[""][id] = entry;
    return gettextParser.po.compile({ charset: "utf-8", headers: { "Content-Type": "text/plain; charset=UTF-8" }, translations });
}

const [, , flag, arg] = process.argv;
const messages = extract();
if (flag === "--check") {
    const po = gettextParser.po.parse(readFileSync(arg));
    const missing = [...messages.keys()].filter(id => !po.translations[""]?.[id]?.msgstr.some(s => s !== ""));
    for (const id of missing)
        console.log(`not ok - untranslated in ${arg}: ${JSON.stringify(id)}`);
    console.log(`${messages.size - missing.length} of ${messages.size} messages translated in ${arg}`);
    console.log(`i18n (${path.basename(arg)}): ${missing.length ? 0 : 1} passed, ${missing.length ? 1 : 0} failed`);
    process.exit(missing.length ? 1 : 0);
} else {
    writeFileSync(flag ?? "po/system-services.pot", pot(messages));
    console.log(`${messages.size} messages`);
}
