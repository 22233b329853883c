// SSSD on this host: native or containerized, which one serves, and the switch either way —
// a plan shown before it runs, whose every step is undone if a later one fails.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { Form, FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { FormSelect, FormSelectOption } from "@patternfly/react-core/dist/esm/components/FormSelect/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format } from "../cockpit";
import { enrollableImages } from "../app/enroll";
import { NATIVE_SERVICE } from "../core/sssdSwitch";
import { checkHost, hostCheckCommand, readSssdFacts, startSwitch, switchUnavailable, toContainerPlan, toNativePlan, type SssdFacts } from "../app/sssdSwitch";
import { formatCommand } from "../core/labels";
import type { EngineName } from "../core/engineVersion";
import { imageDisplayName, imageOfRecord } from "../core/inventory";
import type { Container, Image, ServiceRecord } from "../core/model";
import { useAccess } from "./access";
import { useApp, useOperation, useOperations } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { MutatingButton } from "./MutatingButton";
import { OperationPanel } from "./OperationPanel";
import { PlanPreview } from "./PlanPreview";
import { useListInEffect } from "./useHostDataList";

// the reference image when it is there, else the first SSSD image
const preferredImage = (images: Image[]): Image | null => images.find(i => i.names.includes("localhost/sssd:latest")) ?? images[0] ?? null;

interface Props { records: ServiceRecord[]; images: Image[]; containers: Container[]; engine: EngineName }

function SwitchDialog({ facts, to, records, images, containers, engine }: Props & { facts: SssdFacts; to: "container" | "native" }) {
    const app = useApp();
    const dialogs = useDialogs();
    const installed = facts.containers[0]?.record ?? null;
    const [imageId, setImageId] = useState(preferredImage(facts.images)?.id ?? "");
    const image = to === "container" ? facts.images.find(i => i.id === imageId) ?? null : installed ? imageOfRecord(images, installed) : null;
    const [name, setName] = useState("sssd-container");
    const [user, setUser] = useState("");
    const [consent, setConsent] = useState(false);
    const [opId, setOpId] = useState<string | null>(null);
    const [startError, setStartError] = useState<Error | null>(null);
    const service = to === "container" ? name : installed?.name ?? "";
    const list = useListInEffect(image, engine, service);
    const op = useOperation(opId);
    const now = new Date();
    const plan = to === "container"
        ? image ? toContainerPlan({ facts, image, imageRef: imageDisplayName(image), engine, containers, records, name, user, list: list.value ?? null, now }) : null
        : installed ? toNativePlan(facts, installed, user, list.value ?? null, now) : null;
    const steps = plan?.kind === "steps" ? plan : null;
    const needsConsent = (steps?.warnings.length ?? 0) > 0;
    const canStart = steps !== null && (!needsConsent || consent) && !opId && !list.loading && !list.error;
    const start = () => {
        if (!canStart || !steps)
            return;
        setStartError(null);
        startSwitch(app, service, steps).then(setOpId, setStartError);
    };
    const title = to === "container" ? _("Switch to containerized SSSD") : _("Switch to native SSSD");
    return (
        <Modal id="sssd-switch-dialog" isOpen onClose={dialogs.close} variant="large" aria-labelledby="sssd-switch-title">
            <ModalHeader title={title} labelId="sssd-switch-title" />
            <ModalBody>
                {!opId && <Form onSubmit={e => { e.preventDefault(); start(); }}>
                    {to === "container" && <>
                        <FormGroup label={_("Image")} fieldId="sssd-switch-image">
                            <FormSelect id="sssd-switch-image" value={imageId} onChange={(_e, v) => setImageId(v)}>
                                {facts.images.map(i => <FormSelectOption key={i.id} value={i.id} label={imageDisplayName(i)} />)}
                            </FormSelect>
                        </FormGroup>
                        <FormGroup label={_("Service name")} fieldId="sssd-switch-name">
                            <TextInput id="sssd-switch-name" value={name} onChange={(_e, v) => setName(v)} />
                        </FormGroup>
                    </>}
                    <FormGroup label={_("User to look up afterwards")} fieldId="sssd-switch-user" isRequired>
                        <TextInput id="sssd-switch-user" value={user} onChange={(_e, v) => setUser(v)} placeholder="alice" />
                    </FormGroup>
                    <FormGroup label={_("This runs as root; if a step fails, every step before it is undone")} fieldId="sssd-switch-preview">
                        {list.error && <ErrorAlert title={_("The host-data-list could not be read")} error={list.error} />}
                        {steps && <PlanPreview id="sssd-switch-preview" plan={steps} />}
                        {plan?.kind === "refused" && user !== "" && <ErrorAlert title={_("This cannot be done")} error={new Error(_(plan.reason))} />}
                    </FormGroup>
                    {needsConsent && <Checkbox id="sssd-switch-consent" isChecked={consent} onChange={(_e, v) => setConsent(v)}
                                               label={_("I understand what this command may do to this host and want to run it")} />}
                </Form>}
                {startError && <ErrorAlert title={_("The operation could not be started")} error={startError} />}
                {op && <OperationPanel op={op} />}
            </ModalBody>
            <ModalFooter>
                {!opId && <Button id="sssd-switch-submit" variant="primary" isDisabled={!canStart} onClick={start}>{_("Switch")}</Button>}
                <Button id="sssd-switch-close" variant={opId ? "primary" : "link"} onClick={dialogs.close}>{opId ? _("Close") : _("Cancel")}</Button>
            </ModalFooter>
        </Modal>
    );
}

// the image's host-check label, run when asked: the host's libnss_sss, pam_sss and nsswitch.conf
function HostCheck({ image, engine }: { image: Image; engine: EngineName }) {
    const { host } = useApp();
    const argv = hostCheckCommand(image, engine);
    const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const [busy, setBusy] = useState(false);
    if (!argv)
        return null;
    const run = () => {
        setBusy(true);
        setError(null);
        checkHost(host, argv).then(setResult, setError).finally(() => setBusy(false));
    };
    return (
        <div className="ss-host-check">
            <Button id="sssd-host-check" variant="link" isInline isDisabled={busy} onClick={run}>{_("Check the host's SSSD client side")}</Button>
            {result && <div id="sssd-host-check-result" data-ok={String(result.ok)}>
                <p>{result.ok ? _("The host has what a containerized SSSD needs.") : _("The host lacks parts a containerized SSSD needs:")}</p>
                <ul>{result.lines.map(l => <li key={l}><code>{l}</code></li>)}</ul>
                <pre className="ss-command">{formatCommand(argv)}</pre>
            </div>}
            {error && <ErrorAlert title={_("The host could not be checked")} error={error} />}
        </div>
    );
}

export function SssdCard(props: Props) {
    const { host } = useApp();
    const dialogs = useDialogs();
    // read again whenever an operation ends
    const ended = useOperations().filter(o => o.status !== "running").length;
    // it reads sssd.conf, which only root may
    const access = useAccess();
    // read again when the services or the SSSD images change, not on every new listing of the same
    const services = props.records.map(r => `${r.name}:${r.imageId}:${r.unit ?? ""}`).join(" ");
    const sssdImages = enrollableImages(props.images).map(e => e.image.id).join(" ");
    const facts = usePromise(() => access === "root" ? readSssdFacts(host, props.records, props.images) : Promise.resolve(null),
                             // eslint-disable-next-line react-hooks/exhaustive-deps -- records and images by their summaries above; `ended` makes it read again
                             [services, sssdImages, ended, access, host]);
    const f = facts.value;
    if (!f)
        return facts.error ? <ErrorAlert title={_("SSSD's state could not be read")} error={facts.error} /> : null;
    const daemon = f.native.find(u => u.unit === NATIVE_SERVICE);
    const checkImage = preferredImage(f.images);
    const running = f.containers.find(c => c.unit?.activeState === "active");
    const toContainer = switchUnavailable(f, "container");
    const toNative = switchUnavailable(f, "native");
    const servingText = f.serving === "native" ? _("native SSSD (sssd.service)")
        : f.serving === "container" ? format(_("the containerized SSSD $0"), running?.record.name ?? "") : _("none: no SSSD runs");
    return (
        <Card isCompact id="sssd-card">
            <CardTitle>{_("SSSD")}</CardTitle>
            <CardBody>
                <p id="sssd-serving" data-serving={f.serving}>{format(_("Serving identities now: $0"), servingText)}</p>
                <p id="sssd-native-state">{daemon
                    ? format(_("Native SSSD: sssd.service $0, $1"), daemon.activeState, daemon.unitFileState || daemon.loadState)
                    : _("Native SSSD is not installed (package sssd).")}</p>
                {f.containers.map(c => <p key={c.record.name} className="ss-sssd-container" data-service={c.record.name}>
                    {format(_("Containerized: $0, unit $1"), c.record.name, c.unit ? `${c.unit.activeState}, ${c.unit.unitFileState}` : _("none"))}
                </p>)}
                {checkImage && <HostCheck image={checkImage} engine={props.engine} />}
                <div className="ss-toolbar">
                    <MutatingButton id="sssd-to-container" variant="secondary" disabledReason={toContainer && _(toContainer)}
                                    onClick={() => dialogs.show(<SwitchDialog {...props} facts={f} to="container" />)}>
                        {_("Switch to containerized…")}
                    </MutatingButton>
                    <MutatingButton id="sssd-to-native" variant="secondary" disabledReason={toNative && _(toNative)}
                                    onClick={() => dialogs.show(<SwitchDialog {...props} facts={f} to="native" />)}>
                        {_("Switch to native…")}
                    </MutatingButton>
                </div>
            </CardBody>
        </Card>
    );
}
