// Pull an image by reference, with the engine's progress streamed.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Form, FormGroup, FormHelperText } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { HelperText, HelperTextItem } from "@patternfly/react-core/dist/esm/components/HelperText/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _ } from "../cockpit";
import { asError } from "../app/errors";
import { validateImageReference } from "../core/imageRef";
import type { EngineName } from "../core/engineVersion";
import { useApp } from "./appContext";
import { useDialogs } from "./dialogs";
import { CommandLog } from "./CommandLog";
import { ErrorAlert } from "./ErrorAlert";

export function PullImageDialog({ engine }: { engine: EngineName }) {
    const dialogs = useDialogs();
    const { host } = useApp();
    const [ref, setRef] = useState("");
    const [touched, setTouched] = useState(false);
    const [output, setOutput] = useState("");
    const [running, setRunning] = useState<{ cancel(): void } | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const [done, setDone] = useState(false);
    const invalid = validateImageReference(ref);

    const pull = () => {
        setError(null);
        setOutput("");
        const cmd = host.pullImage(engine, ref, text => setOutput(o => o + text));
        setRunning(cmd);
        cmd.done.then(() => setDone(true), e => setError(asError(e))).finally(() => setRunning(null));
    };

    const close = () => {
        running?.cancel();
        dialogs.close();
    };

    return (
        <Modal id="pull-image-dialog" isOpen onClose={close} variant="medium" aria-labelledby="pull-image-title">
            <ModalHeader title={_("Pull image")} labelId="pull-image-title" />
            <ModalBody>
                <Form onSubmit={e => { e.preventDefault(); if (!invalid && !running) pull(); }}>
                    <FormGroup label={_("Image reference")} fieldId="pull-image-ref" isRequired>
                        <TextInput id="pull-image-ref" value={ref} isDisabled={!!running}
                                   onChange={(_e, value) => { setRef(value); setTouched(true); }}
                                   validated={touched && invalid ? "error" : "default"} />
                        <FormHelperText>
                            <HelperText>
                                <HelperTextItem variant={touched && invalid ? "error" : "default"}>
                                    {touched && invalid ? _(invalid) : _("For example registry.example.com/team/sssd:latest")}
                                </HelperTextItem>
                            </HelperText>
                        </FormHelperText>
                    </FormGroup>
                </Form>
                {error && <ErrorAlert title={_("Pulling the image failed")} error={error} output={output} />}
                {(running || output) && <CommandLog text={output} />}
            </ModalBody>
            <ModalFooter>
                {done
                    ? <Button variant="primary" onClick={close}>{_("Close")}</Button>
                    : <Button variant="primary" id="pull-image-submit" onClick={pull}
                              isDisabled={!!invalid || !!running} isLoading={!!running}>
                        {_("Pull")}
                    </Button>}
                {!done && <Button variant="link" onClick={close}>{_("Cancel")}</Button>}
            </ModalFooter>
        </Modal>
    );
}
