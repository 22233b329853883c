// Compiles gettext .po files into Cockpit's po.LANG.js format: cockpit.locale({...}).
import gettextParser from "gettext-parser";

/** "nplurals=2; plural=(n != 1);" → a JS function source returning the plural index. */
export function pluralFunction(header) {
    const m = /plural\s*=\s*([^;]+);?/.exec(header ?? "");
    const expr = m ? m[1].trim() : "n != 1";
    if (!/^[\sn0-9!=<>%&|?:()+-]*$/.test(expr))
        throw new Error(`suspicious Plural-Forms expression: ${expr}`);
    return `function(n) { var plural = ${expr}; return plural === true ? 1 : plural === false ? 0 : plural; }`;
}

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
