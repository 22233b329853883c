// Confirm a Run / Stop / Uninstall plan: every step shown, consent when it is risky,
// then follow it. Refusals say why, and offer the way on (Replace, Force) where there is one.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _, format } from "../cockpit";
import type { RunPlan, StopPlan, UninstallPlan } from "../core/lifecycle";
import type { OperationSpec } from "../host/operations";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { OperationPanel } from "./OperationPanel";
import { useOperations } from "./operations";
import { PlanPreview } from "./PlanPreview";
import { startPlan } from "./runPlan";

export interface PlanChoice { id: string; label: string; checked: boolean; set(v: boolean): void }

export function PlanDialog({ id, title, plan, spec, choices = [], action, waitingFor = null, blocker = null }: {
    id: string;
    title: string;
    plan: RunPlan | StopPlan | UninstallPlan;
    spec: Omit<OperationSpec, "argv" | "after">;
    choices?: PlanChoice[];
    action: string;
    waitingFor?: string | null;      // what the plan still needs to be read; nothing is offered until then
    blocker?: Error | null;          // why the plan cannot be made at all
}) {
    const dialogs = useDialogs();
    const ops = useOperations();
    const [consent, setConsent] = useState(false);
    const [opKey, setOpKey] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const [done, setDone] = useState(false);
    const [error, setError] = useState<Error | null>(null);
    const op = opKey ? ops.list.find(o => o.key === opKey) ?? null : null;
    const needsConsent = plan.kind === "steps" && plan.warnings.length > 0;
    const ready = !waitingFor && !blocker;

    const start = () => {
        if (plan.kind !== "steps")
            return;
        setBusy(true);
        setError(null);
        startPlan(ops, plan, spec, ops.useSystemd)
                .then(key => { if (key) setOpKey(key); else setDone(true); }, setError)
                .finally(() => setBusy(false));
    };

    return (
        <Modal id={id} isOpen onClose={dialogs.close} variant="medium" aria-labelledby={`${id}-title`}>
            <ModalHeader title={title} labelId={`${id}-title`} />
            <ModalBody>
                {waitingFor && <p id={`${id}-waiting`}><Spinner size="md" aria-label={waitingFor} /> {waitingFor}</p>}
                {blocker && <ErrorAlert title={_("The plan cannot be made")} error={blocker} />}
                {!op && !done && ready && <>
                    {choices.map(c => <Checkbox key={c.id} id={c.id} label={c.label} isChecked={c.checked} onChange={(_e, v) => c.set(v)} />)}
                    {plan.kind === "steps" && <PlanPreview plan={plan} id={`${id}-preview`} />}
                    {plan.kind === "refused" && <p className="ss-refusal" id={`${id}-refusal`}>
                        {_(plan.reason)} {plan.containers.length > 0 && format(_("Containers: $0"), plan.containers.join(", "))}
                    </p>}
                    {plan.kind === "already-running" && <p id={`${id}-refusal`}>{format(_("The container $0 is already running."), plan.container)}</p>}
                    {plan.kind === "not-running" && <p id={`${id}-refusal`}>{format(_("The container $0 is not running."), plan.container)}</p>}
                    {needsConsent && <Checkbox id={`${id}-consent`} isChecked={consent} onChange={(_e, v) => setConsent(v)}
                                               label={_("I understand what this command may do to this host and want to run it")} />}
                </>}
                {error && <ErrorAlert title={format(_("$0 failed"), spec.title)} error={error} />}
                {op && <OperationPanel op={op} />}
                {done && <p id={`${id}-done`}>{format(_("$0: done"), spec.title)}</p>}
            </ModalBody>
            <ModalFooter>
                {!op && !done && ready && plan.kind === "steps" &&
                    <Button id={`${id}-submit`} variant={spec.kind === "uninstall" ? "danger" : "primary"}
                            isDisabled={busy || (needsConsent && !consent)} isLoading={busy} onClick={start}>{action}</Button>}
                <Button variant={op || done ? "primary" : "link"} id={`${id}-close`} onClick={dialogs.close}>
                    {op || done ? _("Close") : _("Cancel")}
                </Button>
            </ModalFooter>
        </Modal>
    );
}
