// Compiles gettext .po files into Cockpit's po.LANG.js format: cockpit.locale({...}).
import gettextParser from "gettext-parser";
import { pluralFunction } from "./plural.js";

export function poToJs(poText, lang) {
    const po = gettextParser.po.parse(poText);
    const entries = [];
    for (const [context, messages] of Object.entries(po.translations)) {
        for (const [msgid, entry] of Object.entries(messages)) {
            if (msgid === "" || entry.msgstr.every(s => s === ""))
                continue;
            if (entry.comments?.flag?.includes("fuzzy"))
                continue;
            const key = context ? `${context}\u0004${msgid}` : msgid;
            const value = [entry.msgid_plural ?? null, ...entry.msgstr];
            entries.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}`);
        }
    }
    const header = `"": { "plural-forms": ${pluralFunction(po.headers["Plural-Forms"])}, "language": ${JSON.stringify(lang)}, "language-direction": "ltr" }`;
    return `cockpit.locale({\n ${[header, ...entries].join(",\n ")}\n});\n`;
}
