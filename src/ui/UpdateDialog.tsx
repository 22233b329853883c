// Update a service to the image its reference names now, or roll back to the previous one.
// Both show the image IDs before and after, and the image the container runs afterwards.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { _, format } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { shortId } from "../core/inventory";
import type { Image, ServiceRecord } from "../core/model";
import { runArgvFor } from "../core/unitGen";
import { rollbackService, updateService, type ImageSwitch } from "../host/update";
import { CommandLog } from "./CommandLog";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";

export function UpdateDialog({ record, image, engine, mode }: {
    record: ServiceRecord; image: Image | null; engine: EngineName; mode: "update" | "rollback";
}) {
    const dialogs = useDialogs();
    const [running, setRunning] = useState(false);
    const [output, setOutput] = useState("");
    const [result, setResult] = useState<ImageSwitch | "unchanged" | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const id = `${mode}-dialog`;

    const start = () => {
        setRunning(true);
        setError(null);
        setOutput("");
        const log = (text: string) => setOutput(o => o + text);
        // without a unit the container is recreated by the RUN label; with one, the unit recreates it
        const runArgv = record.unit ? null : runArgvFor(image?.labels ?? {}, {
            name: record.name, image: record.image, engine, opts: record.options, extraArgs: record.extraArgs,
        });
        const action = mode === "update"
            ? updateService(record, engine, runArgv, log)
            : rollbackService(record, engine, runArgv, log);
        action.then(r => setResult(r ?? "unchanged"), e => setError(e instanceof Error ? e : new Error(String(e))))
                .finally(() => setRunning(false));
    };

    const title = mode === "update" ? format(_("Update $0"), record.name) : format(_("Roll back $0"), record.name);
    return (
        <Modal id={id} isOpen onClose={dialogs.close} variant="medium" aria-labelledby={`${id}-title`}>
            <ModalHeader title={title} labelId={`${id}-title`} />
            <ModalBody>
                <p>{mode === "update"
                    ? format(_("Looks up $0 again (pulling it from its registry), and when it names another image, recreates the container on it and restarts the unit."), record.image)
                    : format(_("Tags the previous image as $0 again, recreates the container on it and restarts the unit."), record.image)}</p>
                <p>
                    {_("Image now:")} <code id={`${id}-current`}>{shortId(record.imageId)}</code>
                    {mode === "rollback" && record.previousImageId &&
                        <> · {_("Back to:")} <code>{shortId(record.previousImageId)}</code></>}
                </p>
                {result === "unchanged" && <p id="image-switch" data-changed="false">{_("The image is unchanged: nothing to do.")}</p>}
                {result && result !== "unchanged" &&
                    <p id="image-switch" data-changed="true" data-before={result.before} data-after={result.after}
                       data-running={result.running ?? ""}>
                        {format(_("Image $0 → $1."), shortId(result.before), shortId(result.after))}{" "}
                        {result.unitStopped
                            ? _("The unit was not running; it starts on the new image next time.")
                            : format(_("The container runs $0."), result.running ? shortId(result.running) : _("nothing"))}
                    </p>}
                {error && <ErrorAlert title={mode === "update" ? _("Updating failed") : _("Rolling back failed")} error={error} output={output} />}
                {(running || output) && <CommandLog text={output} />}
            </ModalBody>
            <ModalFooter>
                {result
                    ? <Button variant="primary" id={`${id}-close`} onClick={dialogs.close}>{_("Close")}</Button>
                    : <Button variant="primary" id={`${id}-submit`} onClick={start} isDisabled={running} isLoading={running}>
                        {mode === "update" ? _("Update") : _("Roll back")}
                    </Button>}
                {!result && <Button variant="link" onClick={dialogs.close}>{_("Cancel")}</Button>}
            </ModalFooter>
        </Modal>
    );
}
