// One row of the Images list, with the action its labels offer (Install… or Run…).
import { memo } from "preact/compat";
import { _, formatDate } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { actionLabels, brokenLabels } from "../core/actionLabels";
import { expansionContext } from "../core/expansion";
import { defaultName, findLabel } from "../core/labels";
import { shortId } from "../core/inventory";
import { ACTION_LABELS, type Container, type Image, type ServiceRecord } from "../core/model";
import { useDialogs } from "./dialogs";
import { InstallDialog } from "./InstallDialog";
import { go } from "./location";
import { MutatingButton } from "./MutatingButton";

export interface ImageRowProps {
    image: Image; name: string; engine: EngineName; containers: Container[]; records: ServiceRecord[];
}

// as the image's own page: Install… for INSTALL, Run… for RUN alone, nothing when a label does not parse
function RowAction({ image, name, engine, containers, records }: ImageRowProps) {
    const dialogs = useDialogs();
    const views = actionLabels(image, expansionContext({ name: defaultName(name), engine, image, imageRef: name, record: null }));
    const hasInstall = views.some(v => v.key === "INSTALL");
    if (!hasInstall && !views.some(v => v.key === "RUN"))
        return null;
    return (
        <MutatingButton variant="link" isInline className="ss-row-install" disabledReason={brokenLabels(views).length > 0 ? _("This image's labels cannot be used: its page says why.") : null}
                        onClick={() => dialogs.show(<InstallDialog image={image} engine={engine} containers={containers} records={records} />)}>
            {hasInstall ? _("Install…") : _("Run…")}
        </MutatingButton>
    );
}

export const ImageRow = memo(function ImageRow(props: ImageRowProps) {
    const { image, name } = props;
    return (
        <tr className="pf-v6-c-table__tr" data-image={name}>
            <td className="pf-v6-c-table__td" data-label={_("Image")}>
                <a href={`#/image/${image.id}`} onClick={e => { e.preventDefault(); go(["image", image.id]); }}>{name}</a>
            </td>
            <td className="pf-v6-c-table__td" data-label={_("Labels")}>
                {ACTION_LABELS.filter(l => findLabel(image.labels, l) !== undefined)
                        .map(l => <span key={l} className="ss-label">{l}</span>)}
            </td>
            <td className="pf-v6-c-table__td" data-label={_("ID")}><code>{shortId(image.id)}</code></td>
            <td className="pf-v6-c-table__td pf-m-nowrap" data-label={_("Created")}>{image.created ? formatDate(image.created * 1000) : ""}</td>
            <td className="pf-v6-c-table__td pf-m-fit-content ss-row-action" data-label={_("Action")}><RowAction {...props} /></td>
        </tr>
    );
});
