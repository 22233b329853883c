// Validation of an enrollment form before anything runs: each problem names the form's field
// it belongs to, so the dialog shows it there. Values are judged trimmed, as enrollArguments
// passes them; the secret is judged as typed and never shown in a message.

import { N_ } from "./i18n";
import { ENROLL_SECRET_LABEL, ENROLL_LABEL, LDAP_SCHEMAS, secretKind, type AdForm, type EnrollForm, type EnrollSupport, type IpaForm, type LdapForm } from "./enroll";
import { additionalOptionsProblems } from "./enrollIpaOptions";
import {
    adUserProblem, computerNameProblem, controlProblem, dnDomain, dnsNameProblem, isProblem, ldapUriProblem, parseDn,
    principalProblem, problem, realmProblem, type Problem,
} from "./enrollNames";

export type EnrollField = "mode" | "domain" | "user" | "computerOu" | "computerName" | "server" | "realm" | "principal" |
    "additionalOptions" | "uri" | "base" | "schema" | "bindDn" | "secret";

export interface FieldProblem extends Problem {
    field: EnrollField;
}

type Check = (value: string) => Problem | null;

class Problems {
    readonly list: FieldProblem[] = [];

    add(field: EnrollField, p: Problem | null): void {
        if (p !== null)
            this.list.push({ field, ...p });
    }

    required(field: EnrollField, value: string, empty: string, check: Check): void {
        const v = value.trim();
        this.add(field, v === "" ? problem(empty) : check(v));
    }

    optional(field: EnrollField, value: string, check: Check): void {
        const v = value.trim();
        if (v !== "")
            this.add(field, check(v));
    }
}

function ouProblem(ou: string, domain: string): Problem | null {
    const dn = parseDn(ou);
    if (isProblem(dn))
        return dn;
    const first = dn[0][0].type.toLowerCase();
    if (first !== "ou" && first !== "cn")
        return problem(N_("An OU starts with OU=, such as OU=Linux,DC=example,DC=com or just OU=Linux."));
    const named = dnDomain(dn);
    if (named !== "" && dnsNameProblem(domain) === null && named.toLowerCase() !== domain.toLowerCase())
        return problem(N_("The DC= parts name the domain $0, not $1: leave them out or write those of $1."), named, domain);
    return null;
}

// install.sh writes these into sssd.conf, where a bracket would start a section
function directoryDnProblem(value: string): Problem | null {
    const dn = parseDn(value);
    if (isProblem(dn))
        return dn;
    return /[[\]]/.test(value) ? problem(N_("SSSD's configuration cannot hold \"[\" or \"]\" in this name.")) : null;
}

function validateAd(form: AdForm, p: Problems): void {
    p.required("domain", form.domain, N_("Enter the domain to join, such as ad.example.com."), dnsNameProblem);
    if (form.credential === "password")
        p.required("user", form.user, N_("Enter the name of a user who may join computers to the domain, such as Administrator."), adUserProblem);
    p.optional("computerOu", form.computerOu, ou => ouProblem(ou, form.domain.trim()));
    p.optional("computerName", form.computerName, computerNameProblem);
}

function validateIpa(form: IpaForm, p: Problems): void {
    p.required("domain", form.domain, N_("Enter the IPA domain, such as ipa.example.com."), dnsNameProblem);
    p.optional("server", form.server, dnsNameProblem);
    p.optional("realm", form.realm, realmProblem);
    if (form.credential === "password")
        p.required("principal", form.principal, N_("Enter the principal to enroll as, such as admin."), principalProblem);
    for (const option of additionalOptionsProblems(form.additionalOptions))
        p.add("additionalOptions", option);
}

function validateLdap(form: LdapForm, secret: string, p: Problems): void {
    p.required("uri", form.uri, N_("Enter the directory's address, such as ldaps://ldap.example.com."), ldapUriProblem);
    p.required("base", form.base, N_("Enter the search base, such as dc=example,dc=com."), directoryDnProblem);
    if (form.schema !== "" && !(LDAP_SCHEMAS as readonly string[]).includes(form.schema))
        p.add("schema", problem(N_("The schema is one of $0."), LDAP_SCHEMAS.join(", ")));
    p.optional("bindDn", form.bindDn, directoryDnProblem);
    if (form.bindDn.trim() === "" && secret !== "")
        p.add("bindDn", problem(N_("A bind password was given without a bind DN: enter the DN it belongs to, or clear the password to bind anonymously.")));
}

function secretProblem(form: EnrollForm, secret: string, support: EnrollSupport): Problem | null {
    const kind = secretKind(form);
    if (support.secretPath === null) {
        if (kind !== null)
            return problem(N_("This needs a password, and this image does not say where it reads one from (it has no $0 label)."), ENROLL_SECRET_LABEL);
        return secret === "" ? null : problem(N_("This image takes no password (it has no $0 label)."), ENROLL_SECRET_LABEL);
    }
    if (kind === null)
        return null;
    if (secret === "") {
        if (kind === "one-time-password")
            return problem(N_("Enter the one-time password."));
        if (kind === "bind-password")
            return problem(N_("Enter the password of the bind DN."));
        const who = form.mode === "realm" ? form.user : form.mode === "ipa" ? form.principal : "";
        return who.trim() === "" ? problem(N_("Enter the password.")) : problem(N_("Enter the password of $0."), who.trim());
    }
    // the image's secret reader drops line breaks: the server would get another password
    return controlProblem(secret) === null ? null : problem(N_("The password contains a control character (such as a line break), which the image would not pass on as typed."));
}

/** Every problem of the form for this image, in the form's order; empty when it can run. */
export function validateEnroll(form: EnrollForm, secret: string, support: EnrollSupport): FieldProblem[] {
    const p = new Problems();
    if (!support.modes.includes(form.mode)) {
        p.add("mode", support.modes.length === 0
            ? problem(N_("This image offers no enrollment (it has no $0 label)."), ENROLL_LABEL)
            : problem(N_("This image does not offer this; it offers $0."), support.modes.join(", ")));
    }
    if (form.mode === "realm")
        validateAd(form, p);
    else if (form.mode === "ipa")
        validateIpa(form, p);
    else
        validateLdap(form, secret, p);
    p.add("secret", secretProblem(form, secret, support));
    return p.list;
}
