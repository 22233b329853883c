// Backups of services that are not installed (any more): listed under Services, each with its
// own page, so that what an uninstall or a failed install left can still be restored.
import { Breadcrumb, BreadcrumbItem } from "@patternfly/react-core/dist/esm/components/Breadcrumb/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, format } from "../cockpit";
import type { ServiceRecord } from "../core/model";
import { useAccess } from "./access";
import { useApp } from "./appContext";
import { BackupsCard } from "./BackupsCard";
import { usePromise } from "./hooks";
import { go } from "./location";

/** The names with backups and without a record; read again when records change. */
export function OrphanBackups({ records }: { records: ServiceRecord[] }) {
    const { host } = useApp();
    const access = useAccess();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `records.length` is not read: the names are read again when records come or go
    const names = usePromise(() => access === "root" ? host.listBackedUpServices() : null, [access, records.length, host]).value ?? [];
    const orphans = names.filter(n => !records.some(r => r.name === n));
    if (orphans.length === 0)
        return null;
    return (
        <section id="orphan-backups">
            <Title headingLevel="h3" size="md">{_("Backups of services that are not installed")}</Title>
            <ul>
                {orphans.map(n => (
                    <li key={n} data-orphan={n}>
                        <a href={`#/backups/${n}`} onClick={e => { e.preventDefault(); go(["backups", n]); }}>{n}</a>
                    </li>
                ))}
            </ul>
        </section>
    );
}

export function OrphanBackupsPage({ name }: { name: string }) {
    return (
        <section id="orphan-backups-page" data-service={name}>
            <Breadcrumb>
                <BreadcrumbItem to="#/" onClick={e => { e.preventDefault(); go([]); }}>{_("Services")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{name}</BreadcrumbItem>
            </Breadcrumb>
            <Title headingLevel="h2">{format(_("Backups of $0"), name)}</Title>
            <p>{_("This service is not installed. Its backups stay until you remove them; restoring one puts its host files back.")}</p>
            <BackupsCard name={name} />
        </section>
    );
}
