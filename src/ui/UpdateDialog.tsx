// Update a service to the image its reference names now, or roll back to the previous one:
// the steps first, then the operation (app/update.ts), then the image IDs before and after
// and the image the container runs afterwards.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { _, format } from "../cockpit";
import { imageChangePlan, imageSwitchOf, startImageChange } from "../app/update";
import type { EngineName } from "../core/engineVersion";
import { shortId } from "../core/inventory";
import type { Image, ServiceRecord } from "../core/model";
import { useApp, useOperation } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { OperationPanel } from "./OperationPanel";
import { PlanPreview } from "./PlanPreview";
import { PlaybookExport } from "./PlaybookExport";
import { updatePlaybook } from "../app/playbook";

export function UpdateDialog({ record, image, engine, mode }: {
    record: ServiceRecord; image: Image | null; engine: EngineName; mode: "update" | "rollback";
}) {
    const dialogs = useDialogs();
    const app = useApp();
    const [opId, setOpId] = useState<string | null>(null);
    const [starting, setStarting] = useState(false);
    const [error, setError] = useState<Error | null>(null);
    const op = useOperation(opId);
    const result = imageSwitchOf(op);
    const plan = imageChangePlan(mode, record, image, engine);
    const id = `${mode}-dialog`;

    const start = () => {
        if (plan.kind !== "steps")
            return;
        setError(null);
        setStarting(true);
        startImageChange(app, mode, record, plan).then(setOpId, setError).finally(() => setStarting(false));
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
                {!opId && plan.kind === "steps" && <PlanPreview id={`${id}-preview`} plan={plan} />}
                {!opId && plan.kind === "steps" && mode === "update" &&
                    <PlaybookExport id="update-playbook" imageRef={record.image}
                                    make={(source, host) => updatePlaybook(plan, record, engine, source, host)} />}
                {plan.kind === "refused" && <ErrorAlert title={_("This cannot be done")} error={new Error(_(plan.reason))} />}
                {result === "unchanged" && <p id="image-switch" data-changed="false">{_("The image is unchanged: nothing to do.")}</p>}
                {result && result !== "unchanged" &&
                    <p id="image-switch" data-changed="true" data-before={result.before} data-after={result.after}
                       data-running={result.running ?? ""}>
                        {format(_("Image $0 → $1."), shortId(result.before), shortId(result.after))}{" "}
                        {result.unitStopped
                            ? _("The unit was not running; it starts on the new image next time.")
                            : format(_("The container runs $0."), result.running ? shortId(result.running) : _("nothing"))}
                    </p>}
                {error && <ErrorAlert title={_("The operation could not be started")} error={error} />}
                {op && <OperationPanel op={op} />}
            </ModalBody>
            <ModalFooter>
                {opId
                    ? <Button variant="primary" id={`${id}-close`} onClick={dialogs.close}>{_("Close")}</Button>
                    : <Button variant="primary" id={`${id}-submit`} onClick={start} isDisabled={plan.kind !== "steps" || starting} isLoading={starting}>
                        {mode === "update" ? _("Update") : _("Roll back")}
                    </Button>}
                {!opId && <Button variant="link" onClick={dialogs.close}>{_("Cancel")}</Button>}
            </ModalFooter>
        </Modal>
    );
}
