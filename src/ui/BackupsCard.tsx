// The backups of a service's listed host files, newest first, each restorable after a preview.
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import { _, format, formatDate, ngettext } from "../cockpit";
import { BACKUPS_DIR, DEFAULT_KEEP, stampDate } from "../core/backupManifest";
import { useAccess } from "./access";
import { useApp, useOperations } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { MutatingButton } from "./MutatingButton";
import { RestoreBackupDialog } from "./RestoreBackupDialog";

const TD = "pf-v6-c-table__td";
const TH = "pf-v6-c-table__th";

export function BackupsCard({ name }: { name: string }) {
    const access = useAccess();
    const dialogs = useDialogs();
    const { host } = useApp();
    // operations of this service take and restore backups: list again when one ends
    const ended = useOperations().filter(op => op.op.service === name && op.status !== "running").length;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `ended` is not read: it makes the list be read again
    const listing = usePromise(() => access === "root" ? host.listBackups(name) : null, [name, access, ended, host]);
    const backups = listing.value ?? null;
    const error = listing.error;
    const load = listing.reload;

    return (
        <Card isCompact id="backups-card">
            <CardTitle>{_("Backups of the listed host files")}</CardTitle>
            <CardBody>
                <p>{format(_("Taken before each INSTALL, UNINSTALL and restore, in $0/$1; the newest $2 are kept."), BACKUPS_DIR, name, DEFAULT_KEEP)}</p>
                {error && <ErrorAlert title={_("The backups could not be listed")} error={error} />}
                {backups && backups.length === 0 && <p id="backups-none">{_("No backups yet.")}</p>}
                {backups && backups.length > 0 &&
                    <table className="pf-v6-c-table pf-m-compact" aria-label={_("Backups")} id="backups-table">
                        <thead className="pf-v6-c-table__thead"><tr className="pf-v6-c-table__tr">
                            <th className={TH}>{_("Taken")}</th>
                            <th className={TH}>{_("Contents")}</th>
                            <th className={TH}><span className="pf-v6-screen-reader">{_("Actions")}</span></th>
                        </tr></thead>
                        <tbody className="pf-v6-c-table__tbody">
                            {backups.map(b => (
                                <tr key={b.stamp} className="pf-v6-c-table__tr" data-backup={b.stamp}>
                                    <td className={TD}>{formatDate(stampDate(b.stamp), "dateTimeSeconds") || b.stamp}</td>
                                    <td className={TD}>
                                        {b.manifest
                                            ? format(_("$0 of $1"),
                                                     format(ngettext("$0 file or folder", "$0 files and folders", b.manifest.entries.length), b.manifest.entries.length),
                                                     format(ngettext("$0 listed path", "$0 listed paths", b.manifest.listed.length), b.manifest.listed.length))
                                            : b.error}
                                    </td>
                                    <td className={TD}>
                                        <MutatingButton variant="secondary" className="backup-restore" isDisabled={!b.manifest}
                                                        onClick={() => dialogs.show(<RestoreBackupDialog name={name} stamp={b.stamp} />)}>
                                            {_("Restore…")}
                                        </MutatingButton>
                                    </td>
                                </tr>
                            ))}
                        </tbody>
                    </table>}
                <Button variant="link" isInline id="backups-refresh" onClick={load}>{_("Refresh")}</Button>
            </CardBody>
        </Card>
    );
}
