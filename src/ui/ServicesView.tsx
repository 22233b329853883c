// The installed system services: our records joined with their containers, units and
// the operations running for them.
import type { VNode } from "preact";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _ } from "../cockpit";
import type { Container, Image, ServiceRecord } from "../core/model";
import type { EngineName } from "../core/engineVersion";
import { enrollableImages } from "../app/enroll";
import { useDialogs } from "./dialogs";
import { EnrollDialog } from "./EnrollDialog";
import { SssdCard } from "./SssdCard";
import { MutatingButton } from "./MutatingButton";
import { imageOfRecord, shortId } from "../core/inventory";
import { adoptedName, useAdoptedUnits } from "./AdoptedUnits";
import type { ContainerUnit } from "../core/unitFile";
import { useOperations } from "./appContext";
import { go } from "./location";
import { operationTitle } from "./OperationPanel";
import { OrphanBackups } from "./OrphanBackups";
import { FilterEmpty, FilterInput, PAGE_SIZE, Pager, SortHeader, useTable } from "./TableControls";
import type { OperationView } from "../app/operationView";
import { ServiceMenu } from "./ServiceMenu";
import { UnitBadge } from "./UnitBadge";

// Joining a domain installs a service: offered here whenever an image on the host can do it
function JoinDomain({ images, records, containers, engine }: { images: Image[]; records: ServiceRecord[]; containers: Container[]; engine: EngineName }) {
    const dialogs = useDialogs();
    if (enrollableImages(images).length === 0)
        return null;
    return (
        <div className="ss-toolbar">
            <MutatingButton id="services-enroll" variant="secondary"
                            onClick={() => dialogs.show(<EnrollDialog images={images} engine={engine} containers={containers} records={records} />)}>
                {_("Join a domain…")}
            </MutatingButton>
        </div>
    );
}

interface ServiceRow { name: string; image: string; node: VNode }

const matches = (row: ServiceRow, query: string) => {
    const q = query.trim().toLowerCase();
    return row.name.toLowerCase().includes(q) || row.image.toLowerCase().includes(q);
};
const compare = { name: (a: ServiceRow, b: ServiceRow) => a.name.localeCompare(b.name) };

function RecordRow({ record: r, images, containers, engine, useSystemd, op }: {
    record: ServiceRecord; images: Image[]; containers: Container[]; engine: EngineName; useSystemd: boolean; op: OperationView | undefined;
}) {
    const container = containers.find(c => c.name === r.name);
    return (
        <tr className="pf-v6-c-table__tr" data-service={r.name}>
            <td className="pf-v6-c-table__td" data-label={_("Name")}>
                <a href={`#/service/${r.name}`} onClick={e => { e.preventDefault(); go(["service", r.name]); }}>{r.name}</a>
                {op && <span className="ss-op-badge" data-operation="running"> <Spinner size="sm" aria-label={operationTitle(op)} /> {operationTitle(op)}</span>}
            </td>
            <td className="pf-v6-c-table__td" data-label={_("Image")}>{r.image} <code>{shortId(r.imageId)}</code></td>
            <td className="pf-v6-c-table__td" data-label={_("Container")}>{container ? container.state : _("none")}</td>
            <td className="pf-v6-c-table__td" data-label={_("Unit")}>
                {r.unit && useSystemd ? <UnitBadge unit={r.unit} /> : _("none")}
            </td>
            <td className="pf-v6-c-table__td pf-v6-c-table__action">
                <ServiceMenu id={`service-menu-${r.name}`} record={r} image={imageOfRecord(images, r)} containers={containers}
                             engine={engine} useSystemd={useSystemd} />
            </td>
        </tr>
    );
}

function AdoptedRow({ adopted: u, containers }: { adopted: ContainerUnit; containers: Container[] }) {
    return (
        <tr className="pf-v6-c-table__tr" data-service={adoptedName(u)} data-adopted="true">
            <td className="pf-v6-c-table__td" data-label={_("Name")}>
                <a href={`#/unit/${u.unit}`} onClick={e => { e.preventDefault(); go(["unit", u.unit]); }}>{adoptedName(u)}</a>
                {" "}<span className="ss-adopted-badge">{_("Not installed here")}</span>
            </td>
            <td className="pf-v6-c-table__td" data-label={_("Image")}>{u.container.image ?? "—"}</td>
            <td className="pf-v6-c-table__td" data-label={_("Container")}>
                {containers.find(c => c.name === u.container.container)?.state ?? _("none")}
            </td>
            <td className="pf-v6-c-table__td" data-label={_("Unit")}><UnitBadge unit={u.unit} /></td>
            <td className="pf-v6-c-table__td" />
        </tr>
    );
}

// up to a page of services shows as it is; more get the Images list's filter, sort and pager
function ServicesTable({ rows }: { rows: ServiceRow[] }) {
    const table = useTable(rows, matches, compare, "name");
    const long = rows.length > PAGE_SIZE;
    const header = long
        ? <SortHeader id="services-sort-name" label={_("Name")} sortKey="name" sort={table.sort} onSort={table.onSort} />
        : <th className="pf-v6-c-table__th" scope="col">{_("Name")}</th>;
    return (
        <>
            {long &&
                <div className="ss-toolbar ss-table-toolbar">
                    <FilterInput id="services-filter" value={table.query} onChange={table.setQuery}
                                 placeholder={_("Filter by name or image")} />
                    <Pager idPrefix="services" first={table.first} shown={table.pageRows.length} count={table.count}
                           onPage={delta => table.setPage(table.page + delta)} />
                </div>}
            {long && table.count === 0
                ? <FilterEmpty id="services-filter-empty" onClear={() => table.setQuery("")} />
                : <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={_("System services")}>
                    <thead className="pf-v6-c-table__thead"><tr className="pf-v6-c-table__tr">
                        {header}
                        <th className="pf-v6-c-table__th" scope="col">{_("Image")}</th>
                        <th className="pf-v6-c-table__th" scope="col">{_("Container")}</th>
                        <th className="pf-v6-c-table__th" scope="col">{_("Unit")}</th>
                        <td className="pf-v6-c-table__td" />
                    </tr></thead>
                    <tbody className="pf-v6-c-table__tbody">
                        {(long ? table.pageRows : rows).map(row => row.node)}
                    </tbody>
                </table>}
        </>
    );
}

export function ServicesView({ records, containers, useSystemd, images, engine }: {
    records: ServiceRecord[]; containers: Container[]; useSystemd: boolean; images: Image[]; engine: EngineName;
}) {
    const join = <>
        <JoinDomain images={images} records={records} containers={containers} engine={engine} />
        {useSystemd && <SssdCard images={images} records={records} containers={containers} engine={engine} />}
    </>;
    const running = useOperations().filter(op => op.status === "running");
    const pending = running.filter(op => !records.some(r => r.name === op.op.service));
    const adopted = useAdoptedUnits(records, useSystemd).units;

    if (records.length === 0 && pending.length === 0 && adopted.length === 0)
        return (
            <>
                {join}
                <EmptyState headingLevel="h2" titleText={_("No system services installed")} id="services-empty">
                    <EmptyStateBody>{_("Install one from the Images tab: its labels say how.")}</EmptyStateBody>
                </EmptyState>
                <OrphanBackups records={records} />
            </>
        );

    const rows: ServiceRow[] = [
        ...records.map(r => ({
            name: r.name, image: r.image,
            node: <RecordRow key={r.name} record={r} images={images} containers={containers} engine={engine} useSystemd={useSystemd}
                             op={running.find(o => o.op.service === r.name)} />,
        })),
        ...adopted.map(u => ({
            name: adoptedName(u), image: u.container.image ?? "",
            node: <AdoptedRow key={u.unit} adopted={u} containers={containers} />,
        })),
        ...pending.map(op => ({
            name: op.op.service, image: "",
            node: (
                <tr key={op.id} className="pf-v6-c-table__tr" data-service={op.op.service} data-operation="running">
                    <td className="pf-v6-c-table__td">{op.op.service}</td>
                    <td className="pf-v6-c-table__td" colSpan={4}><Spinner size="sm" aria-label={operationTitle(op)} /> {operationTitle(op)}</td>
                </tr>
            ),
        })),
    ];
    return (
        <section id="services-view">
            {join}
            <ServicesTable rows={rows} />
            <OrphanBackups records={records} />
        </section>
    );
}
