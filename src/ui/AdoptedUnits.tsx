// Container-backed units this page did not install (podman/docker/atomic ExecStart, Quadlet):
// listed under Services as "Not installed here", each with its unit card.
import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core/dist/esm/components/Breadcrumb/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, format } from "../cockpit";
import type { Container, Image, ServiceRecord } from "../core/model";
import type { EngineName } from "../core/engineVersion";
import { adoptPlan, cleanupPlan, unitFacts, type UnitFacts } from "../app/adopt";
import { startOperation } from "../app/context";
import { useDialogs } from "./dialogs";
import { MutatingButton } from "./MutatingButton";
import { PlanDialog } from "./PlanDialog";
import { useListInEffect } from "./useHostDataList";
import { adoptedUnits, type ContainerUnit } from "../core/unitFile";
import { useApp } from "./appContext";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise, useSubscription } from "./hooks";
import { go } from "./location";
import { UnitCard } from "./UnitCard";

/** The host's container units, minus those a record claims; read again when records change. */
export function useAdoptedUnits(records: ServiceRecord[] | null, enabled: boolean): { units: ContainerUnit[]; error: Error | null } {
    const { host } = useApp();
    const all = usePromise(() => enabled ? host.listContainerUnits() : null, [enabled, host]);
    const { reload } = all;
    useSubscription(() => enabled ? host.onRecordsChanged(reload) : undefined, [enabled, host, reload]);
    return { units: adoptedUnits(all.value ?? [], records ?? []), error: all.error };
}

export function adoptedName(u: ContainerUnit): string {
    return u.unit.replace(/\.service$/, "");
}

function AdoptDialog({ unit, facts, engine, records }: { unit: ContainerUnit; facts: UnitFacts; engine: EngineName; records: ServiceRecord[] }) {
    const app = useApp();
    const plan = adoptPlan(unit, facts, engine, records, new Date()) ?? { kind: "refused" as const, code: "not-installed" as const, reason: "", containers: [] };
    return <PlanDialog id="adopt-dialog" title={format(_("Adopt $0"), facts.name)} plan={plan} action={_("Adopt")}
                       start={p => startOperation(app, facts.name, "adopt", p)} />;
}

function CleanupDialog({ unit, facts, engine, containers }: { unit: ContainerUnit; facts: UnitFacts; engine: EngineName; containers: Container[] }) {
    const app = useApp();
    const list = useListInEffect(facts.image, engine, facts.name);
    const plan = cleanupPlan(unit, facts, engine, containers, list.value ?? null, new Date());
    return <PlanDialog id="cleanup-dialog" title={format(_("Clean up $0"), facts.name)} plan={plan} action={_("Clean up")} danger
                       start={p => startOperation(app, facts.name, "uninstall", p)}
                       waitingFor={list.loading ? _("Reading the host-data-list…") : null} blocker={list.error} />;
}

export function AdoptedUnitDetails({ unit, containers, images, records, engine }: {
    unit: string; containers: Container[]; images: Image[]; records: ServiceRecord[]; engine: EngineName;
}) {
    const dialogs = useDialogs();
    const { units, error } = useAdoptedUnits(null, true);
    const found = units.find(u => u.unit === unit);
    const facts = found ? unitFacts(found, images) : null;
    const container = found?.container.container ? containers.find(c => c.name === found.container.container) : undefined;
    return (
        <section id="adopted-details" data-unit={unit} data-adopted="true">
            <Breadcrumb>
                <BreadcrumbItem to="#/" onClick={e => { e.preventDefault(); go([]); }}>{_("Services")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{unit}</BreadcrumbItem>
            </Breadcrumb>
            <Title headingLevel="h2">{unit.replace(/\.service$/, "")}</Title>
            <p className="ss-adopted-note">
                {_("Not installed here: this unit runs a container, but this page did not install it.")}
                {found && <>{" "}{format(_("Engine: $0, image: $1, container: $2."), found.container.engine,
                                          found.container.image ?? "—", found.container.container ?? "—")}</>}
                {container && <>{" "}{format(_("The container is $0."), container.state)}</>}
            </p>
            {found && facts && <div className="ss-toolbar">
                {facts.image && <MutatingButton id="adopted-adopt" variant="secondary"
                    onClick={() => dialogs.show(<AdoptDialog unit={found} facts={facts} engine={engine} records={records} />)}>{_("Adopt…")}</MutatingButton>}
                <MutatingButton id="adopted-cleanup" variant="danger"
                    onClick={() => dialogs.show(<CleanupDialog unit={found} facts={facts} engine={engine} containers={containers} />)}>{_("Clean up…")}</MutatingButton>
            </div>}
            {found && facts && <p className="ss-adopted-hint">{facts.image
                ? _("Adopt it to manage it here (a record is written; nothing else changes), or clean up what its install left: the image's UNINSTALL runs, and its container and unit go.")
                : _("Its image is not on this host, so it cannot be adopted. Clean up removes its container and unit.")}</p>}
            {error && <ErrorAlert title={_("The host's units could not be read")} error={error} />}
            <UnitCard unit={unit} />
        </section>
    );
}
