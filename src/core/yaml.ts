// Just enough YAML for the playbooks we export: block mappings and sequences of scalars.
// Every string is written double-quoted, and one that could hold a template carries the
// `!unsafe` tag, so Ansible never evaluates a label's text as a Jinja template; only the
// expressions we write ourselves (`jinja()`) are left for Ansible to evaluate.

export class Jinja {
    constructor(readonly text: string) {}
}

/** One of our own Ansible expressions ("{{ … }}" or a `when:` condition). */
export const jinja = (text: string): Jinja => new Jinja(text);

export type YamlValue = string | number | boolean | null | Jinja | YamlValue[] | { [key: string]: YamlValue };

/**
 * A double-quoted scalar that every YAML 1.1 and 1.2 reader reads back as the same text:
 * everything outside printable ASCII is escaped (PyYAML folds U+2028 and refuses C1 controls).
 */
export function quoted(text: string): string {
    let out = "\"";
    for (const ch of text) {
        const code = ch.codePointAt(0) ?? 0;
        if (ch === "\"" || ch === "\\")
            out += "\\" + ch;
        else if (code >= 0x20 && code < 0x7f)
            out += ch;
        else if (code <= 0xffff)
            out += "\\u" + code.toString(16).padStart(4, "0");
        else
            out += "\\U" + code.toString(16).padStart(8, "0");
    }
    return out + "\"";
}

// printable ASCII without a brace, percent or hash sign: nothing that could open a Jinja
// template ({{, {%, {#)
const PLAIN_WORD = /^[\x20-\x24\x26-\x7a|~]*$/;

function scalar(value: YamlValue): string | null {
    if (value === null)
        return "null";
    if (typeof value === "boolean" || typeof value === "number")
        return String(value);
    if (value instanceof Jinja)
        return quoted(value.text);
    if (typeof value === "string")
        return PLAIN_WORD.test(value) ? quoted(value) : "!unsafe " + quoted(value);
    if (Array.isArray(value) && value.length === 0)
        return "[]";
    if (!Array.isArray(value) && Object.keys(value).length === 0)
        return "{}";
    return null;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function lines(value: YamlValue, indent: number): string[] {
    const pad = " ".repeat(indent);
    if (Array.isArray(value)) {
        return value.flatMap(item => {
            const one = scalar(item);
            if (one !== null)
                return [`${pad}- ${one}`];
            const inner = lines(item, indent + 2);
            return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
        });
    }
    return Object.entries(value as Record<string, YamlValue>).flatMap(([key, item]) => {
        // keys are ours; one that is not a plain word is quoted rather than trusted
        const k = KEY.test(key) ? key : quoted(key);
        const one = scalar(item);
        return one !== null ? [`${pad}${k}: ${one}`] : [`${pad}${k}:`, ...lines(item, indent + 2)];
    });
}

/** A YAML document of `value` (a mapping or a sequence), ending in a newline. */
export function toYaml(value: YamlValue[] | { [key: string]: YamlValue }): string {
    return lines(value, 0).join("\n") + "\n";
}
