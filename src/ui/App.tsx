// The System Services page.
import { useEffect, useMemo, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _, format } from "../cockpit";
import { createContext, type Access, type Host } from "../app/context";
import { AccessContext, HostNameContext } from "./access";
import { AppProvider, useOperations, useOperationsOnHost } from "./appContext";
import { DialogsProvider, useDialogs } from "./dialogs";
import { AdoptedUnitDetails } from "./AdoptedUnits";
import { ErrorAlert } from "./ErrorAlert";
import { HostStatus, type HostFacts } from "./HostStatus";
import { MutatingButton } from "./MutatingButton";
import { PullImageDialog } from "./PullImageDialog";
import { ImageDetails } from "./ImageDetails";
import { ImagesView } from "./ImagesView";
import { usePageLocation } from "./location";
import { OperationPanel } from "./OperationPanel";
import { OrphanBackupsPage } from "./OrphanBackups";
import { ServiceDetails } from "./ServiceDetails";
import { ServicesView } from "./ServicesView";
import { InventoryContext, useInventory, type Inventory } from "./useInventory";
import { ViewPanel, ViewTabs } from "./ViewTabs";

function useHostFacts(host: Host): HostFacts {
    const [facts, setFacts] = useState<HostFacts>({ engine: null, systemd: null, host: null });
    useEffect(() => {
        host.hostIdentity().then(identity => setFacts(f => ({ ...f, host: identity })));
        host.detectEngine().then(engine => setFacts(f => ({ ...f, engine })));
        host.systemdStatus().then(systemd => setFacts(f => ({ ...f, systemd })));
    }, [host]);
    return facts;
}

function useAccessState(host: Host): Access {
    const [access, setAccess] = useState<Access>("init");
    useEffect(() => {
        let seen: Access = "init";
        return host.watchSuperuser(next => {
            // As Cockpit's own pages do on a switch of access: what was opened with the old
            // access (the systemd D-Bus client, followed journals) keeps it, so the page starts
            // over. The old state stays on screen until the new page has loaded.
            if (seen !== "init" && next !== "init" && next !== seen) {
                window.location.reload();
                return;
            }
            seen = next;
            setAccess(next);
        });
    }, [host]);
    return access;
}

function EngineMissing({ reasons }: { reasons: string[] }) {
    return (
        <EmptyState headingLevel="h2" titleText={_("No container engine found")} id="engine-missing">
            <EmptyStateBody>
                <p>{_("System services run as containers. Install podman from the distribution's packages, for example “apt install podman” or “dnf install podman”, then reload this page.")}</p>
                <ul className="ss-reasons">{reasons.map(r => <li key={r}>{r}</li>)}</ul>
            </EmptyStateBody>
        </EmptyState>
    );
}

function Content({ facts, inventory, opsOnHost }: {
    facts: HostFacts; inventory: Inventory; opsOnHost: ReturnType<typeof useOperationsOnHost>;
}) {
    const { path } = usePageLocation();
    const ops = useOperations();
    const engine = facts.engine?.found ? facts.engine.name : null;
    const useSystemd = !!facts.systemd?.available;
    if (!engine)
        return null;
    // operations found on load (started from another tab, or before a reload) and failures show everywhere
    const shown = ops.filter(op => op.status === "failed" || op.problem !== null || op.found);
    const { images, containers, records, error } = inventory;
    const loaded = images && containers && records;
    let view;
    if (!loaded)
        view = <Spinner id="inventory-loading" aria-label={_("Loading")} />;
    else if (path[0] === "image") {
        const image = images.find(i => i.id === path[1]);
        view = image
            ? <ImageDetails image={image} containers={containers} records={records.records} engine={engine} />
            : <p id="image-gone">{_("This image is not on the host (any more).")}</p>;
    } else if (path[0] === "service") {
        const record = records.records.find(r => r.name === path[1]);
        view = record
            ? <ServiceDetails record={record} images={images} containers={containers} engine={engine} useSystemd={useSystemd} />
            : <p id="service-gone">{_("This service is not installed (any more).")}</p>;
    } else if (path[0] === "backups" && path[1])
        view = <OrphanBackupsPage name={path[1]} />;
    else if (path[0] === "unit" && path[1] && useSystemd)
        view = <AdoptedUnitDetails unit={path[1]} containers={containers} images={images} records={records.records} engine={engine} />;
    else if (path[0] === "images")
        view = <ImagesView images={images} engine={engine} containers={containers} records={records.records} />;
    else
        view = <ServicesView records={records.records} containers={containers} useSystemd={useSystemd} images={images} engine={engine} />;
    const tab = path[0] === "images" || path[0] === "image" ? "images" : "services";
    return (
        <>
            <ViewTabs active={tab} />
            {error && <ErrorAlert title={_("The host's containers could not be listed")} error={error} />}
            {records?.broken.map(b => (
                <Alert key={b.path} variant="warning" isInline title={b.path}>{b.error}</Alert>
            ))}
            {opsOnHost.error && <ErrorAlert title={_("The host's operations could not be read")} error={opsOnHost.error} />}
            {opsOnHost.broken.map(b => (
                <Alert key={b.path} variant="warning" isInline title={format(_("An operation file cannot be read: $0"), b.path)}
                       className="ss-broken-operation">{b.error}</Alert>
            ))}
            {shown.map(op => <OperationPanel key={op.id} op={op} />)}
            <ViewPanel active={tab}>{view}</ViewPanel>
        </>
    );
}

function Main({ facts, access, inventory }: { facts: HostFacts; access: Access; inventory: Inventory }) {
    const dialogs = useDialogs();
    const opsOnHost = useOperationsOnHost(access === "root", inventory.refresh);
    const engine = facts.engine?.found ? facts.engine : null;
    // ready (for tests, and for whoever waits on it): what the page shows first is all there, the
    // first listing and the operations found on the host included, so nothing moves after it
    const listed = !engine || inventory.error !== null ||
        (inventory.images !== null && inventory.containers !== null && inventory.records !== null);
    const ready = facts.engine !== null && access !== "init" && listed && opsOnHost.loaded;
    useEffect(() => {
        document.getElementById("app")?.setAttribute("data-ready", String(ready));
    }, [ready]);
    return (
        <>
            <header className="ss-header">
                <Title headingLevel="h1">{_("System Services")}</Title>
                <MutatingButton variant="secondary" id="pull-image" isDisabled={!engine}
                                onClick={() => engine && dialogs.show(<PullImageDialog engine={engine.name} />)}>
                    {_("Pull image")}
                </MutatingButton>
            </header>
            <main className="ss-main">
                {access === "none" &&
                    <Alert id="limited-access-alert" variant="info" isInline className="ss-limited"
                           title={_("Limited access: this page is read-only")}>
                        {format(_("Installing, running and removing system services on $0 needs administrative access. Turn it on for $0 with the “Limited access” button at the top of the window."),
                                facts.host?.name ?? _("this host"))}
                    </Alert>}
                <HostStatus facts={facts} access={access} />
                {facts.engine && !facts.engine.found && <EngineMissing reasons={facts.engine.reasons} />}
                <Content facts={facts} inventory={inventory} opsOnHost={opsOnHost} />
            </main>
        </>
    );
}

export function App({ host }: { host: Host }) {
    const facts = useHostFacts(host);
    const access = useAccessState(host);
    // listed once access is known: root's images, or (limited) none
    const inventory = useInventory(host, facts.engine?.found && access !== "init" ? facts.engine.name : null, access === "root");
    // the runner needs to know whether operations can run as transient units
    const app = useMemo(() => facts.systemd && createContext(host, facts.systemd.available), [host, facts.systemd]);
    if (!app)
        return <Spinner id="host-loading" aria-label={_("Loading")} />;
    return (
        <AccessContext.Provider value={access}>
            <HostNameContext.Provider value={facts.host?.name ?? "localhost"}>
                <AppProvider app={app}>
                    <InventoryContext.Provider value={inventory}>
                        <DialogsProvider>
                            <Main facts={facts} access={access} inventory={inventory} />
                        </DialogsProvider>
                    </InventoryContext.Provider>
                </AppProvider>
            </HostNameContext.Provider>
        </AccessContext.Provider>
    );
}
