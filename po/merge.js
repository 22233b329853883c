#!/usr/bin/env node
// Like msgmerge: brings po/LANG.po up to date with the .pot, keeping translations and
// adding new messages untranslated. Usage: node po/merge.js po/LANG.po [translations.json]
// The optional JSON fills in translations at the same time: {"msgid": "msgstr"}, a plural
// message's forms as an array, a message with a context keyed "context\u0004msgid".
// A new LANG.po gets the Plural-Forms of PLURAL_FORMS below (or German's rule).
import gettextParser from "gettext-parser";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pluralCount } from "./plural.js";

// the rules gettext's own table (and Cockpit's po files) give these languages
const PLURAL_FORMS = {
    cs: "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    de: "nplurals=2; plural=(n != 1);",
};

const [, , poFile, jsonFile] = process.argv;
const pot = gettextParser.po.parse(readFileSync("po/system-services.pot"));
const old = existsSync(poFile) ? gettextParser.po.parse(readFileSync(poFile)) : { headers: {}, translations: { "": {} } };
const extra = jsonFile ? JSON.parse(readFileSync(jsonFile, "utf8")) : {};
const lang = poFile.replace(/^.*\//, "").replace(/\.po$/, "");
const pluralForms = old.headers["Plural-Forms"] ?? PLURAL_FORMS[lang] ?? PLURAL_FORMS.de;
const forms = pluralCount(pluralForms);

const translations = { "": {} };
let count = 0;
let missing = 0;
for (const [context, messages] of Object.entries(pot.translations)) {
    for (const [id, entry] of Object.entries(messages)) {
        if (id === "")
            continue;
        const key = context ? `${context}\u0004${id}` : id;
        const before = old.translations[context]?.[id];
        const kept = before && before.msgid_plural === entry.msgid_plural ? before.msgstr : undefined;
        let msgstr = extra[key] !== undefined ? [].concat(extra[key]) : kept ?? entry.msgstr;
        if (entry.msgid_plural)
            msgstr = Array.from({ length: forms }, (_, i) => msgstr[i] ?? "");
        translations[context] ??= {};
        translations[context][id] = { ...entry, msgstr };
        count++;
        if (msgstr.some(s => s === ""))
            missing++;
    }
}
const headers = {
    "Content-Type": "text/plain; charset=UTF-8",
    Language: lang,
    "Plural-Forms": pluralForms,
};
writeFileSync(poFile, gettextParser.po.compile({ charset: "utf-8", headers, translations }));
console.log(`${poFile}: ${count} messages, ${missing} untranslated`);
