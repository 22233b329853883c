// Container-backed units this page did not install (podman/docker/atomic ExecStart, Quadlet):
// listed under Services as "Not installed here", each with its unit card.
import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core/dist/esm/components/Breadcrumb/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, format } from "../cockpit";
import type { Container, ServiceRecord } from "../core/model";
import { adoptedUnits, type ContainerUnit } from "../core/unitFile";
import { useApp } from "./appContext";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise, useSubscription } from "./hooks";
import { go } from "./location";
import { UnitCard } from "./UnitCard";

/** The host's container units, minus those a record claims; read again when records change. */
export function useAdoptedUnits(records: ServiceRecord[] | null, enabled: boolean): { units: ContainerUnit[]; error: Error | null } {
    const { host } = useApp();
    const all = usePromise(() => enabled ? host.listContainerUnits() : null, [enabled]);
    useSubscription(() => enabled ? host.onRecordsChanged(all.reload) : undefined, [enabled]);
    return { units: adoptedUnits(all.value ?? [], records ?? []), error: all.error };
}

export function adoptedName(u: ContainerUnit): string {
    return u.unit.replace(/\.service$/, "");
}

export function AdoptedUnitDetails({ unit, containers }: { unit: string; containers: Container[] }) {
    const { units, error } = useAdoptedUnits(null, true);
    const found = units.find(u => u.unit === unit);
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
            {error && <ErrorAlert title={_("The host's units could not be read")} error={error} />}
            <UnitCard unit={unit} />
        </section>
    );
}
