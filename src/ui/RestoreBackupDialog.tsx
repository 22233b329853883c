// Restore a backup: first what it will overwrite, recreate and remove, then exactly that, as an
// operation that backs up the files as they are now before it writes anything (app/restore.ts).
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { _, format, formatDate } from "../cockpit";
import { previewRestore, startRestore } from "../app/restore";
import { stampDate } from "../core/backupManifest";
import { useApp, useOperation } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { OperationPanel } from "./OperationPanel";
import { displayFileName } from "../core/fileNames";

function PathList({ id, title, paths }: { id: string; title: string; paths: string[] }) {
    if (paths.length === 0)
        return null;
    return (
        <div id={id}>
            <p>{title}</p>
            <ul className="ss-path-list">{paths.map(p => <li key={p}><code>/{displayFileName(p)}</code></li>)}</ul>
        </div>
    );
}

export function RestoreBackupDialog({ name, stamp }: { name: string; stamp: string }) {
    const dialogs = useDialogs();
    const app = useApp();
    const preview = usePromise(() => previewRestore(app, name, stamp), [name, stamp, app]);
    const [opId, setOpId] = useState<string | null>(null);
    const [startError, setStartError] = useState<Error | null>(null);
    const op = useOperation(opId);
    const done = op?.status === "succeeded";
    const busy = op?.status === "running";

    const changes = preview.value?.changes;
    const nothing = changes && changes.overwrite.length + changes.recreate.length + changes.remove.length === 0;
    const restore = () => {
        if (!preview.value)
            return;
        setStartError(null);
        startRestore(app, name, stamp, preview.value, new Date()).then(setOpId, setStartError);
    };
    const when = formatDate(stampDate(stamp), "dateTimeSeconds") || stamp;
    const error = preview.error ?? startError;

    return (
        <Modal id="restore-dialog" isOpen onClose={dialogs.close} variant="medium" aria-labelledby="restore-title">
            <ModalHeader title={format(_("Restore the backup of $0"), when)} labelId="restore-title" />
            <ModalBody>
                {preview.loading && <p>{_("Comparing the backup with the host…")}</p>}
                {changes && !opId && <>
                    {nothing && <p id="restore-nothing">{_("The host files are as in the backup: nothing to restore.")}</p>}
                    <PathList id="restore-overwrite" title={_("These will be overwritten with their saved content, mode and owner:")} paths={changes.overwrite} />
                    <PathList id="restore-recreate" title={_("These were deleted and will be put back:")} paths={changes.recreate} />
                    <PathList id="restore-remove" title={_("These were not there when the backup was taken and will be removed:")} paths={changes.remove} />
                    {!nothing && <p>{_("The files as they are now are backed up first, so this can be undone.")}</p>}
                </>}
                {op && !done && <OperationPanel op={op} />}
                {done && <p id="restore-done">{_("Restored: the listed host files are as in the backup.")}</p>}
                {error && <ErrorAlert title={_("Restoring failed")} error={error} />}
            </ModalBody>
            <ModalFooter>
                {!opId && <Button variant="danger" id="restore-submit" isDisabled={!changes || !!nothing} onClick={restore}>
                    {_("Restore")}
                </Button>}
                <Button variant={opId ? "primary" : "link"} id="restore-close" onClick={dialogs.close} isDisabled={busy}>
                    {opId ? _("Close") : _("Cancel")}
                </Button>
            </ModalFooter>
        </Modal>
    );
}
