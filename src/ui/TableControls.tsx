// What a long list needs, shared by the Images and Services lists: a filter box, sortable
// column headers and a pager. PatternFly's table markup written by hand, and a pager that
// looks like its compact pagination (@patternfly/react-table and Pagination cost too many bytes).
import "@patternfly/patternfly/components/Table/table.css";
import { useMemo, useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { EmptyState, EmptyStateBody, EmptyStateFooter } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import {
    TextInputGroup, TextInputGroupMain, TextInputGroupUtilities,
} from "@patternfly/react-core/dist/esm/components/TextInputGroup/index.js";
import AngleLeftIcon from "@patternfly/react-icons/dist/esm/icons/angle-left-icon.js";
import AngleRightIcon from "@patternfly/react-icons/dist/esm/icons/angle-right-icon.js";
import ArrowsAltVIcon from "@patternfly/react-icons/dist/esm/icons/arrows-alt-v-icon.js";
import LongArrowAltDownIcon from "@patternfly/react-icons/dist/esm/icons/long-arrow-alt-down-icon.js";
import LongArrowAltUpIcon from "@patternfly/react-icons/dist/esm/icons/long-arrow-alt-up-icon.js";
import SearchIcon from "@patternfly/react-icons/dist/esm/icons/search-icon.js";
import RhMicronsCloseIcon from "@patternfly/react-icons/dist/esm/icons/rh-microns-close-icon.js";
import { _, format } from "../cockpit";

export const PAGE_SIZE = 50;

export type Direction = "ascending" | "descending";
export interface Sort<K extends string> { key: K; direction: Direction }

/**
 * Filter, sort and page rows; only the current page is handed back to render.
 * `matches` and `compare` must not change between renders (define them outside the component).
 */
export function useTable<T, K extends string>(
    rows: T[], matches: (row: T, query: string) => boolean, compare: Record<K, (a: T, b: T) => number>, initial: K,
) {
    const [query, setQuery] = useState("");
    const [sort, setSort] = useState<Sort<K>>({ key: initial, direction: "ascending" });
    const [page, setPage] = useState(0);
    const filtered = useMemo(() => query.trim() === "" ? rows : rows.filter(r => matches(r, query)), [rows, query, matches]);
    const sorted = useMemo(() => {
        const byKey = compare[sort.key];
        const copy = [...filtered];
        return copy.sort(sort.direction === "ascending" ? byKey : (a, b) => byKey(b, a));
    }, [filtered, sort, compare]);
    const last = Math.max(0, Math.ceil(sorted.length / PAGE_SIZE) - 1);
    const current = Math.min(page, last);
    return {
        query,
        // a new filter starts at the first page
        setQuery: (q: string) => { setQuery(q); setPage(0); },
        sort,
        onSort: (key: K) => setSort(s => ({
            key, direction: s.key === key && s.direction === "ascending" ? "descending" : "ascending",
        })),
        count: sorted.length,
        first: current * PAGE_SIZE,
        setPage: (p: number) => setPage(Math.max(0, Math.min(p, last))),
        page: current,
        pageRows: sorted.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE),
    };
}

export function FilterInput({ id, value, onChange, placeholder }: {
    id: string; value: string; onChange: (value: string) => void; placeholder: string;
}) {
    return (
        <TextInputGroup className="ss-filter">
            <TextInputGroupMain icon={<SearchIcon />} inputId={id} value={value} placeholder={placeholder}
                                aria-label={placeholder} onChange={(_e, v) => onChange(v)} />
            {value !== "" &&
                <TextInputGroupUtilities>
                    <Button variant="plain" id={`${id}-reset`} aria-label={_("Clear the filter")} onClick={() => onChange("")}
                            icon={<RhMicronsCloseIcon />} />
                </TextInputGroupUtilities>}
        </TextInputGroup>
    );
}

export function SortHeader<K extends string>({ id, label, sortKey, sort, onSort }: {
    id: string; label: string; sortKey: K; sort: Sort<K>; onSort: (key: K) => void;
}) {
    const selected = sort.key === sortKey;
    const Icon = !selected ? ArrowsAltVIcon : sort.direction === "ascending" ? LongArrowAltUpIcon : LongArrowAltDownIcon;
    return (
        <th className={`pf-v6-c-table__th pf-v6-c-table__sort${selected ? " pf-m-selected" : ""}`} scope="col"
            aria-sort={selected ? sort.direction : "none"}>
            <button type="button" className="pf-v6-c-table__button" id={id} onClick={() => onSort(sortKey)}>
                <div className="pf-v6-c-table__button-content">
                    <span className="pf-v6-c-table__text">{label}</span>
                    <span className="pf-v6-c-table__sort-indicator"><Icon /></span>
                </div>
            </button>
        </th>
    );
}

/** "1 – 50 of 213" with previous and next buttons. */
export function Pager({ idPrefix, first, shown, count, onPage }: {
    idPrefix: string; first: number; shown: number; count: number; onPage: (delta: number) => void;
}) {
    if (count === 0)
        return null;
    return (
        <nav className="ss-pager" id={`${idPrefix}-pager`} aria-label={_("Pagination")}>
            <span id={`${idPrefix}-range`}>{format(_("$0 – $1 of $2"), first + 1, first + shown, count)}</span>
            <Button variant="plain" id={`${idPrefix}-page-prev`} aria-label={_("Go to previous page")}
                    isDisabled={first === 0} onClick={() => onPage(-1)} icon={<AngleLeftIcon />} />
            <Button variant="plain" id={`${idPrefix}-page-next`} aria-label={_("Go to next page")}
                    isDisabled={first + shown >= count} onClick={() => onPage(1)} icon={<AngleRightIcon />} />
        </nav>
    );
}

export function FilterEmpty({ id, onClear }: { id: string; onClear: () => void }) {
    return (
        <EmptyState headingLevel="h2" titleText={_("No matching results")} id={id}>
            <EmptyStateBody>{_("Nothing matches the filter.")}</EmptyStateBody>
            <EmptyStateFooter>
                <Button variant="link" id={`${id}-clear`} onClick={onClear}>{_("Clear the filter")}</Button>
            </EmptyStateFooter>
        </EmptyState>
    );
}
