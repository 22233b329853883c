#!/usr/bin/env node
// Like msgmerge: brings po/LANG.po up to date with the .pot, keeping translations and
// adding new messages untranslated. Usage: node po/merge.js po/de.po [translations.json]
// The optional JSON ({"msgid": "msgstr"}) fills in translations at the same time.
import gettextParser from "gettext-parser";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const [, , poFile, jsonFile] = process.argv;
const pot = gettextParser.po.parse(readFileSync("po/system-services.pot"));
const old = existsSync(poFile) ? gettextParser.po.parse(readFileSync(poFile)) : { headers: {}, translations: { "": {} } };
const extra = jsonFile ? JSON.parse(readFileSync(jsonFile, "utf8")) : {};
const lang = poFile.replace(/^.*\//, "").replace(/\.po$/, "");

const translations = { "": {} };
for (const [id, entry] of Object.entries(pot.translations[""])) {
    if (id === "")
        continue;
    const before = old.translations[""]?.[id]?.msgstr;
    const msgstr = extra[id] !== undefined ? [].concat(extra[id]) : before ?? entry.msgstr;
    translations[""][id] = { ...entry, msgstr };
}
const headers = {
    "Content-Type": "text/plain; charset=UTF-8",
    Language: lang,
    "Plural-Forms": old.headers["Plural-Forms"] ?? "nplurals=2; plural=(n != 1);",
};
writeFileSync(poFile, gettextParser.po.compile({ charset: "utf-8", headers, translations }));
const missing = Object.values(translations[""]).filter(e => e.msgstr.every(s => s === "")).length;
console.log(`${poFile}: ${Object.keys(translations[""]).length} messages, ${missing} untranslated`);
