// Confirm a Run / Stop / Uninstall plan: every step shown, consent when it is risky,
// then follow it. Refusals say why, and offer the way on (Replace, Force) where there is one.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _, format } from "../cockpit";
import type { StepsPlan } from "../core/plan";
import type { RunPlan, StopPlan, UninstallPlan } from "../core/planLifecycle";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { OperationPanel, operationTitle } from "./OperationPanel";
import { useOperation } from "./appContext";
import { PlanPreview } from "./PlanPreview";

export interface PlanChoice { id: string; label: string; checked: boolean; set(v: boolean): void }

export function PlanDialog({ id, title, plan, start: startPlan, danger = false, choices = [], action, waitingFor = null, blocker = null, extra = null }: {
    id: string;
    title: string;
    plan: RunPlan | StopPlan | UninstallPlan;
    /** Hands the plan to the runner (app/); resolves with the operation's ID. */
    start(plan: StepsPlan): Promise<string>;
    danger?: boolean;
    choices?: PlanChoice[];
    action: string;
    waitingFor?: string | null;      // what the plan still needs to be read; nothing is offered until then
    blocker?: Error | null;          // why the plan cannot be made at all
    extra?: ComponentChildren;       // below the preview while nothing runs (the playbook export)
}) {
    const dialogs = useDialogs();
    const [consent, setConsent] = useState(false);
    const [opId, setOpId] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<Error | null>(null);
    const op = useOperation(opId);
    const needsConsent = plan.kind === "steps" && plan.warnings.length > 0;
    const ready = !waitingFor && !blocker;

    const start = () => {
        if (plan.kind !== "steps")
            return;
        setBusy(true);
        setError(null);
        startPlan(plan).then(setOpId, setError).finally(() => setBusy(false));
    };

    return (
        <Modal id={id} isOpen onClose={dialogs.close} variant="medium" aria-labelledby={`${id}-title`}>
            <ModalHeader title={title} labelId={`${id}-title`} />
            <ModalBody>
                {waitingFor && <p id={`${id}-waiting`}><Spinner size="md" aria-label={waitingFor} /> {waitingFor}</p>}
                {blocker && <ErrorAlert title={_("The plan cannot be made")} error={blocker} />}
                {!opId && ready && <>
                    {choices.map(c => <Checkbox key={c.id} id={c.id} label={c.label} isChecked={c.checked} onChange={(_e, v) => c.set(v)} />)}
                    {plan.kind === "steps" && <PlanPreview plan={plan} id={`${id}-preview`} />}
                    {plan.kind === "refused" && <p className="ss-refusal" id={`${id}-refusal`}>
                        {_(plan.reason)} {plan.containers.length > 0 && format(_("Containers: $0"), plan.containers.join(", "))}
                    </p>}
                    {plan.kind === "already-running" && <p id={`${id}-refusal`}>{format(_("The container $0 is already running."), plan.container)}</p>}
                    {plan.kind === "not-running" && <p id={`${id}-refusal`}>{format(_("The container $0 is not running."), plan.container)}</p>}
                    {needsConsent && <Checkbox id={`${id}-consent`} isChecked={consent} onChange={(_e, v) => setConsent(v)}
                                               label={_("I understand what this command may do to this host and want to run it")} />}
                    {plan.kind === "steps" && extra}
                </>}
                {error && <ErrorAlert title={format(_("$0 could not be started"), title)} error={error} />}
                {op && <OperationPanel op={op} />}
                {op?.status === "succeeded" && <p id={`${id}-done`}>{format(_("$0: done"), operationTitle(op))}</p>}
            </ModalBody>
            <ModalFooter>
                {!opId && ready && plan.kind === "steps" &&
                    <Button id={`${id}-submit`} variant={danger ? "danger" : "primary"}
                            isDisabled={busy || (needsConsent && !consent)} isLoading={busy} onClick={start}>{action}</Button>}
                <Button variant={opId ? "primary" : "link"} id={`${id}-close`} onClick={dialogs.close}>
                    {opId ? _("Close") : _("Cancel")}
                </Button>
            </ModalFooter>
        </Modal>
    );
}
