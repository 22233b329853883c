// The System Services page.
import { useEffect, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { EmptyState, EmptyStateBody } from "@patternfly/react-core/dist/esm/components/EmptyState/index.js";
import { Title } from "@patternfly/react-core/dist/esm/components/Title/index.js";
import { _ } from "../cockpit";
import { detectEngine } from "../host/engine";
import { systemdStatus } from "../host/systemd";
import { watchSuperuser, type Access } from "../host/superuser";
import { AccessContext } from "./access";
import { DialogsProvider, useDialogs } from "./dialogs";
import { HostStatus, type HostFacts } from "./HostStatus";
import { MutatingButton } from "./MutatingButton";
import { PullImageDialog } from "./PullImageDialog";

function useHostFacts(): HostFacts {
    const [facts, setFacts] = useState<HostFacts>({ engine: null, systemd: null });
    useEffect(() => {
        detectEngine().then(engine => setFacts(f => ({ ...f, engine })));
        systemdStatus().then(systemd => setFacts(f => ({ ...f, systemd })));
    }, []);
    return facts;
}

function useAccessState(): Access {
    const [access, setAccess] = useState<Access>("init");
    useEffect(() => watchSuperuser(setAccess), []);
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

function Main({ facts, access }: { facts: HostFacts; access: Access }) {
    const dialogs = useDialogs();
    const engine = facts.engine?.found ? facts.engine : null;
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
                        {_("Installing, running and removing system services needs administrative access. Turn it on with the “Limited access” button at the top of the window.")}
                    </Alert>}
                <HostStatus facts={facts} access={access} />
                {facts.engine && !facts.engine.found && <EngineMissing reasons={facts.engine.reasons} />}
            </main>
        </>
    );
}

export function App() {
    const facts = useHostFacts();
    const access = useAccessState();
    const ready = facts.engine !== null && facts.systemd !== null && access !== "init";
    useEffect(() => {
        document.getElementById("app")?.setAttribute("data-ready", String(ready));
    }, [ready]);
    return (
        <AccessContext.Provider value={access}>
            <DialogsProvider>
                <Main facts={facts} access={access} />
            </DialogsProvider>
        </AccessContext.Provider>
    );
}
