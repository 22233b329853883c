// Install (or, for an image without INSTALL, run) an image as a system service: name,
// options, the exact command as it changes, consent to its privileges, then follow it.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { ExpandableSection } from "@patternfly/react-core/dist/esm/components/ExpandableSection/index.js";
import { Form, FormGroup, FormHelperText } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { HelperText, HelperTextItem } from "@patternfly/react-core/dist/esm/components/HelperText/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { TextArea } from "@patternfly/react-core/dist/esm/components/TextArea/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format } from "../cockpit";
import { installedRecord, installPlan, installsWith, startInstall } from "../app/install";
import { installPlaybook } from "../app/playbook";
import type { EngineName } from "../core/engineVersion";
import { imageDisplayName } from "../core/inventory";
import { defaultName } from "../core/labels";
import type { Container, Image, ServiceRecord } from "../core/model";
import { PlanPreview } from "./PlanPreview";
import { PlaybookExport } from "./PlaybookExport";
import { useApp, useOperation } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { OperationPanel } from "./OperationPanel";
import { UnitCard } from "./UnitCard";
import { useListInEffect } from "./useHostDataList";
import { useCurrentInventory } from "./useInventory";

type Opts = { OPT1: string; OPT2: string; OPT3: string };

export function InstallDialog({ image, engine, ...shown }: {
    image: Image; engine: EngineName; containers: Container[]; records: ServiceRecord[];
}) {
    // as listed now: a dialog open for a while must not plan with what was listed when it opened
    const inventory = useCurrentInventory();
    const containers = inventory?.containers ?? shown.containers;
    const records = inventory?.records?.records ?? shown.records;
    const dialogs = useDialogs();
    const app = useApp();
    const ref = imageDisplayName(image);
    const [name, setName] = useState(defaultName(ref));
    const [opts, setOpts] = useState<Opts>({ OPT1: "", OPT2: "", OPT3: "" });
    const [extra, setExtra] = useState("");
    const [consent, setConsent] = useState(false);
    const [advanced, setAdvanced] = useState(false);
    const [opId, setOpId] = useState<string | null>(null);
    const [starting, setStarting] = useState(false);
    const [startError, setStartError] = useState<Error | null>(null);
    const [restoreOnFailure, setRestoreOnFailure] = useState(true);
    const list = useListInEffect(image, engine, name);

    const key = installsWith(image);
    const extraArgs = extra.split("\n").filter(line => line !== "");
    const plan = installPlan({
        image, imageRef: ref, engine, containers, records, name, options: opts, extraArgs,
        list: list.value ?? null, restoreOnFailure, now: new Date(),
    });
    const op = useOperation(opId);
    const finished = op?.status === "succeeded";
    const refusal = plan.kind === "refused" ? plan : null;
    const unit = installedRecord(op)?.unit ?? null;
    const needsConsent = plan.kind === "steps" && plan.warnings.length > 0;
    const canStart = plan.kind === "steps" && (!needsConsent || consent) && !opId && !starting && !list.loading && !list.error;
    const title = key === "INSTALL" ? format(_("Install $0"), ref) : format(_("Run $0"), ref);

    const start = () => {
        if (plan.kind !== "steps")
            return;
        setStartError(null);
        setStarting(true);
        startInstall(app, image, name, plan).then(setOpId, setStartError).finally(() => setStarting(false));
    };

    const setOpt = (k: keyof Opts, v: string) => setOpts(o => ({ ...o, [k]: v }));

    return (
        <Modal id="install-dialog" isOpen onClose={dialogs.close} variant="large" aria-labelledby="install-title">
            <ModalHeader title={title} labelId="install-title" />
            <ModalBody>
                {!opId && <Form onSubmit={e => { e.preventDefault(); if (canStart) start(); }}>
                    <FormGroup label={_("Name")} fieldId="install-name" isRequired>
                        <TextInput id="install-name" value={name} onChange={(_e, v) => setName(v)}
                                   validated={refusal?.code === "invalid-name" ? "error" : "default"} />
                        <FormHelperText><HelperText><HelperTextItem variant={refusal?.code === "invalid-name" ? "error" : "default"}>
                            {refusal?.code === "invalid-name" ? _(refusal.reason) : _("The container, the systemd unit and the record use this name.")}
                        </HelperTextItem></HelperText></FormHelperText>
                    </FormGroup>
                    <ExpandableSection toggleText={_("Advanced")} isExpanded={advanced} onToggle={(_e, v) => setAdvanced(v)} id="install-advanced">
                        {(["OPT1", "OPT2", "OPT3"] as const).map(k => (
                            <FormGroup key={k} label={k} fieldId={`install-${k.toLowerCase()}`}>
                                <TextInput id={`install-${k.toLowerCase()}`} value={opts[k]} onChange={(_e, v) => setOpt(k, v)} />
                            </FormGroup>
                        ))}
                        <FormGroup label={_("Extra arguments, one per line")} fieldId="install-extra-args">
                            <TextArea id="install-extra-args" value={extra} onChange={(_e, v) => setExtra(v)} resizeOrientation="vertical" />
                            <FormHelperText><HelperText><HelperTextItem>
                                {_("Each line is passed as one argument, spaces included, after the label's command.")}
                            </HelperTextItem></HelperText></FormHelperText>
                        </FormGroup>
                    </ExpandableSection>
                    <FormGroup label={_("This runs as root")} fieldId="install-preview">
                        {list.loading && <p id="install-waiting">{_("Reading the host-data-list…")}</p>}
                        {list.error && <ErrorAlert title={_("The host-data-list could not be read")} error={list.error} />}
                        {plan.kind === "steps" && !list.loading && <PlanPreview id="install-preview" plan={plan} />}
                        {plan.kind === "pull-only" && <p id="install-pull-only">{_(plan.reason)}</p>}
                        {plan.kind === "already-running" && <p id="install-refused">{format(_("The container $0 is already running."), plan.container)}</p>}
                        {refusal && refusal.code !== "invalid-name" &&
                            <ErrorAlert title={_("This cannot be done")} error={new Error(_(refusal.reason))} />}
                    </FormGroup>
                    {plan.kind === "steps" && plan.steps.some(s => s.kind === "backup") &&
                        <Checkbox id="install-restore" isChecked={restoreOnFailure} onChange={(_e, v) => setRestoreOnFailure(v)}
                                  label={_("Restore the host files if the install fails")} />}
                    {list.error && <ErrorAlert title={_("The host-data-list could not be read: no backup will be taken")} error={list.error} />}
                    {needsConsent &&
                        <Checkbox id="install-consent" isChecked={consent} onChange={(_e, v) => setConsent(v)}
                                  label={_("I understand what this command may do to this host and want to run it")} />}
                    {plan.kind === "steps" && key === "INSTALL" && !list.loading &&
                        <PlaybookExport id="install-playbook" imageRef={ref}
                                        make={(source, host) => installPlaybook(plan, { name, imageRef: ref, engine }, list.value ?? null, source, host)} />}
                </Form>}
                {startError && <ErrorAlert title={_("The operation could not be started")} error={startError} />}
                {op && <OperationPanel op={op} />}
                {finished && unit && app.runner.useSystemd && <UnitCard unit={unit} />}
                {finished && key === "INSTALL" && !unit &&
                    <p id="install-no-unit">{_("The image did not write a systemd unit.")}</p>}
            </ModalBody>
            <ModalFooter>
                {!opId && plan.kind === "steps" && <Button variant="primary" id="install-submit" isDisabled={!canStart} onClick={start}>
                    {key === "INSTALL" ? _("Install") : _("Run")}
                </Button>}
                <Button variant={opId ? "primary" : "link"} id="install-close" onClick={dialogs.close}>
                    {opId ? _("Close") : _("Cancel")}
                </Button>
            </ModalFooter>
        </Modal>
    );
}
