// Images that carry INSTALL/RUN/STOP/UNINSTALL labels; the others behind a filter.
import { useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { Label } from "@patternfly/react-core/dist/esm/components/Label/index.js";
import { _, format } from "../cockpit";
import { ACTION_LABELS, type Image } from "../core/model";
import { findLabel } from "../core/labels";
import { imageDisplayName, isSystemImage, shortId } from "../core/inventory";
import { useAccess } from "./access";
import { go } from "./location";

function formatDate(seconds: number): string {
    return seconds ? new Date(seconds * 1000).toLocaleString() : "";
}

export function ImagesView({ images }: { images: Image[] }) {
    const [showAll, setShowAll] = useState(false);
    const system = images.filter(isSystemImage);
    const shown = showAll ? images : system;
    const access = useAccess();
    return (
        <section id="images-view">
            {access === "none" &&
                <Alert variant="info" isInline isPlain id="images-limited"
                       title={_("Without administrative access these are your own user's images. The host's system images are root's: turn on administrative access to see them.")} />}
            <div className="ss-toolbar">
                <Checkbox id="images-show-all" label={format(_("Show images without system service labels ($0)"), images.length - system.length)}
                          isChecked={showAll} onChange={(_e, v) => setShowAll(v)} />
            </div>
            {shown.length === 0
                ? <EmptyState headingLevel="h2" titleText={_("No system container images")} id="images-empty">
                    <EmptyStateBody>{_("Pull an image whose labels say how to install and run it, for example an SSSD system container.")}</EmptyStateBody>
                </EmptyState>
                : <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" role="grid" aria-label={_("Images")}>
                    <thead className="pf-v6-c-table__thead">
                        <tr className="pf-v6-c-table__tr">
                            <th className="pf-v6-c-table__th">{_("Image")}</th>
                            <th className="pf-v6-c-table__th">{_("Labels")}</th>
                            <th className="pf-v6-c-table__th">{_("ID")}</th>
                            <th className="pf-v6-c-table__th">{_("Created")}</th>
                        </tr>
                    </thead>
                    <tbody className="pf-v6-c-table__tbody">
                        {shown.map(image => (
                            <tr key={image.id} className="pf-v6-c-table__tr" data-image={imageDisplayName(image)}>
                                <td className="pf-v6-c-table__td" data-label={_("Image")}>
                                    <a href={`#/image/${image.id}`} onClick={e => { e.preventDefault(); go(["image", image.id]); }}>
                                        {imageDisplayName(image)}
                                    </a>
                                </td>
                                <td className="pf-v6-c-table__td" data-label={_("Labels")}>
                                    {ACTION_LABELS.filter(l => findLabel(image.labels, l) !== undefined)
                                            .map(l => <Label key={l} isCompact className="ss-label">{l}</Label>)}
                                </td>
                                <td className="pf-v6-c-table__td" data-label={_("ID")}><code>{shortId(image.id)}</code></td>
                                <td className="pf-v6-c-table__td" data-label={_("Created")}>{formatDate(image.created)}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>}
        </section>
    );
}
