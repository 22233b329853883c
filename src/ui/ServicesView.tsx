// The installed system services: our records joined with their containers, units and
// the operations running for them.
import { useEffect, useState } from "preact/hooks";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _ } from "../cockpit";
import type { Container, ServiceRecord } from "../core/model";
import { shortId } from "../core/inventory";
import { watchUnit, type UnitState } from "../host/units";
import { adoptedName, useAdoptedUnits } from "./AdoptedUnits";
import { go } from "./location";
import { useOperations } from "./operations";

function UnitBadge({ unit }: { unit: string }) {
    const [state, setState] = useState<UnitState | null>(null);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => watchUnit(unit, setState, e => setError(e.message)), [unit]);
    if (error)
        return <span title={error}>{_("unknown")}</span>;
    return <span className="ss-unit-badge" data-active={state?.activeState ?? ""}>{state ? `${state.activeState} (${state.subState})` : "…"}</span>;
}

export function ServicesView({ records, containers, useSystemd }: {
    records: ServiceRecord[]; containers: Container[]; useSystemd: boolean;
}) {
    const ops = useOperations();
    const running = ops.list.filter(op => op.status === "running" || op.completion === "pending");
    const pending = running.filter(op => !records.some(r => r.name === op.spec.service));
    const adopted = useAdoptedUnits(records, useSystemd).units;

    if (records.length === 0 && pending.length === 0 && adopted.length === 0)
        return (
            <EmptyState headingLevel="h2" titleText={_("No system services installed")} id="services-empty">
                <EmptyStateBody>{_("Install one from the Images tab: its labels say how.")}</EmptyStateBody>
            </EmptyState>
        );

    return (
        <section id="services-view">
            <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={_("System services")}>
                <thead className="pf-v6-c-table__thead"><tr className="pf-v6-c-table__tr">
                    <th className="pf-v6-c-table__th">{_("Name")}</th>
                    <th className="pf-v6-c-table__th">{_("Image")}</th>
                    <th className="pf-v6-c-table__th">{_("Container")}</th>
                    <th className="pf-v6-c-table__th">{_("Unit")}</th>
                </tr></thead>
                <tbody className="pf-v6-c-table__tbody">
                    {records.map(r => {
                        const container = containers.find(c => c.name === r.name);
                        const op = running.find(o => o.spec.service === r.name);
                        return (
                            <tr key={r.name} className="pf-v6-c-table__tr" data-service={r.name}>
                                <td className="pf-v6-c-table__td" data-label={_("Name")}>
                                    <a href={`#/service/${r.name}`} onClick={e => { e.preventDefault(); go(["service", r.name]); }}>{r.name}</a>
                                    {op && <span className="ss-op-badge" data-operation="running"> <Spinner size="sm" aria-label={op.spec.title} /> {op.spec.title}</span>}
                                </td>
                                <td className="pf-v6-c-table__td" data-label={_("Image")}>{r.image} <code>{shortId(r.imageId)}</code></td>
                                <td className="pf-v6-c-table__td" data-label={_("Container")}>{container ? container.state : _("none")}</td>
                                <td className="pf-v6-c-table__td" data-label={_("Unit")}>
                                    {r.unit && useSystemd ? <UnitBadge unit={r.unit} /> : _("none")}
                                </td>
                            </tr>
                        );
                    })}
                    {adopted.map(u => (
                        <tr key={u.unit} className="pf-v6-c-table__tr" data-service={adoptedName(u)} data-adopted="true">
                            <td className="pf-v6-c-table__td" data-label={_("Name")}>
                                <a href={`#/unit/${u.unit}`} onClick={e => { e.preventDefault(); go(["unit", u.unit]); }}>{adoptedName(u)}</a>
                                {" "}<span className="ss-adopted-badge">{_("Not installed here")}</span>
                            </td>
                            <td className="pf-v6-c-table__td" data-label={_("Image")}>{u.container.image ?? "—"}</td>
                            <td className="pf-v6-c-table__td" data-label={_("Container")}>
                                {containers.find(c => c.name === u.container.container)?.state ?? _("none")}
                            </td>
                            <td className="pf-v6-c-table__td" data-label={_("Unit")}><UnitBadge unit={u.unit} /></td>
                        </tr>
                    ))}
                    {pending.map(op => (
                        <tr key={op.key} className="pf-v6-c-table__tr" data-service={op.spec.service} data-operation="running">
                            <td className="pf-v6-c-table__td">{op.spec.service}</td>
                            <td className="pf-v6-c-table__td" colSpan={3}><Spinner size="sm" aria-label={op.spec.title} /> {op.spec.title}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
        </section>
    );
}
