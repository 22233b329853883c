// Generate the unit that runs a service (or rewrite a legacy atomic one): shown and editable
// before it is written, written only if the file on disk is still as it was read.
// For an image without a record (RUN-only), writing the unit writes a record too, naming the
// unit, so the service appears under Services with its unit card, Update and Rollback.
import { useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Form, FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format } from "../cockpit";
import { prepareUnit, startUnitWrite, type UnitTarget } from "../app/unitWrite";
import { validateName } from "../core/labels";
import type { ServiceRecord } from "../core/model";
import { useApp, useOperation } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { go } from "./location";
import { OperationPanel } from "./OperationPanel";

export type { LegacyUnit } from "../app/unitWrite";

interface Props extends UnitTarget {
    records?: ServiceRecord[];     // to refuse a name that is taken, when there is no record yet
    defaultName: string;
}

export function GenerateUnitDialog({ records = [], defaultName, ...target }: Props) {
    const { record, legacy } = target;
    const dialogs = useDialogs();
    const app = useApp();
    const [name, setName] = useState(record?.name ?? defaultName);
    const [text, setText] = useState<string | null>(null);     // null: the generated text, unedited
    const [startError, setStartError] = useState<Error | null>(null);
    const [opId, setOpId] = useState<string | null>(null);
    const op = useOperation(opId);
    const nameProblem = validateName(name) ?? (!record && records.some(r => r.name === name)
        ? _("A service of this name is installed already.")
        : null);
    // the unit file is read once per name, when the dialog opens: a save then refuses to overwrite
    // what changed on disk since. A new listing of the same image or record must not read it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `target` (a new object on every render) left out, see above
    const prepared = usePromise(() => nameProblem ? null : prepareUnit(app, target, name), [name, nameProblem, app]);
    const generated = prepared.value?.generated ?? null;
    const disk = prepared.value?.disk ?? null;
    const content = text ?? generated?.content ?? "";
    const saving = op?.status === "running";
    const done = op?.status === "succeeded";
    const error = startError ?? prepared.error;
    const conflict = op?.state.errorProblem === "change-conflict";

    const save = () => {
        if (!prepared.value)
            return;
        setStartError(null);
        setOpId(null);
        startUnitWrite(app, target, name, prepared.value, content, new Date()).then(setOpId, setStartError);
    };

    const close = () => {
        // nothing was written: the refused write needs no record once the dialog is gone
        if (conflict && opId)
            app.runner.dismiss(opId);
        dialogs.close();
        if (done && !record && !legacy)
            go(["service", name]);
    };
    const title = legacy ? format(_("Rewrite $0 as a podman unit"), legacy.unit) : _("Generate a unit");

    return (
        <Modal id="generate-unit-dialog" isOpen onClose={close} variant="large" aria-labelledby="generate-unit-title">
            <ModalHeader title={title} labelId="generate-unit-title" />
            <ModalBody>
                <Form onSubmit={e => e.preventDefault()}>
                    {!record && !legacy &&
                        <FormGroup label={_("Service name")} fieldId="generate-unit-name" isRequired>
                            <TextInput id="generate-unit-name" value={name} isDisabled={saving || done}
                                       validated={nameProblem ? "error" : "default"}
                                       onChange={(_e, value) => setName(value)} />
                            {nameProblem && <p className="ss-field-error">{nameProblem}</p>}
                        </FormGroup>}
                    {generated && <>
                        <p>
                            {generated.flavor === "quadlet"
                                ? format(_("A Quadlet file for $0; systemd generates the unit from it."), generated.unit)
                                : format(_("A systemd unit for $0."), generated.unit)}
                            {" "}<code id="generate-unit-path">{generated.path}</code>
                        </p>
                        {generated.dropped.length > 0 &&
                            <p>{format(_("The unit decides these options of the RUN label itself: $0"), generated.dropped.join(", "))}</p>}
                        {disk?.content !== null && disk?.content !== undefined &&
                            <Alert variant="warning" isInline isPlain id="generate-unit-exists"
                                   title={_("This file exists; saving replaces it.")} />}
                        <FormGroup label={_("Unit file")} fieldId="generate-unit-text">
                            <span className="pf-v6-c-form-control pf-m-textarea pf-m-resize-vertical">
                                <textarea id="generate-unit-text" rows={18} spellcheck={false} value={content} disabled={saving || done}
                                          onInput={e => setText(e.currentTarget.value)} />
                            </span>
                        </FormGroup>
                    </>}
                </Form>
                {conflict && <Alert variant="danger" isInline id="generate-unit-conflict"
                                    title={_("The file changed on the host since this dialog opened")}>
                    {_("It was not overwritten, and your text is still here. Copy what you need, close the dialog and open it again to start from the file as it is now.")}
                </Alert>}
                {error && !conflict && <ErrorAlert title={_("The unit could not be written")} error={error} />}
                {op && op.status !== "succeeded" && !conflict && <OperationPanel op={op} />}
                {done && <Alert variant="success" isInline id="generate-unit-done"
                                title={format(_("$0 written; systemd reloaded."), generated?.path ?? "")} />}
            </ModalBody>
            <ModalFooter>
                {done
                    ? <Button variant="primary" id="generate-unit-close" onClick={close}>{_("Close")}</Button>
                    : <Button variant="primary" id="generate-unit-save" onClick={save}
                              isDisabled={!generated || !disk || !!nameProblem || saving || conflict} isLoading={saving}>
                        {_("Write the unit")}
                    </Button>}
                {!done && <Button variant="link" onClick={close}>{_("Cancel")}</Button>}
            </ModalFooter>
        </Modal>
    );
}
