// Compiles gettext .po files into Cockpit's po.LANG.js format: cockpit.locale({...}).
import gettextParser from "gettext-parser";
import { pluralFunction } from "./plural.js";

// Languages written right to left; the shell and cockpit.js read "language-direction" (the
// shell sets it as <html dir> on every page's frame, and it loads every package's po.js, so a
// wrong "ltr" here would turn its whole window left to right).
const RTL = new Set(["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"]);

/** "rtl" or "ltr" for a language code such as "he" or "pt_BR". */
export function direction(lang) {
    return RTL.has(lang.split(/[_@-]/)[0]) ? "rtl" : "ltr";
}

/**
 * po/LANG.po as cockpit.locale({...}). With `only`, just the messages whose references it
 * accepts (po.manifest.LANG.js: what the shell needs for the menu entry).
 */
export function poToJs(poText, lang, only = null) {
    const po = gettextParser.po.parse(poText);
    const entries = [];
    for (const [context, messages] of Object.entries(po.translations)) {
        for (const [msgid, entry] of Object.entries(messages)) {
            if (msgid === "" || entry.msgstr.every(s => s === ""))
                continue;
            if (entry.comments?.flag?.includes("fuzzy"))
                continue;
            if (only && !(entry.comments?.reference ?? "").split(/\s+/).some(only))
                continue;
            const key = context ? `${context}\u0004${msgid}` : msgid;
            const value = [entry.msgid_plural ?? null, ...entry.msgstr];
            entries.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}`);
        }
    }
    const header = `"": { "plural-forms": ${pluralFunction(po.headers["Plural-Forms"])}, "language": ${JSON.stringify(lang)}, "language-direction": "${direction(lang)}" }`;
    return `cockpit.locale({\n ${[header, ...entries].join(",\n ")}\n});\n`;
}
