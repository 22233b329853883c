// One installed service: a header with its state, its start/stop controls and a kebab of the
// rest; below, its record, unit, domain, host-data-list and backups.
import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core/dist/esm/components/Breadcrumb/index.js";
import { Card, CardBody } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import {
    DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm,
} from "@patternfly/react-core/dist/esm/components/DescriptionList/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, formatDate } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { imageOfRecord } from "../core/inventory";
import type { Container, Image, ServiceRecord } from "../core/model";
import { go } from "./location";
import { ServiceActions, unitManaged } from "./ServiceActions";
import { findLabel } from "../core/labels";
import { ServiceMenu } from "./ServiceMenu";
import { UnitBadge } from "./UnitBadge";
import { UnitCard } from "./UnitCard";
import { HostDataListCard } from "./HostDataListCard";
import { BackupsCard } from "./BackupsCard";
import { DomainCard } from "./DomainCard";
import { enrollableImages, enrolledMode } from "../app/enroll";
import { SssdCard } from "./SssdCard";
import { useCurrentInventory } from "./useInventory";

export function ServiceDetails({ record, images, containers, engine, useSystemd }: {
    record: ServiceRecord; images: Image[]; containers: Container[]; engine: EngineName; useSystemd: boolean;
}) {
    const container = containers.find(c => c.name === record.name) ?? null;
    const image = imageOfRecord(images, record);
    const mode = enrolledMode(record, image);
    const inventory = useCurrentInventory();
    // an SSSD image's service: the switch between it and native SSSD is offered here too
    const sssd = image !== null && enrollableImages([image]).length > 0;
    const managed = unitManaged(record, useSystemd);
    const facts = { record, image, containers, engine };
    return (
        <section id="service-details" data-service={record.name}>
            <Breadcrumb>
                <BreadcrumbItem to="#/" onClick={e => { e.preventDefault(); go([]); }}>{_("Services")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{record.name}</BreadcrumbItem>
            </Breadcrumb>
            <div className="ss-title-row">
                <div className="ss-title">
                    <Title headingLevel="h2">{record.name}</Title>
                    {managed
                        ? <UnitBadge id="service-state" unit={record.unit ?? ""} />
                        : <span id="service-state">{container?.state ?? _("no container")}</span>}
                </div>
                <div className="ss-actions">
                    <ServiceActions {...facts} useSystemd={useSystemd} />
                    <ServiceMenu id="service-menu" {...facts} useSystemd={useSystemd} />
                </div>
            </div>
            <Card isCompact>
                <CardBody>
                    <DescriptionList isHorizontal isCompact>
                        <DescriptionListGroup>
                            <DescriptionListTerm>{_("Image")}</DescriptionListTerm>
                            <DescriptionListDescription>{record.image} <code>{record.imageId.slice(0, 12)}</code></DescriptionListDescription>
                        </DescriptionListGroup>
                        <DescriptionListGroup>
                            <DescriptionListTerm>{_("Installed")}</DescriptionListTerm>
                            <DescriptionListDescription>{formatDate(new Date(record.installedAt))}</DescriptionListDescription>
                        </DescriptionListGroup>
                        <DescriptionListGroup>
                            <DescriptionListTerm>{_("Container")}</DescriptionListTerm>
                            <DescriptionListDescription id="service-container">{container ? `${container.name}: ${container.state}` : _("none")}</DescriptionListDescription>
                        </DescriptionListGroup>
                        {managed && (["RUN", "STOP"] as const).map(key => {
                            const label = image ? findLabel(image.labels, key) : undefined;
                            return label === undefined ? null : (
                                <DescriptionListGroup key={key}>
                                    <DescriptionListTerm>{key === "RUN" ? _("RUN label") : _("STOP label")}</DescriptionListTerm>
                                    <DescriptionListDescription><code id={`service-label-${key.toLowerCase()}`}>{label}</code></DescriptionListDescription>
                                </DescriptionListGroup>
                            );
                        })}
                    </DescriptionList>
                </CardBody>
            </Card>
            {managed && record.unit && <UnitCard unit={record.unit} />}
            {mode && <DomainCard mode={mode} record={record} image={image} containers={containers} engine={engine} />}
            {sssd && useSystemd && <SssdCard records={inventory?.records?.records ?? [record]} images={images} containers={containers} engine={engine} />}
            <HostDataListCard name={record.name} image={image} engine={engine} />
            <BackupsCard name={record.name} />
        </section>
    );
}
