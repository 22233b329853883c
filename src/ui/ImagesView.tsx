// Images that carry INSTALL/RUN/STOP/UNINSTALL labels; the others behind a checkbox.
// Hosts may have hundreds: filtered, sorted and paged, only one page rendered.
import { useMemo, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { Checkbox } from "@patternfly/react-core/dist/esm/components/Checkbox/index.js";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { _, format } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { ListingNote } from "./ListingNote";
import type { Container, Image, ServiceRecord } from "../core/model";
import { imageMatches, imageSearchText } from "../core/imageFilter";
import { imageDisplayName, isSystemImage } from "../core/inventory";
import { useAccess } from "./access";
import { ImageRow } from "./ImageRow";
import { FilterEmpty, FilterInput, Pager, SortHeader, useTable } from "./TableControls";

interface Row { image: Image; name: string; text: string }

const collator = new Intl.Collator(undefined, { numeric: true });
const matches = (row: Row, query: string) => imageMatches(row.image, row.text, query);
const compare = {
    name: (a: Row, b: Row) => collator.compare(a.name, b.name),
    created: (a: Row, b: Row) => a.image.created - b.image.created || collator.compare(a.name, b.name),
};

export function ImagesView({ images, engine, containers, records }: {
    images: Image[]; engine: EngineName; containers: Container[]; records: ServiceRecord[];
}) {
    const [showAll, setShowAll] = useState(false);
    const all = useMemo(() => images.map(image => ({ image, name: imageDisplayName(image), text: imageSearchText(image) })), [images]);
    const system = useMemo(() => all.filter(row => isSystemImage(row.image)), [all]);
    const table = useTable<Row, keyof typeof compare>(showAll ? all : system, matches, compare, "name");
    const access = useAccess();

    let list;
    if (all.length === 0 || (!showAll && system.length === 0))
        list = (
            <EmptyState headingLevel="h2" titleText={_("No system container images")} id="images-empty">
                <EmptyStateBody>{_("Pull an image whose labels say how to install and run it, for example an SSSD system container.")}</EmptyStateBody>
            </EmptyState>
        );
    else if (table.count === 0)
        list = <FilterEmpty id="images-filter-empty" onClear={() => table.setQuery("")} />;
    else
        list = (
            <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={_("Images")}>
                <thead className="pf-v6-c-table__thead">
                    <tr className="pf-v6-c-table__tr">
                        <SortHeader id="images-sort-name" label={_("Image")} sortKey="name" sort={table.sort} onSort={table.onSort} />
                        <th className="pf-v6-c-table__th" scope="col">{_("Labels")}</th>
                        <th className="pf-v6-c-table__th" scope="col">{_("ID")}</th>
                        <SortHeader id="images-sort-created" label={_("Created")} sortKey="created" sort={table.sort} onSort={table.onSort} />
                        <th className="pf-v6-c-table__th" scope="col"><span className="pf-v6-screen-reader">{_("Actions")}</span></th>
                    </tr>
                </thead>
                <tbody className="pf-v6-c-table__tbody">
                    {table.pageRows.map(row => (
                        <ImageRow key={row.image.id} image={row.image} name={row.name}
                                  engine={engine} containers={containers} records={records} />
                    ))}
                </tbody>
            </table>
        );

    return (
        <section id="images-view" data-count={images.length}>
            {access === "none" &&
                <Alert variant="info" isInline isPlain id="images-limited"
                       title={_("Without administrative access these are your own user's images. The host's system images are root's: turn on administrative access to see them.")} />}
            <div className="ss-toolbar ss-table-toolbar">
                <FilterInput id="images-filter" value={table.query} onChange={table.setQuery}
                             placeholder={_("Filter by name, label or ID")} />
                <Checkbox id="images-show-all" label={format(_("Show images without system service labels ($0)"), all.length - system.length)}
                          isChecked={showAll} onChange={(_e, v) => setShowAll(v)} />
                <Pager idPrefix="images" first={table.first} shown={table.pageRows.length} count={table.count}
                       onPage={delta => table.setPage(table.page + delta)} />
            </div>
            <ListingNote engine={engine} />
            {list}
        </section>
    );
}
