// One image: what it is, its action labels raw and expanded, its mounts and its containers.
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core/dist/esm/components/Breadcrumb/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import {
    DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm,
} from "@patternfly/react-core/dist/esm/components/DescriptionList/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, format, formatDate } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { actionLabels, brokenLabels } from "../core/actionLabels";
import { expansionContext } from "../core/expansion";
import { defaultName } from "../core/labels";
import { imageDisplayName, imageInfo } from "../core/inventory";
import type { Container, Image, ServiceRecord } from "../core/model";
import { CommandPreview } from "./CommandPreview";
import { useDialogs } from "./dialogs";
import { GenerateUnitDialog } from "./GenerateUnitDialog";
import { InstallDialog } from "./InstallDialog";
import { EnrollDialog } from "./EnrollDialog";
import { enrollSupport } from "../core/enroll";
import { go } from "./location";
import { MutatingButton } from "./MutatingButton";
import { ImageHostDataList } from "./HostDataListCard";

function Row({ term, children }: { term: string; children: preact.ComponentChildren }) {
    return (
        <DescriptionListGroup>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription>{children}</DescriptionListDescription>
        </DescriptionListGroup>
    );
}

export function ImageDetails({ image, containers, records, engine }: {
    image: Image; containers: Container[]; records: ServiceRecord[]; engine: EngineName;
}) {
    const dialogs = useDialogs();
    const ref = imageDisplayName(image);
    const name = defaultName(ref);
    const views = actionLabels(image, expansionContext({ name, engine, image, imageRef: ref, record: null }));
    const broken = brokenLabels(views);
    const unusable = broken.length > 0 ? _("This image's labels cannot be used") : null;
    const info = imageInfo(image);
    const mine = containers.filter(c => c.imageId === image.id);
    const mounts = views.flatMap(v => v.mounts.map(m => ({ ...m, label: v.key })));
    const hasInstall = views.some(v => v.key === "INSTALL");

    return (
        <section id="image-details" data-image={ref}>
            <Breadcrumb>
                <BreadcrumbItem to="#/images" onClick={e => { e.preventDefault(); go(["images"]); }}>{_("Images")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{ref}</BreadcrumbItem>
            </Breadcrumb>
            <div className="ss-title-row">
                <Title headingLevel="h2">{info.title ?? ref}</Title>
                <MutatingButton variant="primary" id="image-install" disabledReason={unusable}
                                onClick={() => dialogs.show(<InstallDialog image={image} engine={engine} containers={containers} records={records} />)}>
                    {hasInstall ? _("Install…") : _("Run…")}
                </MutatingButton>
                {hasInstall && enrollSupport(image.labels).modes.length > 0 && broken.length === 0 &&
                    <MutatingButton variant="secondary" id="image-enroll"
                                    onClick={() => dialogs.show(<EnrollDialog image={image} images={[image]} engine={engine} containers={containers} records={records} />)}>
                        {_("Join a domain…")}
                    </MutatingButton>}
                {!hasInstall && views.some(v => v.key === "RUN") &&
                    <MutatingButton variant="secondary" id="image-generate-unit" disabledReason={unusable}
                                    onClick={() => dialogs.show(<GenerateUnitDialog engine={engine} image={image} imageRef={ref} record={null}
                                                                                    records={records} defaultName={name} />)}>
                        {_("Generate a unit…")}
                    </MutatingButton>}
            </div>
            {broken.length > 0 &&
                <Alert variant="danger" isInline id="label-error" title={_("This image's labels cannot be used")}>
                    {broken.map(v => <p key={v.key}>{format(_("The $0 label does not parse: $1"), v.key, v.error ?? "")}</p>)}
                    <p>{_("No action is offered for it. Ask the image's author to fix the label.")}</p>
                </Alert>}
            <Card isCompact>
                <CardBody>
                    <DescriptionList isHorizontal isCompact>
                        {info.description && <Row term={_("Description")}>{info.description}</Row>}
                        {info.version && <Row term={_("Version")}>{info.version}</Row>}
                        <Row term={_("Image ID")}><code>{image.id}</code></Row>
                        <Row term={_("Created")}>{image.created ? formatDate(image.created * 1000) : "—"}</Row>
                        <Row term={_("Names")}>{image.names.join(", ") || "—"}</Row>
                    </DescriptionList>
                </CardBody>
            </Card>
            <Card isCompact>
                <CardTitle>{format(_("Labels, expanded for the name “$0”"), name)}</CardTitle>
                <CardBody>
                    {views.length === 0 && <p>{_("This image has no INSTALL, RUN, STOP or UNINSTALL label.")}</p>}
                    {views.map(v => (
                        <div key={v.key} className="ss-label-view" data-label={v.key}>
                            <Title headingLevel="h3" size="md">{v.key}</Title>
                            <pre className="ss-command ss-raw" aria-label={format(_("$0 label as written"), v.key)}>{v.raw}</pre>
                            {v.argv
                                ? <CommandPreview argv={v.argv} unknownVariables={v.unknownVariables} warnings={v.warnings} />
                                : <Alert variant="danger" isInline isPlain title={v.error ?? ""} />}
                        </div>
                    ))}
                </CardBody>
            </Card>
            {mounts.length > 0 && <Card isCompact>
                <CardTitle>{_("Host paths the service mounts")}</CardTitle>
                <CardBody>
                    <table className="pf-v6-c-table pf-m-compact" aria-label={_("Mounts")} id="image-mounts">
                        <thead className="pf-v6-c-table__thead"><tr className="pf-v6-c-table__tr">
                            <th className="pf-v6-c-table__th">{_("Label")}</th>
                            <th className="pf-v6-c-table__th">{_("Host path")}</th>
                            <th className="pf-v6-c-table__th">{_("In the container")}</th>
                            <th className="pf-v6-c-table__th">{_("Access")}</th>
                        </tr></thead>
                        <tbody className="pf-v6-c-table__tbody">
                            {mounts.map(m => <tr key={m.label + m.source + m.target} className="pf-v6-c-table__tr">
                                <td className="pf-v6-c-table__td">{m.label}</td>
                                <td className="pf-v6-c-table__td"><code>{m.source}</code></td>
                                <td className="pf-v6-c-table__td"><code>{m.target}</code></td>
                                <td className="pf-v6-c-table__td">{m.readOnly ? _("read-only") : _("read-write")}</td>
                            </tr>)}
                        </tbody>
                    </table>
                </CardBody>
            </Card>}
            {hasInstall && <ImageHostDataList image={image} engine={engine} />}
            <Card isCompact>
                <CardTitle>{_("Containers of this image")}</CardTitle>
                <CardBody>
                    {mine.length === 0
                        ? <p>{_("None")}</p>
                        : <ul>{mine.map(c => <li key={c.id}>{c.name} — {c.state}</li>)}</ul>}
                </CardBody>
            </Card>
        </section>
    );
}
