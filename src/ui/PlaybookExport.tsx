// "Download playbook": the plan a dialog shows, as an Ansible playbook to run on many hosts
// (app/playbook.ts). For an install, where the hosts get the image: pulled, or loaded from an
// archive on the machine that runs ansible-playbook.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { ExpandableSection } from "@patternfly/react-core/dist/esm/components/ExpandableSection/index.js";
import { FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { Radio } from "@patternfly/react-core/dist/esm/components/Radio/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _ } from "../cockpit";
import type { ImageSource, PlaybookFile } from "../app/playbook";
import { isLocalReference } from "../core/imageRef";
import { useHostName } from "./access";
import { ErrorAlert } from "./ErrorAlert";

function download({ fileName, text }: PlaybookFile): void {
    const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PlaybookExport({ id, make, imageRef }: {
    id: string;
    /** the playbook now, exported from `host` (the host line's name), the hosts getting the image from `source` */
    make(source: ImageSource, host: string): PlaybookFile;
    /** the image the hosts need, pulled by this reference or loaded from an archive; null: none to get */
    imageRef: string | null;
}) {
    const host = useHostName();
    // a local reference cannot be pulled: an archive is the way
    const pullable = imageRef === null ? null : !isLocalReference(imageRef);
    const [open, setOpen] = useState(false);
    const [fromArchive, setFromArchive] = useState(!pullable);
    const [archive, setArchive] = useState("");
    const [error, setError] = useState<Error | null>(null);
    const source: ImageSource = fromArchive ? { kind: "archive", path: archive.trim() } : { kind: "pull" };
    const save = () => {
        setError(null);
        try {
            download(make(source, host));
        } catch (e) {
            setError(e instanceof Error ? e : new Error(String(e)));
        }
    };
    return (
        <ExpandableSection id={id} toggleText={_("Ansible playbook for other hosts")} isExpanded={open} onToggle={(_e, v) => setOpen(v)}>
            <p>{_("The same steps as a playbook: each command exactly as previewed, run only where it is still needed. A password is not written into it: the playbook reads it from a variable you pass (ansible-vault).")}</p>
            {pullable !== null &&
                <FormGroup role="radiogroup" isInline fieldId={`${id}-source`} label={_("Where the hosts get the image")}>
                    <Radio id={`${id}-pull`} name={`${id}-source`} label={_("Pull it")} isChecked={!fromArchive} onChange={() => setFromArchive(false)} />
                    <Radio id={`${id}-archive`} name={`${id}-source`} label={_("Load it from an archive")} isChecked={fromArchive} onChange={() => setFromArchive(true)} />
                </FormGroup>}
            {pullable !== null && fromArchive &&
                <FormGroup label={_("Archive on the machine that runs ansible-playbook")} fieldId={`${id}-archive-path`}>
                    <TextInput id={`${id}-archive-path`} value={archive} onChange={(_e, v) => setArchive(v)} placeholder="/srv/images/demo.tar" />
                </FormGroup>}
            <Button id={`${id}-download`} variant="secondary" onClick={save} isDisabled={pullable !== null && fromArchive && archive.trim() === ""}>
                {_("Download playbook")}
            </Button>
            {error && <ErrorAlert title={_("The playbook could not be made")} error={error} />}
        </ExpandableSection>
    );
}
