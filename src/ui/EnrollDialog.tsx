// Join a domain through an image's INSTALL: Active Directory, FreeIPA or an LDAP directory.
// The password goes to the runner's memory and a root-only file, never into the command: the
// preview shows the file's mount where a command line would have shown the password.
import { useEffect, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { Form, FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { FormSelect, FormSelectOption } from "@patternfly/react-core/dist/esm/components/FormSelect/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { Radio } from "@patternfly/react-core/dist/esm/components/Radio/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format, N_ } from "../cockpit";
import { enrollableImages, enrollFailure, enrollPlan, startEnroll } from "../app/enroll";
import { installedRecord } from "../app/install";
import { enrollSupport, NO_SECRET_REASON, ENROLL_SECRET_LABEL, secretKind, type AdForm, type EnrollForm, type EnrollMode, type IpaForm, type LdapForm } from "../core/enroll";
import { validateEnroll } from "../core/enrollValidate";
import type { EngineName } from "../core/engineVersion";
import { imageDisplayName } from "../core/inventory";
import { defaultName } from "../core/labels";
import type { Container, Image, ServiceRecord } from "../core/model";
import { secretPaths } from "../core/secrets";
import { useApp, useOperation } from "./appContext";
import { useDialogs } from "./dialogs";
import { AdFields, Field, IpaFields, LdapFields, say } from "./EnrollFields";
import { ErrorAlert } from "./ErrorAlert";
import { OperationPanel } from "./OperationPanel";
import { PlanPreview } from "./PlanPreview";
import { PlaybookExport } from "./PlaybookExport";
import { installPlaybook } from "../app/playbook";
import { RealmDiscovery } from "./RealmDiscovery";
import { UnitCard } from "./UnitCard";
import { useListInEffect } from "./useHostDataList";
import { useCurrentInventory } from "./useInventory";

const MODE_LABELS: Record<EnrollMode, string> = { realm: "Active Directory", ipa: "FreeIPA", ldap: "LDAP" };
const SECRET_LABELS = {
    "user-password": N_("Password"), "principal-password": N_("Password"), "one-time-password": N_("One-time password"), "bind-password": N_("Bind password"),
};

const EMPTY: { realm: AdForm; ipa: IpaForm; ldap: LdapForm } = {
    realm: { mode: "realm", domain: "", credential: "password", user: "", computerOu: "", computerName: "" },
    ipa: {
        mode: "ipa", domain: "", server: "", realm: "", credential: "password", principal: "admin", mkhomedir: false,
        enableDnsUpdates: false, forceJoin: false, noSsh: false, noSshd: false, additionalOptions: "",
    },
    ldap: { mode: "ldap", uri: "", base: "", schema: "", starttls: false, bindDn: "" },
};

export function EnrollDialog({ engine, image: initial, mode: initialMode, ...shown }: {
    engine: EngineName; images: Image[]; containers: Container[]; records: ServiceRecord[]; image?: Image; mode?: EnrollMode;
}) {
    const inventory = useCurrentInventory();
    const images = enrollableImages(inventory?.images ?? shown.images);
    const containers = inventory?.containers ?? shown.containers;
    const records = inventory?.records?.records ?? shown.records;
    const app = useApp();
    const dialogs = useDialogs();
    const [imageId, setImageId] = useState(initial?.id ?? images.find(i => /sssd/.test(imageDisplayName(i.image)))?.image.id ?? images[0]?.image.id ?? "");
    const image = images.find(i => i.image.id === imageId)?.image ?? null;
    const support = enrollSupport(image?.labels);
    const ref = image ? imageDisplayName(image) : "";
    // NAME.service is the unit INSTALL writes: not the name of the native service it stands in for
    const [name, setName] = useState(`${image ? defaultName(ref) : "sssd"}-container`);
    const [mode, setMode] = useState<EnrollMode>(initialMode ?? support.modes[0] ?? "realm");
    const [forms, setForms] = useState(EMPTY);
    const [secret, setSecret] = useState("");
    const [tried, setTried] = useState(false);
    const [consent, setConsent] = useState(false);
    const [opId, setOpId] = useState<string | null>(null);
    const [starting, setStarting] = useState(false);
    const [startError, setStartError] = useState<Error | null>(null);
    const list = useListInEffect(image, engine, name);
    const op = useOperation(opId);
    // a password is dropped once the runner has it: the dialog keeps no copy while the command runs
    useEffect(() => { if (opId) setSecret(""); }, [opId]);

    const form: EnrollForm = forms[mode];
    const set = (change: Partial<EnrollForm>) => setForms(f => ({ ...f, [mode]: { ...f[mode], ...change } }));
    const kind = secretKind(form);
    const problems = validateEnroll(form, secret, support);
    const shownProblems = problems.filter(p => tried || (p.field !== "secret" && fieldValue(form, p.field) !== ""));
    const plan = image && problems.length === 0 ? enrollPlan({
        image, imageRef: ref, engine, containers, records, name, form, list: list.value ?? null, restoreOnFailure: true, now: new Date(),
    }) : null;
    const steps = plan?.kind === "steps" ? plan : null;
    const needsConsent = (steps?.warnings.length ?? 0) > 0;
    const canStart = steps !== null && (!needsConsent || consent) && !opId && !starting && !list.loading && !list.error;
    const failure = enrollFailure(op);
    const unit = installedRecord(op)?.unit ?? null;

    const start = () => {
        setTried(true);
        if (!canStart || !steps)
            return;
        setStartError(null);
        setStarting(true);
        startEnroll(app, name, steps, kind ? secret : null).then(setOpId, setStartError).finally(() => setStarting(false));
    };
    const fieldsProps = { problems: shownProblems };

    return (
        <Modal id="enroll-dialog" isOpen onClose={dialogs.close} variant="large" aria-labelledby="enroll-title">
            <ModalHeader title={_("Join a domain")} labelId="enroll-title" />
            <ModalBody>
                {images.length === 0 && <p id="enroll-no-image">{_("No image here offers to join a domain (its io.github.system-services.enroll label lists how).")}</p>}
                {!opId && image && <Form onSubmit={e => { e.preventDefault(); start(); }}>
                    {images.length > 1 && <FormGroup label={_("Image")} fieldId="enroll-image">
                        <FormSelect id="enroll-image" value={imageId} onChange={(_e, v) => setImageId(v)}>
                            {images.map(i => <FormSelectOption key={i.image.id} value={i.image.id} label={imageDisplayName(i.image)} />)}
                        </FormSelect>
                    </FormGroup>}
                    <FormGroup role="radiogroup" isInline fieldId="enroll-mode" label={_("Directory")}>
                        {support.modes.map(m => <Radio key={m} id={`enroll-mode-${m}`} name="enroll-mode" label={MODE_LABELS[m]}
                                                      isChecked={mode === m} onChange={() => setMode(m)} />)}
                    </FormGroup>
                    <FormGroup label={_("Service name")} fieldId="enroll-name" isRequired>
                        <TextInput id="enroll-name" value={name} onChange={(_e, v) => setName(v)} />
                    </FormGroup>
                    {form.mode === "realm" && <AdFields {...fieldsProps} form={form} set={set}
                        discovery={<RealmDiscovery image={image} imageRef={ref} engine={engine} domain={form.domain}
                                                   valid={!problems.some(p => p.field === "domain")} />} />}
                    {form.mode === "ipa" && <IpaFields {...fieldsProps} form={form} set={set} />}
                    {form.mode === "ldap" && <LdapFields {...fieldsProps} form={form} set={set} />}
                    {kind && support.secretPath && <Field id="enroll-secret" label={_(SECRET_LABELS[kind])} field="secret" problems={shownProblems} required
                        help={format(_("Never part of a command: written to $0, which only root can read, mounted read-only at $1 for this command alone, and removed when it ends."),
                                     secretPaths(name || "sssd").file, support.secretPath)}>
                        <TextInput id="enroll-secret" type="password" autoComplete="off" value={secret} onChange={(_e, v) => setSecret(v)} />
                    </Field>}
                    {kind && !support.secretPath && <Alert id="enroll-no-secret" variant="warning" isInline title={format(_(NO_SECRET_REASON), ENROLL_SECRET_LABEL)} />}
                    <FormGroup label={_("This runs as root")} fieldId="enroll-preview">
                        {list.loading && <p>{_("Reading the host-data-list…")}</p>}
                        {list.error && <ErrorAlert title={_("The host-data-list could not be read")} error={list.error} />}
                        {steps && !list.loading && <PlanPreview id="enroll-preview" plan={steps} />}
                        {!plan && <p id="enroll-incomplete">{_("The command appears here once the form is complete.")}</p>}
                        {tried && problems.length > 0 && <ul id="enroll-problems">{problems.map((p, i) => <li key={i}>{say(p)}</li>)}</ul>}
                        {plan?.kind === "refused" && <ErrorAlert title={_("This cannot be done")} error={new Error(_(plan.reason))} />}
                    </FormGroup>
                    {needsConsent && <Checkbox id="enroll-consent" isChecked={consent} onChange={(_e, v) => setConsent(v)}
                                               label={_("I understand what this command may do to this host and want to run it")} />}
                    {steps && !list.loading &&
                        // the password stays here: the playbook reads it from a variable on the controller
                        <PlaybookExport id="enroll-playbook" imageRef={ref}
                                        make={(source, host) => installPlaybook(steps, { name, imageRef: ref, engine }, list.value ?? null, source, host)} />}
                </Form>}
                {startError && <ErrorAlert title={_("The operation could not be started")} error={startError} />}
                {failure && <Alert id="enroll-failure" data-failure={failure.id} variant="danger" isInline title={say(failure.summary)}>
                    <p>{say(failure.advice)}</p>
                </Alert>}
                {op && <OperationPanel op={op} />}
                {op?.status === "succeeded" && unit && app.runner.useSystemd && <>
                    <p id="enroll-joined">{_("Joined. Start the service to look users up through the domain:")}</p>
                    <UnitCard unit={unit} />
                </>}
            </ModalBody>
            <ModalFooter>
                {!opId && <Button variant="primary" id="enroll-submit" isDisabled={!!opId || starting || (tried && !canStart)} onClick={start}>
                    {_("Join")}
                </Button>}
                <Button variant={opId ? "primary" : "link"} id="enroll-close" onClick={dialogs.close}>{opId ? _("Close") : _("Cancel")}</Button>
            </ModalFooter>
        </Modal>
    );
}

function fieldValue(form: EnrollForm, field: string): string {
    const value = (form as unknown as Record<string, unknown>)[field];
    return typeof value === "string" ? value : "";
}
