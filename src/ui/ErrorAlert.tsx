// A failure in words, with the raw output one click away.
import { useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { _, format, type HostError } from "../cockpit";
import { CoreError } from "../core/text";

/** The error's message in the page's language: core's messages are templates (CoreError). */
export function errorMessage(error: Error): string {
    return error instanceof CoreError ? format(_(error.template), ...error.args) : error.message;
}

export function ErrorAlert({ title, error, output }: { title: string; error: HostError | Error; output?: string }) {
    const [open, setOpen] = useState(false);
    const raw = [output, "details" in error ? error.details : ""].filter(Boolean).join("\n");
    const status = "exitStatus" in error && error.exitStatus !== null ? format(_("Exit status $0."), error.exitStatus) : "";
    return (
        <Alert variant="danger" isInline title={title} className="ss-error">
            <p>{errorMessage(error)} {status}</p>
            {raw && <Button variant="link" isInline onClick={() => setOpen(!open)}>
                {open ? _("Hide the full output") : _("Show the full output")}
            </Button>}
            {open && <pre className="ss-command-log" tabIndex={0}>{raw}</pre>}
        </Alert>
    );
}
