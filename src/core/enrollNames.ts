// The syntax of the names an enrollment is given: DNS names, Kerberos realms and principals,
// Active Directory user and computer names, LDAP distinguished names and URIs. Each check
// returns null or one problem for people; the values are untrusted text typed into a form.

import { N_ } from "./i18n";
import { formatText } from "./text";

/** A message for people: an N_-marked template whose $0, $1, … are filled from args. */
export interface Problem {
    template: string;
    args: string[];
}

export function problem(template: string, ...args: string[]): Problem {
    return { template, args };
}

/** The problem's English text; the UI translates `template` and formats it instead. */
export function problemText(p: Problem): string {
    return formatText(p.template, p.args);
}

const CONTROL = /[\x00-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

export function controlProblem(value: string): Problem | null {
    return CONTROL.test(value) ? problem(N_("Contains a control character (such as a tab or a line break).")) : null;
}

export const MAX_DNS_NAME = 253;
export const MAX_DNS_LABEL = 63;
export const MAX_COMPUTER_NAME = 15;

const LABEL_CHAR = /[A-Za-z0-9-]/;

/** A DNS name (a domain, a host): letters, digits and "-" in parts of at most 63, 253 in all. */
export function dnsNameProblem(name: string): Problem | null {
    const control = controlProblem(name);
    if (control !== null)
        return control;
    if (name.length > MAX_DNS_NAME)
        return problem(N_("The name is $0 characters long; at most $1 are allowed."), String(name.length), String(MAX_DNS_NAME));
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(name))
        return problem(N_("\"$0\" is not a letter a–z: write an internationalized name in its xn-- form."), [...name].find(c => c.charCodeAt(0) > 0x7f) ?? "");
    for (const label of name.split(".")) {
        if (label === "")
            return problem(N_("The name has an empty part: two dots in a row, or a dot at its start or end."));
        const bad = [...label].find(c => !LABEL_CHAR.test(c));
        if (bad !== undefined)
            return problem(N_("The name contains \"$0\": use only letters a–z, digits, \"-\" and dots between the parts."), bad);
        if (label.length > MAX_DNS_LABEL)
            return problem(N_("The part \"$0\" is $1 characters long; a part between dots has at most $2."), label.slice(0, 20) + "…", String(label.length), String(MAX_DNS_LABEL));
        if (label.startsWith("-") || label.endsWith("-"))
            return problem(N_("The part \"$0\" starts or ends with \"-\"."), label);
    }
    return null;
}

/** An Active Directory computer name: one DNS label that is also a NetBIOS name (≤ 15). */
export function computerNameProblem(name: string): Problem | null {
    if (name.includes(".") && controlProblem(name) === null)
        return problem(N_("A computer name is one word without dots, such as $0."), name.split(".")[0].toUpperCase() || "WEB-01");
    if (name.length > MAX_COMPUTER_NAME)
        return problem(N_("A computer name has at most $0 characters (it is also the NetBIOS name); this one has $1."), String(MAX_COMPUTER_NAME), String(name.length));
    return dnsNameProblem(name);
}

/** A Kerberos realm of a DNS domain: the domain in capitals. */
export function realmProblem(realm: string): Problem | null {
    const syntax = dnsNameProblem(realm);
    if (syntax !== null)
        return syntax;
    if (realm !== realm.toUpperCase())
        return problem(N_("A realm is written in capitals: $0."), realm.toUpperCase());
    return null;
}

function nameProblem(name: string): Problem | null {
    const control = controlProblem(name);
    if (control !== null)
        return control;
    if (name.startsWith("-"))
        return problem(N_("A user name cannot start with \"-\"."));
    return null;
}

function withRealm(value: string, example: string, check: (name: string) => Problem | null): Problem | null {
    const at = value.lastIndexOf("@");
    const name = at < 0 ? value : value.slice(0, at);
    if (name === "" || name.includes("@"))
        return problem(N_("Write a user name, or a user name and the realm: $0."), example);
    return check(name) ?? (at < 0 ? null : realmProblem(value.slice(at + 1)));
}

/** A Kerberos principal as ipa-client-install takes it: `user` or `user@REALM`. */
export function principalProblem(principal: string): Problem | null {
    return withRealm(principal, "admin, admin@EXAMPLE.COM",
                     name => controlProblem(name) ?? (/\s/.test(name) ? problem(N_("A principal contains no spaces.")) : nameProblem(name)));
}

// Characters Active Directory refuses in a logon name (sAMAccountName)
const AD_USER_REFUSED = /["/\\[\]:;|=,+*?<>]/;

/** An Active Directory user as `realm join -U` takes it: `name` or `name@REALM`. */
export function adUserProblem(user: string): Problem | null {
    return withRealm(user, "Administrator, Administrator@EXAMPLE.COM", name => {
        const bad = AD_USER_REFUSED.exec(name);
        if (bad !== null)
            return problem(N_("An Active Directory user name cannot contain \"$0\"."), bad[0]);
        return nameProblem(name);
    });
}

/** One attribute of a relative distinguished name, its value unescaped. */
export interface DnAttribute {
    type: string;
    value: string;
}

export type Dn = DnAttribute[][];

const ATTRIBUTE_TYPE = /^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/;
// RFC 4514: characters that are escaped in a value (a "\" and one of them, or two hex digits)
const ESCAPABLE = "\"+,;<>\\=# ";
const MUST_ESCAPE = "\"<>;";

function parseAttribute(text: string): DnAttribute | Problem {
    const eq = text.indexOf("=");
    const shown = text.trim();
    if (eq < 0)
        return problem(N_("The part \"$0\" has no \"=\": each part is written as TYPE=value, such as OU=Linux."), shown);
    const type = text.slice(0, eq).trim();
    if (!ATTRIBUTE_TYPE.test(type))
        return problem(N_("\"$0\" is not an attribute type such as OU, CN or DC."), type);
    const value = text.slice(eq + 1).trim();
    if (value === "")
        return problem(N_("The part \"$0\" has no value after \"=\"."), shown);
    let out = "";
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c !== "\\") {
            if (MUST_ESCAPE.includes(c))
                return problem(N_("A \"$0\" in a value is written with a \"\\\" before it."), c);
            out += c;
            continue;
        }
        const next = value.slice(i + 1, i + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(next)) {
            out += String.fromCharCode(parseInt(next, 16));
            i += 2;
        } else if (next !== "" && ESCAPABLE.includes(next[0])) {
            out += next[0];
            i += 1;
        } else {
            return problem(N_("\"\\$0\" is not an escape: a \"\\\" is followed by one of $1 or by two hex digits."), next.slice(0, 1), ESCAPABLE.trim().split("").join(" "));
        }
    }
    return { type, value: out };
}

// Splits at the separators that are not escaped; "\" keeps the next character in the part.
function splitUnescaped(text: string, separator: string): string[] {
    const parts: string[] = [];
    let current = "";
    for (let i = 0; i < text.length; i++) {
        if (text[i] === "\\" && i + 1 < text.length) {
            current += text[i] + text[i + 1];
            i++;
        } else if (text[i] === separator) {
            parts.push(current);
            current = "";
        } else {
            current += text[i];
        }
    }
    parts.push(current);
    return parts;
}

/** Parses an LDAP distinguished name (RFC 4514, spaces around "," and "=" allowed) or says why not. */
export function parseDn(text: string): Dn | Problem {
    const control = controlProblem(text);
    if (control !== null)
        return control;
    const dn: Dn = [];
    for (const rdn of splitUnescaped(text, ",")) {
        if (rdn.trim() === "")
            return problem(N_("The name has an empty part: two commas in a row, or a comma at its start or end."));
        const attributes: DnAttribute[] = [];
        for (const part of splitUnescaped(rdn, "+")) {
            const attribute = parseAttribute(part);
            if ("template" in attribute)
                return attribute;
            attributes.push(attribute);
        }
        dn.push(attributes);
    }
    return dn;
}

export function isProblem(value: object): value is Problem {
    return "template" in value;
}

/** The DNS domain that a DN's DC= parts name ("" when it has none). */
export function dnDomain(dn: Dn): string {
    return dn.flat().filter(a => a.type.toLowerCase() === "dc").map(a => a.value).join(".");
}

/** An LDAP server address, or several separated by commas as sssd's ldap_uri takes them. */
export function ldapUriProblem(uri: string): Problem | null {
    const control = controlProblem(uri);
    if (control !== null)
        return control;
    if (/\s/.test(uri))
        return problem(N_("An LDAP address contains no spaces; separate several with commas, such as ldap://a.example.com,ldap://b.example.com."));
    for (const one of uri.split(",")) {
        if (!/^ldaps?:\/\//.test(one))
            return problem(N_("\"$0\" is not an LDAP address: it starts with ldap:// or ldaps://, such as ldaps://ldap.example.com."), one);
        if (/^ldaps?:\/\/(\/|$)/.test(one))
            return problem(N_("\"$0\" names no server, such as ldaps://ldap.example.com."), one);
    }
    return null;
}
