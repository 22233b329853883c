// Enrollment of the host through an identity image (docs: issue 13): what an image offers (its
// enroll labels), the three forms (Active Directory, FreeIPA, LDAP) and the exact words a form
// appends to the image's INSTALL label. No secret is ever one of those words: the image reads
// it from the file the runner mounts at the path of its enroll-secret label.

import { N_ } from "./i18n";
import { findLabel } from "./labels";
import { secretArgument } from "./record";
import { CoreError } from "./text";

/** Space-separated modes: `ipa realm ldap`. */
export const ENROLL_LABEL = "io.github.system-services.enroll";
/** Where the image reads the secret from; absent: the image takes no secret. */
export const ENROLL_SECRET_LABEL = "io.github.system-services.enroll-secret";
/** A label command (like RUN) that, given a domain appended, prints `realm discover -v` output. */
export const DISCOVER_LABEL = "io.github.system-services.discover";

export const ENROLL_MODES = ["ipa", "realm", "ldap"] as const;
export type EnrollMode = typeof ENROLL_MODES[number];

export const LDAP_SCHEMAS = ["rfc2307", "rfc2307bis", "IPA", "AD"] as const;
export type LdapSchema = typeof LDAP_SCHEMAS[number];

/** Why --no-ntp is always given to ipa-client-install; the UI shows it beside the option. */
export const NO_NTP_REASON = N_("A container cannot run the time service (chrony), so the host keeps its own time synchronisation. Kerberos needs the clocks of the host and the server within 5 minutes of each other.");
/** Why an image without an enroll-secret label gets no password; $0 is the label. */
export const NO_SECRET_REASON = N_("This image does not say where it reads a password from (it has no $0 label), so the page gives it none: a password on its command line could be read by every process on the host.");

export class EnrollError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "EnrollError";
    }
}

export interface EnrollSupport {
    modes: EnrollMode[];             // in the label's order, each once
    secretPath: string | null;       // absolute path in the container; null: the image takes no secret
    discover: string | null;         // the discover label command
}

function isEnrollMode(word: string): word is EnrollMode {
    return (ENROLL_MODES as readonly string[]).includes(word);
}

// Mounted with -v FILE:PATH:ro, so ":" and "," would change the mount; "..", spaces and
// control characters have no business in it either.
function usableSecretPath(path: string): boolean {
    return path.startsWith("/") && path !== "/" && !/[\s:,\x00-\x1f\x7f]/.test(path) && // eslint-disable-line no-control-regex
        !path.split("/").includes("..");
}

/** What an image's labels offer for enrollment; unknown modes and a malformed secret path are ignored. */
export function enrollSupport(labels: Record<string, string> | null | undefined): EnrollSupport {
    const modes: EnrollMode[] = [];
    for (const word of (findLabel(labels, ENROLL_LABEL) ?? "").toLowerCase().split(/[\s,]+/)) {
        if (isEnrollMode(word) && !modes.includes(word))
            modes.push(word);
    }
    const secretPath = (findLabel(labels, ENROLL_SECRET_LABEL) ?? "").trim();
    const discover = (findLabel(labels, DISCOVER_LABEL) ?? "").trim();
    return {
        modes,
        secretPath: usableSecretPath(secretPath) ? secretPath : null,
        discover: discover === "" ? null : discover,
    };
}

/** How the form authenticates: a user's password, or a one-time password set beforehand. */
export type Credential = "password" | "one-time-password";

/** Join Active Directory with realmd. */
export interface AdForm {
    mode: "realm";
    domain: string;
    credential: Credential;
    user: string;                    // with "password": who joins (name or name@REALM)
    computerOu: string;              // optional: a DN, may leave out the DC= parts
    computerName: string;            // optional: the NetBIOS name of the computer account
}

/** Enroll in FreeIPA with ipa-client-install. */
export interface IpaForm {
    mode: "ipa";
    domain: string;
    server: string;                  // optional: else DNS discovery
    realm: string;                   // optional
    credential: Credential;
    principal: string;               // with "password": who enrolls
    mkhomedir: boolean;
    enableDnsUpdates: boolean;
    forceJoin: boolean;
    noSsh: boolean;
    noSshd: boolean;
    additionalOptions: string;       // one option per line, as typed
}

/** Configure SSSD for an LDAP directory (no enrollment). */
export interface LdapForm {
    mode: "ldap";
    uri: string;
    base: string;
    schema: LdapSchema | "";         // "": the image's default (rfc2307)
    starttls: boolean;
    bindDn: string;                  // optional: the password is needed exactly when it is given
}

export type EnrollForm = AdForm | IpaForm | LdapForm;

/** What the secret of a form is; the UI names its field after it. */
export type SecretKind = "user-password" | "one-time-password" | "principal-password" | "bind-password";

/** The secret the form needs, or null when it needs none (LDAP without a bind DN). */
export function secretKind(form: EnrollForm): SecretKind | null {
    switch (form.mode) {
    case "realm":
        return form.credential === "password" ? "user-password" : "one-time-password";
    case "ipa":
        return form.credential === "password" ? "principal-password" : "one-time-password";
    case "ldap":
        return form.bindDn.trim() === "" ? null : "bind-password";
    }
}

/** The additional options as words with their line numbers (from 1); blank lines are left out. */
export function additionalOptionLines(text: string): { line: number; word: string }[] {
    return text.split(/\r?\n/).map((raw, i) => ({ line: i + 1, word: raw.trim() })).filter(o => o.word !== "");
}

function optional(option: string, value: string): string[] {
    const v = value.trim();
    return v === "" ? [] : [option + v];
}

function flag(on: boolean, option: string): string[] {
    return on ? [option] : [];
}

function adArguments(form: AdForm): string[] {
    const login = form.credential === "password" ? ["-U", form.user.trim()] : ["--login-type", "computer"];
    return ["realm", ...login,
        ...optional("--computer-ou=", form.computerOu),
        ...optional("--computer-name=", form.computerName),
        form.domain.trim()];
}

function ipaArguments(form: IpaForm): string[] {
    return ["ipa", "--domain=" + form.domain.trim(),
        ...optional("--server=", form.server),
        ...optional("--realm=", form.realm),
        ...(form.credential === "password" ? optional("--principal=", form.principal) : []),
        ...flag(form.mkhomedir, "--mkhomedir"),
        ...flag(form.enableDnsUpdates, "--enable-dns-updates"),
        ...flag(form.forceJoin, "--force-join"),
        ...flag(form.noSsh, "--no-ssh"),
        ...flag(form.noSshd, "--no-sshd"),
        "--no-ntp",
        ...additionalOptionLines(form.additionalOptions).map(o => o.word)];
}

function ldapArguments(form: LdapForm): string[] {
    const bindDn = form.bindDn.trim();
    return ["ldap", "--uri", form.uri.trim(), "--base", form.base.trim(),
        ...(form.schema === "" ? [] : ["--schema", form.schema]),
        ...flag(form.starttls, "--starttls"),
        ...(bindDn === "" ? [] : ["--bind-dn", bindDn])];
}

/**
 * The words appended to the INSTALL label for this form: trimmed, empty optional fields left
 * out. Validate the form first (core/enrollValidate.ts); a word that would pass a password on
 * the command line is refused here too, so no form ever puts a secret in argv.
 */
export function enrollArguments(form: EnrollForm): string[] {
    const args = form.mode === "realm" ? adArguments(form) : form.mode === "ipa" ? ipaArguments(form) : ldapArguments(form);
    const secret = secretArgument(args);
    if (secret !== null)
        throw new EnrollError(N_("The argument \"$0\" passes a password on the command line; enter the password in its own field."), secret.split("=")[0]);
    return args;
}
