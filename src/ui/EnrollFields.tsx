// The fields of the Join dialog for each way of enrolling: Active Directory (realm), FreeIPA
// (ipa-client-install) and an LDAP directory. Each field shows its problem from core/enrollValidate.
import type { ComponentChildren } from "preact";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { FormGroup, FormHelperText } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { FormSelect, FormSelectOption } from "@patternfly/react-core/dist/esm/components/FormSelect/index.js";
import { HelperText, HelperTextItem } from "@patternfly/react-core/dist/esm/components/HelperText/index.js";
import { Radio } from "@patternfly/react-core/dist/esm/components/Radio/index.js";
import { TextArea } from "@patternfly/react-core/dist/esm/components/TextArea/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format } from "../cockpit";
import { LDAP_SCHEMAS, NO_NTP_REASON, type AdForm, type Credential, type EnrollForm, type IpaForm, type LdapForm } from "../core/enroll";
import type { Problem } from "../core/enrollNames";
import type { EnrollField, FieldProblem } from "../core/enrollValidate";

export const say = (p: Problem): string => format(_(p.template), ...p.args);

export interface FieldsProps<F extends EnrollForm> {
    form: F;
    set: (change: Partial<F>) => void;
    /** The problems to show now (a field's own once it was typed in, or all after a try). */
    problems: FieldProblem[];
}

/** A labelled field with its help text, or its problem in its place. */
export function Field({ id, label, field, problems, help, required, children }: {
    id: string; label: string; field: EnrollField; problems: FieldProblem[]; help?: string; required?: boolean; children: ComponentChildren;
}) {
    const p = problems.find(x => x.field === field);
    return (
        <FormGroup label={label} fieldId={id} isRequired={required}>
            {children}
            {(p || help) && <FormHelperText><HelperText><HelperTextItem variant={p ? "error" : "default"} id={`${id}-helper`}>
                {p ? say(p) : help}
            </HelperTextItem></HelperText></FormHelperText>}
        </FormGroup>
    );
}

function Text<F extends EnrollForm>({ id, label, field, value, props, help, required, placeholder }: {
    id: string; label: string; field: EnrollField & keyof F; value: string; props: FieldsProps<F>; help?: string; required?: boolean; placeholder?: string;
}) {
    const error = props.problems.some(p => p.field === field);
    return (
        <Field id={id} label={label} field={field} problems={props.problems} help={help} required={required}>
            <TextInput id={id} value={value} placeholder={placeholder} validated={error ? "error" : "default"}
                       onChange={(_e, v) => props.set({ [field]: v } as Partial<F>)} />
        </Field>
    );
}

function CredentialChoice({ prefix, value, set, password, oneTime }: {
    prefix: string; value: Credential; set: (c: Credential) => void; password: string; oneTime: string;
}) {
    return (
        <FormGroup role="radiogroup" isInline fieldId={`${prefix}-credential`} label={_("Credentials")}>
            <Radio id={`${prefix}-credential-password`} name={`${prefix}-credential`} label={password}
                   isChecked={value === "password"} onChange={() => set("password")} />
            <Radio id={`${prefix}-credential-otp`} name={`${prefix}-credential`} label={oneTime}
                   isChecked={value === "one-time-password"} onChange={() => set("one-time-password")} />
        </FormGroup>
    );
}

export function AdFields(props: FieldsProps<AdForm> & { discovery: ComponentChildren }) {
    const { form, set } = props;
    return <>
        <Text id="enroll-domain" label={_("Domain")} field="domain" value={form.domain} props={props} required placeholder="ad.example.com" />
        {props.discovery}
        <CredentialChoice prefix="enroll" value={form.credential} set={credential => set({ credential })}
                          password={_("Administrator name and password")} oneTime={_("One-time password of a preset computer account")} />
        {form.credential === "password" &&
            <Text id="enroll-user" label={_("Administrator name")} field="user" value={form.user} props={props} required placeholder="Administrator" />}
        <Text id="enroll-computer-ou" label={_("Computer OU")} field="computerOu" value={form.computerOu} props={props}
              placeholder="OU=Linux,OU=Servers" help={_("Optional: where the computer account is created; the domain's parts may be left out.")} />
        <Text id="enroll-computer-name" label={_("Computer name")} field="computerName" value={form.computerName} props={props}
              help={_("Optional: at most 15 characters; by default the host name's first part.")} />
    </>;
}

export function IpaFields(props: FieldsProps<IpaForm>) {
    const { form, set } = props;
    const flags: [keyof IpaForm & ("mkhomedir" | "enableDnsUpdates" | "forceJoin" | "noSsh" | "noSshd"), string, string][] = [
        ["mkhomedir", "enroll-mkhomedir", _("Create home directories at first login (--mkhomedir)")],
        ["enableDnsUpdates", "enroll-dns-updates", _("Update this host's DNS entry (--enable-dns-updates)")],
        ["forceJoin", "enroll-force-join", _("Enroll even if the host is enrolled already (--force-join)")],
        ["noSsh", "enroll-no-ssh", _("Leave the SSH client's configuration alone (--no-ssh)")],
        ["noSshd", "enroll-no-sshd", _("Leave the SSH server's configuration alone (--no-sshd)")],
    ];
    return <>
        <Text id="enroll-domain" label={_("Domain")} field="domain" value={form.domain} props={props} required placeholder="ipa.example.com" />
        <Text id="enroll-server" label={_("Server")} field="server" value={form.server} props={props}
              help={_("Optional: else found through DNS.")} />
        <Text id="enroll-realm" label={_("Realm")} field="realm" value={form.realm} props={props} help={_("Optional: else the domain's, upper case.")} />
        <CredentialChoice prefix="enroll" value={form.credential} set={credential => set({ credential })}
                          password={_("Principal and password")} oneTime={_("One-time password")} />
        {form.credential === "password" &&
            <Text id="enroll-principal" label={_("Principal")} field="principal" value={form.principal} props={props} required placeholder="admin" />}
        <FormGroup fieldId="enroll-ipa-options" label={_("Options")}>
            {flags.map(([key, id, label]) =>
                <Checkbox key={id} id={id} label={label} isChecked={form[key]} onChange={(_e, v) => set({ [key]: v } as Partial<IpaForm>)} />)}
            <Checkbox id="enroll-no-ntp" label={_("Leave time synchronisation to the host (--no-ntp)")} isChecked isDisabled
                      description={_(NO_NTP_REASON)} />
        </FormGroup>
        <Field id="enroll-additional" label={_("Additional options, one per line")} field="additionalOptions" problems={props.problems}>
            <TextArea id="enroll-additional" value={form.additionalOptions} resizeOrientation="vertical"
                      onChange={(_e, v) => set({ additionalOptions: v })} />
        </Field>
    </>;
}

export function LdapFields(props: FieldsProps<LdapForm>) {
    const { form, set } = props;
    return <>
        <Text id="enroll-uri" label={_("Server URI")} field="uri" value={form.uri} props={props} required placeholder="ldaps://ldap.example.com" />
        <Text id="enroll-base" label={_("Search base")} field="base" value={form.base} props={props} required placeholder="dc=example,dc=com" />
        <Field id="enroll-schema" label={_("Schema")} field="schema" problems={props.problems}>
            <FormSelect id="enroll-schema" value={form.schema} onChange={(_e, v) => set({ schema: v as LdapForm["schema"] })}>
                <FormSelectOption value="" label={_("The image's default (rfc2307)")} />
                {LDAP_SCHEMAS.map(s => <FormSelectOption key={s} value={s} label={s} />)}
            </FormSelect>
        </Field>
        <Checkbox id="enroll-starttls" label={_("Use StartTLS")} isChecked={form.starttls} onChange={(_e, v) => set({ starttls: v })} />
        <Text id="enroll-bind-dn" label={_("Bind DN")} field="bindDn" value={form.bindDn} props={props}
              help={_("Optional: without it, SSSD reads the directory anonymously.")} />
    </>;
}
