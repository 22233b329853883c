// Generate the unit that runs a service (or rewrite a legacy atomic one): shown and editable
// before it is written, written only if the file on disk is still as it was read.
// For an image without a record (RUN-only), writing the unit writes a record too, naming the
// unit, so the service appears under Services with its unit card, Update and Rollback.
import { useEffect, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Form, FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { validateName } from "../core/labels";
import type { Image, ServiceRecord } from "../core/model";
import { newRecord } from "../core/record";
import { CoreError } from "../core/text";
import { generateUnit, regenerateLegacyUnit, runArgvFor, type GeneratedUnit } from "../core/unitGen";
import { writeRecord } from "../host/records";
import { ChangeConflict, readUnitFile, unitFlavor, writeUnitFile } from "../host/unitFiles";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { go } from "./location";

export interface LegacyUnit { unit: string; path: string; text: string; container: string }

interface Props {
    engine: EngineName;
    image: Image | null;           // for its RUN label
    imageRef: string;
    /** The service's record; null for an image without one (a record is written with the unit). */
    record: ServiceRecord | null;
    records?: ServiceRecord[];     // to refuse a name that is taken, when there is no record yet
    legacy?: LegacyUnit;
    defaultName: string;
}

// core's messages (CoreError) are translated here; host errors carry the tools' own words
function errorOf(e: unknown): Error {
    if (e instanceof CoreError)
        return new Error(format(_(e.template), ...e.args));
    return e instanceof Error ? e : new Error(String(e));
}

export function GenerateUnitDialog({ engine, image, imageRef, record, records = [], legacy, defaultName }: Props) {
    const dialogs = useDialogs();
    const [name, setName] = useState(record?.name ?? defaultName);
    const [generated, setGenerated] = useState<GeneratedUnit | null>(null);
    const [text, setText] = useState("");
    const [edited, setEdited] = useState(false);
    const [disk, setDisk] = useState<{ content: string | null; tag: string } | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const [saving, setSaving] = useState(false);
    const [done, setDone] = useState(false);
    const nameProblem = validateName(name) ?? (!record && records.some(r => r.name === name)
        ? _("A service of this name is installed already.")
        : null);

    useEffect(() => {
        if (nameProblem)
            return;
        let alive = true;
        setDisk(null);
        setError(null);
        (async () => {
            const runArgv = runArgvFor(image?.labels ?? {}, {
                name, image: imageRef, engine, opts: record?.options, extraArgs: record?.extraArgs,
            });
            const unit = legacy
                ? regenerateLegacyUnit(legacy.text, legacy.path, { name, engine, runArgv })
                : generateUnit({ name, engine, runArgv }, await unitFlavor(engine));
            const read = await readUnitFile(unit.path);
            if (!alive)
                return;
            setGenerated(unit);
            setDisk(read);
            if (!edited)
                setText(unit.content);
        })().catch(e => alive && setError(errorOf(e)));
        return () => { alive = false; };
    }, [name]);

    const save = async () => {
        if (!generated || !disk)
            return;
        setSaving(true);
        setError(null);
        try {
            await writeUnitFile(generated.path, text, disk.tag);
            if (record)
                await writeRecord({ ...record, unit: generated.unit });
            else if (image)
                await writeRecord(newRecord({ name, image: imageRef, imageId: image.id, engine, unit: generated.unit }, new Date()));
            setDone(true);
        } catch (e) {
            setError(errorOf(e));
        } finally {
            setSaving(false);
        }
    };

    const close = () => {
        dialogs.close();
        if (done && !record && !legacy)
            go(["service", name]);
    };
    const conflict = error instanceof ChangeConflict;
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
                                <textarea id="generate-unit-text" rows={18} spellcheck={false} value={text} disabled={saving || done}
                                          onInput={e => { setText(e.currentTarget.value); setEdited(true); }} />
                            </span>
                        </FormGroup>
                    </>}
                </Form>
                {conflict && <Alert variant="danger" isInline id="generate-unit-conflict"
                                    title={_("The file changed on the host since this dialog opened")}>
                    {_("It was not overwritten, and your text is still here. Copy what you need, close the dialog and open it again to start from the file as it is now.")}
                </Alert>}
                {error && !conflict && <ErrorAlert title={_("The unit could not be written")} error={error} />}
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
