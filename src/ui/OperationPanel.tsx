// An operation's status and its output as it streams from the journal.
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _, format } from "../cockpit";
import type { OperationView } from "../app/runner";
import type { Step } from "../core/plan";
import { useApp } from "./appContext";
import { CommandLog } from "./CommandLog";

function lastLines(text: string, n: number): string {
    return text.trimEnd().split("\n").slice(-n).join("\n");
}

export function operationTitle(op: OperationView): string {
    return format(_(op.op.title), op.op.service);
}

// a step as the preview shows it: its title and what it acts on
function stepText(s: Step): string {
    const what = "unit" in s ? s.unit : "user" in s ? s.user : "path" in s ? s.path : null;
    return what ? `${_(s.title)} ${what}` : _(s.title);
}

export function OperationPanel({ op, showDismiss = true }: { op: OperationView; showDismiss?: boolean }) {
    const { runner } = useApp();
    const title = operationTitle(op);
    const elsewhere = op.finishedHere === false;
    const step = op.status === "running" && op.state.next < op.op.steps.length ? op.op.steps[op.state.next] : null;
    // a failure leaves `next` at the step that failed
    const failed = op.status === "failed" ? op.op.steps[op.state.next] ?? null : null;
    return (
        <div className="ss-operation" data-operation={op.id} data-status={op.status} id="operation"
             data-finished-here={op.finishedHere === null ? "" : String(op.finishedHere)}>
            <div id="operation-status" data-status={op.status} className="ss-operation-status">
                {op.status === "running" && <>
                    <Spinner size="md" aria-label={_("Running")} /> {format(_("$0: running…"), title)}
                    {step && <span className="ss-operation-step"> {_(step.title)}</span>}
                </>}
                {op.status === "succeeded" && format(_("$0: done"), title)}
                {op.status === "succeeded" && elsewhere &&
                    <span id="operation-elsewhere"> {_("(finished in another browser tab)")}</span>}
                {op.status === "succeeded" && op.found &&
                    <Button variant="link" isInline id="operation-close" onClick={() => { runner.dismiss(op.id); }}>{_("Close")}</Button>}
            </div>
            {op.problem &&
                <Alert variant="warning" isInline id="operation-problem" title={_("This page cannot follow the operation any further")}>
                    <p>{op.problem}</p>
                    <p>{_("It goes on on the host. Reload the page to pick it up again.")}</p>
                </Alert>}
            {op.status === "failed" &&
                <Alert variant="danger" isInline title={format(_("$0 failed"), title)}>
                    {failed && <p id="operation-failed-step">{format(_("The step that failed: $0"), stepText(failed))}</p>}
                    <p>{op.state.errorTemplate ? format(_(op.state.errorTemplate.template), ...op.state.errorTemplate.args) : op.state.error}</p>
                    {op.state.undone && <p id="operation-undone">{_("What had been done was undone: the host files were restored from the backup taken before it, and files written were put back.")}</p>}
                    {op.state.undoError && <p id="operation-undo-failed">{format(_("Undoing it failed too: $0"), op.state.undoError)}</p>}
                    {elsewhere && <p id="operation-elsewhere">{_("Another browser tab finished this operation.")}</p>}
                    {op.output && <pre className="ss-command-log ss-last-lines" tabIndex={0}>{lastLines(op.output, 5)}</pre>}
                    {showDismiss &&
                        <Button variant="link" isInline id="operation-dismiss" onClick={() => { runner.dismiss(op.id); }}>{_("Dismiss")}</Button>}
                </Alert>}
            {!op.op.systemd && op.status === "running" &&
                <Alert variant="warning" isInline isPlain title={_("This host has no systemd: closing the page stops this operation.")} />}
            {op.op.main >= 0 && <details open={op.status !== "failed"}>
                <summary>{_("Full output")}</summary>
                <div id="operation-log"><CommandLog text={op.output} /></div>
            </details>}
        </div>
    );
}
