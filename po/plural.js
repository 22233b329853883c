// The Plural-Forms header of a .po file as JavaScript for cockpit.locale().

/** "nplurals=2; plural=(n != 1);" → a JS function source returning the plural index. */
export function pluralFunction(header) {
    const m = /plural\s*=\s*([^;]+);?/.exec(header ?? "");
    const expr = m ? m[1].trim() : "n != 1";
    if (!/^[\sn0-9!=<>%&|?:()+-]*$/.test(expr))
        throw new Error(`suspicious Plural-Forms expression: ${expr}`);
    return `function(n) { var plural = ${expr}; return plural === true ? 1 : plural === false ? 0 : plural; }`;
}
