// A plan from core/lifecycle as the person sees it before it runs: every step, commands exact.
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { _, format } from "../cockpit";
import type { StepsPlan } from "../core/plan";
import { formatCommand } from "../core/labels";
import { secretPaths } from "../core/secrets";
import { RefusedOptions, warningText } from "./CommandPreview";

export function PlanPreview({ plan, id }: { plan: StepsPlan; id?: string }) {
    return (
        <div className="ss-preview" id={id}>
            <ol className="ss-steps">
                {plan.steps.map((step, i) => (
                    <li key={i} data-step={step.kind}>
                        {_(step.title)}
                        {step.kind === "exec" && <pre className="ss-command" data-testid="command">{formatCommand(step.argv)}</pre>}
                        {step.kind === "exec" && <RefusedOptions argv={step.argv} />}
                        {step.kind === "remove-unit-file" && <> <code>{step.path}</code></>}
                        {(step.kind === "unit-disable" || step.kind === "unit-enable") && <> <code>{step.unit}</code></>}
                        {step.kind === "verify-lookup" && <> <code>{step.user}</code></>}
                        {step.kind === "write-file" && <> <code>{step.path}</code></>}
                        {(step.kind === "write-secret" || step.kind === "remove-secret") && <> <code>{secretPaths(step.name).file}</code></>}
                    </li>
                ))}
            </ol>
            {plan.unknownVariables.length > 0 &&
                <Alert variant="info" isInline isPlain title={format(_("Variables the label uses that have no value here (they expand to nothing): $0"),
                                                                     plan.unknownVariables.join(", "))} />}
            {plan.warnings.length > 0 &&
                <Alert variant="warning" isInline title={_("This command changes how isolated the container is")} className="ss-warnings">
                    <ul>{plan.warnings.map((w, i) => <li key={i}>{warningText(w)}</li>)}</ul>
                </Alert>}
        </div>
    );
}
