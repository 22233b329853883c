// The host-data-list: on an image's page its own list, read-only; on a service's page this
// host's override, edited as a table, checked entry by entry against the host, and saved
// only if nobody changed it meanwhile.
import { useEffect, useMemo, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _, format, formatBytes, ngettext } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { saveList } from "../app/hostDataList";
import {
    diffHostDataList, hasErrors, parseHostDataList, typeMismatch, usablePaths, validateEntries,
    IMAGE_LIST_PATH, type EntryNote, type HostDataEntry, type PathStat,
} from "../core/hostDataList";
import type { Image } from "../core/model";
import { overridePath } from "../core/record";
import { useAccess } from "./access";
import { useApp, useOperation } from "./appContext";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { MutatingButton } from "./MutatingButton";
import { OperationPanel } from "./OperationPanel";

const TD = "pf-v6-c-table__td";
const TH = "pf-v6-c-table__th";

function noteLine(n: EntryNote, i: number) {
    return <div key={i} className={`ss-note ss-note-${n.level}`} data-note={n.code}>{format(_(n.template), ...n.args)}</div>;
}

function onHost(entry: HostDataEntry, stat: PathStat | undefined) {
    if (entry.path === null)
        return "";
    if (!stat)
        return "…";
    const mismatch = typeMismatch(entry.path, stat);
    const text = stat.type === "missing"
        ? _("missing")
        : stat.type === "directory"
            ? format(ngettext("folder, $0 file, $1", "folder, $0 files, $1", stat.files), stat.files, formatBytes(stat.size))
            : stat.type === "file" ? format(_("file, $0"), formatBytes(stat.size))
                : stat.type === "symlink" ? _("symbolic link") : _("special file");
    return <>{text}{mismatch && <div className="ss-note ss-note-warning">{_(mismatch)}</div>}</>;
}

const settle = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Type and size of each usable entry on the host, refreshed once the list stops changing. */
function useStats(paths: string[]): { stats: Map<string, PathStat>; error: Error | null } {
    const access = useAccess();
    const { host } = useApp();
    // the same paths in a new array are not read again
    const key = JSON.stringify(paths);
    const found = usePromise(() => access === "root" ? settle(300).then(() => host.statPaths(JSON.parse(key))) : null,
                             [key, access, host]);
    return { stats: found.value ?? new Map(), error: found.error };
}

/** The image's own list: undefined while it is read, null when the image has none. */
function useImageList(image: Image | null, engine: EngineName): { text: string | null | undefined; error: Error | null } {
    const access = useAccess();
    const { host } = useApp();
    const imageId = image?.id ?? null;
    const list = usePromise(() => imageId && access === "root" ? host.readImageList(engine, imageId) : null, [imageId, engine, access, host]);
    return { text: image ? list.value : null, error: list.error };
}

function ListTable({ entries, stats, defaults, editor }: {
    entries: HostDataEntry[]; stats: Map<string, PathStat>; defaults: string[] | null;
    editor?: { set(i: number, v: string): void; move(i: number, by: number): void; remove(i: number): void };
}) {
    const inDefaults = new Set(defaults ?? []);
    return (
        <table className="pf-v6-c-table pf-m-compact" aria-label={_("Host data list")} id="hdl-table">
            <thead className="pf-v6-c-table__thead"><tr className="pf-v6-c-table__tr">
                <th className={TH}>{_("Host path")}</th>
                <th className={TH}>{_("On this host")}</th>
                {defaults && editor && <th className={TH}>{_("Image's list")}</th>}
                {editor && <th className={TH}><span className="pf-v6-screen-reader">{_("Actions")}</span></th>}
            </tr></thead>
            <tbody className="pf-v6-c-table__tbody">
                {entries.map((e, i) => (
                    <tr key={i} className="pf-v6-c-table__tr" data-entry={e.path ?? ""} data-entry-index={i}
                        data-valid={e.notes.some(n => n.level === "error") ? "false" : "true"}>
                        <td className={TD}>
                            {editor
                                ? <TextInput id={`hdl-entry-${i}`} value={e.raw} aria-label={format(_("Entry $0"), i + 1)}
                                             validated={e.notes.some(n => n.level === "error") ? "error" : "default"}
                                             onChange={(_e, v) => editor.set(i, v)} />
                                : <code>{e.raw}</code>}
                            {e.notes.map(noteLine)}
                        </td>
                        <td className={TD} data-host={e.path !== null ? stats.get(e.path)?.type ?? "" : ""}>{onHost(e, e.path !== null ? stats.get(e.path) : undefined)}</td>
                        {defaults && editor && <td className={TD}>{e.path !== null && !inDefaults.has(e.path) ? _("added") : ""}</td>}
                        {editor && <td className={TD}>
                            <Button variant="plain" aria-label={_("Move up")} title={_("Move up")} isDisabled={i === 0} onClick={() => editor.move(i, -1)}>↑</Button>
                            <Button variant="plain" aria-label={_("Move down")} title={_("Move down")} isDisabled={i === entries.length - 1} onClick={() => editor.move(i, 1)}>↓</Button>
                            <Button variant="plain" aria-label={_("Remove")} title={_("Remove")} className="hdl-remove" onClick={() => editor.remove(i)}>✕</Button>
                        </td>}
                    </tr>
                ))}
            </tbody>
        </table>
    );
}

/** The image's own list, read-only (image page). */
export function ImageHostDataList({ image, engine }: { image: Image; engine: EngineName }) {
    const { text, error } = useImageList(image, engine);
    const entries = useMemo(() => (text ? parseHostDataList(text) : []), [text]);
    const { stats } = useStats(usablePaths(entries));
    return (
        <Card isCompact id="host-data-list-card" data-source="image">
            <CardTitle>{format(_("Host files INSTALL copies ($0)"), IMAGE_LIST_PATH)}</CardTitle>
            <CardBody>
                {error && <ErrorAlert title={_("The image's list could not be read")} error={error} />}
                {text === undefined && !error && <p>{_("Reading the image's list…")}</p>}
                {text === null && <p id="hdl-none">{_("This image has no host-data-list: INSTALL copies no listed host files.")}</p>}
                {text && <ListTable entries={entries} stats={stats} defaults={null} />}
            </CardBody>
        </Card>
    );
}

/** This host's override for a service, edited (service page). */
export function HostDataListCard({ name, image, engine }: { name: string; image: Image | null; engine: EngineName }) {
    const access = useAccess();
    const app = useApp();
    const { text: defaultText, error: defaultError } = useImageList(image, engine);
    const [rows, setRows] = useState<string[] | null>(null);
    const [opId, setOpId] = useState<string | null>(null);
    const [startError, setStartError] = useState<Error | null>(null);
    const op = useOperation(opId);
    const loaded = usePromise(() => access === "root" ? app.host.readOverride(name) : null, [name, access, app]);
    const reloadOverride = loaded.reload;
    const file = loaded.value ?? null;
    const busy = op?.status === "running";
    const conflict = op?.state.errorProblem === "change-conflict";
    const saved = op?.status === "succeeded";
    const error = startError ?? loaded.error;

    // once saved, the file is read again: its new text and tag
    useEffect(() => {
        if (saved) {
            setRows(null);
            reloadOverride();
        }
    }, [saved, reloadOverride]);
    const load = () => {
        if (opId)
            app.runner.dismiss(opId);
        setOpId(null);
        setRows(null);
        loaded.reload();
    };

    const defaults = defaultText ? usablePaths(parseHostDataList(defaultText)) : defaultText === null ? [] : null;
    const fromFile = file?.content != null ? parseHostDataList(file.content).map(e => e.raw) : defaults;
    const current = rows ?? fromFile ?? [];
    // validated again when an entry changes, not on every render ([] and [""] differ)
    const currentKey = JSON.stringify(current);
    const entries = useMemo(() => validateEntries(JSON.parse(currentKey)), [currentKey]);
    const paths = usablePaths(entries);
    const { stats, error: statError } = useStats(paths);
    const diff = defaults ? diffHostDataList(defaults, paths) : null;
    const dirty = rows !== null;

    const edit = (next: string[]) => { setRows(next); setOpId(null); };
    const editor = {
        set: (i: number, v: string) => edit(current.map((r, j) => (j === i ? v : r))),
        move: (i: number, by: number) => {
            const next = [...current];
            [next[i], next[i + by]] = [next[i + by], next[i]];
            edit(next);
        },
        remove: (i: number) => edit(current.filter((_r, j) => j !== i)),
    };

    const save = () => {
        if (!file)
            return;
        setStartError(null);
        saveList(app, name, entries, defaults, file.tag).then(setOpId, setStartError);
    };

    const source = file?.content != null ? "override" : "image";
    return (
        <Card isCompact id="host-data-list-card" data-source={source} data-dirty={dirty ? "true" : "false"}>
            <CardTitle>{_("Host files INSTALL and UNINSTALL copy")}</CardTitle>
            <CardBody>
                <p id="hdl-source">
                    {source === "override"
                        ? format(_("This host's list, $0, is mounted over the image's $1."), overridePath(name), IMAGE_LIST_PATH)
                        : format(_("The image's own list ($0) applies. Saving a change here makes it this host's list."), IMAGE_LIST_PATH)}
                </p>
                {defaultError && <ErrorAlert title={_("The image's list could not be read")} error={defaultError} />}
                {file && <ListTable entries={entries} stats={stats} defaults={defaults} editor={editor} />}
                {statError && <ErrorAlert title={_("The listed paths could not be checked on this host")} error={statError} />}
                {diff && diff.removed.length > 0 &&
                    <p id="hdl-removed">{format(_("Left out of the image's list: $0"), diff.removed.join(", "))}</p>}
                {diff && diff.reordered && <p id="hdl-reordered">{_("The order differs from the image's list.")}</p>}
                {conflict &&
                    <Alert variant="danger" isInline id="hdl-conflict" title={_("The list was changed elsewhere")}>
                        <p>{_("Someone changed this list (in another tab or on the host) since it was loaded here. Your changes were not saved.")}</p>
                        <Button variant="link" isInline id="hdl-reload" onClick={load}>{_("Load the current list (discards your changes)")}</Button>
                    </Alert>}
                {error && <ErrorAlert title={_("The list could not be saved")} error={error} />}
                {op?.status === "failed" && !conflict && <OperationPanel op={op} />}
                {saved && !dirty && <p id="hdl-saved">{_("Saved. The next INSTALL or UNINSTALL uses this list.")}</p>}
                <div className="ss-actions">
                    <MutatingButton id="hdl-add" variant="secondary" isDisabled={!file} onClick={() => edit([...current, ""])}>{_("Add entry")}</MutatingButton>
                    <MutatingButton id="hdl-reset" variant="secondary" isDisabled={!file || !defaults}
                                    onClick={() => defaults && edit([...defaults])}>{_("Reset to the image's list")}</MutatingButton>
                    <MutatingButton id="hdl-save" variant="primary" isDisabled={!file || !dirty || busy || hasErrors(entries)}
                                    isLoading={busy} onClick={save}>{_("Save")}</MutatingButton>
                    {dirty && <Button variant="link" id="hdl-revert" onClick={() => setRows(null)}>{_("Discard changes")}</Button>}
                </div>
            </CardBody>
        </Card>
    );
}
