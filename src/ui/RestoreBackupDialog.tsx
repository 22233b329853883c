// Restore a backup: first what it will overwrite, recreate and remove, then exactly that.
import { useEffect, useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Modal, ModalBody, ModalFooter, ModalHeader } from "@patternfly/react-core/dist/esm/components/Modal/index.js";
import { _, format } from "../cockpit";
import { stampDate } from "../core/backupManifest";
import { previewRestore, restoreBackup, type RestorePreview } from "../host/backups";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";

function PathList({ id, title, paths }: { id: string; title: string; paths: string[] }) {
    if (paths.length === 0)
        return null;
    return (
        <div id={id}>
            <p>{title}</p>
            <ul className="ss-path-list">{paths.map(p => <li key={p}><code>/{p}</code></li>)}</ul>
        </div>
    );
}

export function RestoreBackupDialog({ name, stamp, onDone }: { name: string; stamp: string; onDone: () => void }) {
    const dialogs = useDialogs();
    const [preview, setPreview] = useState<RestorePreview | null>(null);
    const [busy, setBusy] = useState(false);
    const [done, setDone] = useState(false);
    const [error, setError] = useState<Error | null>(null);

    useEffect(() => { previewRestore(name, stamp).then(setPreview, setError); }, [name, stamp]);

    const changes = preview?.changes;
    const nothing = changes && changes.overwrite.length + changes.recreate.length + changes.remove.length === 0;
    const restore = () => {
        setBusy(true);
        setError(null);
        restoreBackup(name, stamp)
                .then(() => { setDone(true); onDone(); }, setError)
                .finally(() => setBusy(false));
    };
    const when = stampDate(stamp)?.toLocaleString() ?? stamp;

    return (
        <Modal id="restore-dialog" isOpen onClose={dialogs.close} variant="medium" aria-labelledby="restore-title">
            <ModalHeader title={format(_("Restore the backup of $0"), when)} labelId="restore-title" />
            <ModalBody>
                {!preview && !error && <p>{_("Comparing the backup with the host…")}</p>}
                {changes && !done && <>
                    {nothing && <p id="restore-nothing">{_("The host files are as in the backup: nothing to restore.")}</p>}
                    <PathList id="restore-overwrite" title={_("These will be overwritten with their saved content, mode and owner:")} paths={changes.overwrite} />
                    <PathList id="restore-recreate" title={_("These were deleted and will be put back:")} paths={changes.recreate} />
                    <PathList id="restore-remove" title={_("These were not there when the backup was taken and will be removed:")} paths={changes.remove} />
                </>}
                {done && <p id="restore-done">{_("Restored: the listed host files are as in the backup.")}</p>}
                {error && <ErrorAlert title={_("Restoring failed")} error={error} />}
            </ModalBody>
            <ModalFooter>
                {!done && <Button variant="danger" id="restore-submit" isDisabled={!changes || !!nothing || busy} isLoading={busy} onClick={restore}>
                    {_("Restore")}
                </Button>}
                <Button variant={done ? "primary" : "link"} id="restore-close" onClick={dialogs.close}>{done ? _("Close") : _("Cancel")}</Button>
            </ModalFooter>
        </Modal>
    );
}
