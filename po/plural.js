// The Plural-Forms header of a .po file as JavaScript for cockpit.locale().

function expression(header) {
    const m = /plural\s*=\s*([^;]+);?/.exec(header ?? "");
    const expr = m ? m[1].trim() : "n != 1";
    if (!/^[\sn0-9!=<>%&|?:()+-]*$/.test(expr))
        throw new Error(`suspicious Plural-Forms expression: ${expr}`);
    return expr;
}

/** "nplurals=2; plural=(n != 1);" → a JS function source returning the plural index. */
export function pluralFunction(header) {
    return `function(n) { var plural = ${expression(header)}; return plural === true ? 1 : plural === false ? 0 : plural; }`;
}

/** nplurals of the header, checked against what its expression returns for 0…1000. */
export function pluralCount(header) {
    const m = /nplurals\s*=\s*(\d+)/.exec(header ?? "");
    if (!m)
        throw new Error("no nplurals");
    const count = Number(m[1]);
    const plural = new Function(`return ${pluralFunction(header)}`)();
    for (let n = 0; n <= 1000; n++) {
        const i = plural(n);
        if (!Number.isInteger(i) || i < 0 || i >= count)
            throw new Error(`plural(${n}) is ${i}, not one of 0…${count - 1}`);
    }
    return count;
}
