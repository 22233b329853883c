// An operation's status and its output as it streams from the journal.
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _, format } from "../cockpit";
import { CommandLog } from "./CommandLog";
import { useOperations, type TrackedOperation } from "./operations";

function lastLines(text: string, n: number): string {
    return text.trimEnd().split("\n").slice(-n).join("\n");
}

export function OperationPanel({ op, showDismiss = true }: { op: TrackedOperation; showDismiss?: boolean }) {
    const ops = useOperations();
    const state = op.status === "running" || (op.status === "succeeded" && op.completion === "pending")
        ? "running"
        : op.status === "failed" || op.completion === "failed" ? "failed" : "succeeded";
    return (
        <div className="ss-operation" data-operation={op.key} data-status={state} id="operation">
            <div id="operation-status" data-status={state} className="ss-operation-status">
                {state === "running" && <><Spinner size="md" aria-label={_("Running")} /> {format(_("$0: running…"), op.spec.title)}</>}
                {state === "succeeded" && format(_("$0: done"), op.spec.title)}
                {state === "succeeded" && op.found &&
                    <Button variant="link" isInline id="operation-close" onClick={() => ops.dismiss(op.key)}>{_("Close")}</Button>}
            </div>
            {state === "failed" &&
                <Alert variant="danger" isInline title={format(_("$0 failed"), op.spec.title)}>
                    <p>{op.completionError ?? op.detail}</p>
                    {op.undone && <p id="operation-undone">{_("What the command changed was undone: the host files were restored from the backup taken before it.")}</p>}
                    {op.output && <pre className="ss-command-log ss-last-lines">{lastLines(op.output, 5)}</pre>}
                    {showDismiss && op.unit &&
                        <Button variant="link" isInline id="operation-dismiss" onClick={() => ops.dismiss(op.key)}>{_("Dismiss")}</Button>}
                </Alert>}
            {!op.unit && state === "running" &&
                <Alert variant="warning" isInline isPlain title={_("This host has no systemd: closing the page stops this operation.")} />}
            <details open={state !== "failed"}>
                <summary>{_("Full output")}</summary>
                <div id="operation-log"><CommandLog text={op.output} /></div>
            </details>
        </div>
    );
}
