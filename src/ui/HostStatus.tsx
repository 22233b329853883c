// What this host offers: container engine, systemd, administrative access.
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import {
    DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm,
} from "@patternfly/react-core/dist/esm/components/DescriptionList/index.js";
import { _, format } from "../cockpit";
import type { Access, EngineStatus, SystemdStatus } from "../app/context";

export interface HostFacts {
    engine: EngineStatus | null;
    systemd: SystemdStatus | null;
}

function engineText(engine: EngineStatus | null): string {
    if (!engine)
        return _("Checking…");
    if (engine.found)
        return `${engine.name} ${engine.version}`;
    return _("No container engine found");
}

function systemdText(systemd: SystemdStatus | null): string {
    if (!systemd)
        return _("Checking…");
    if (systemd.available)
        return format(_("systemd $0, reachable over D-Bus"), systemd.version);
    return format(_("Not available: $0. Units cannot be managed and operations stop when the page closes."),
                  systemd.reason);
}

export function HostStatus({ facts, access }: { facts: HostFacts; access: Access }) {
    return (
        <Card isCompact>
            <CardTitle>{_("Host")}</CardTitle>
            <CardBody>
                <DescriptionList isHorizontal isCompact>
                    <DescriptionListGroup>
                        <DescriptionListTerm>{_("Container engine")}</DescriptionListTerm>
                        <DescriptionListDescription id="engine-status">{engineText(facts.engine)}</DescriptionListDescription>
                    </DescriptionListGroup>
                    <DescriptionListGroup>
                        <DescriptionListTerm>{_("Service manager")}</DescriptionListTerm>
                        <DescriptionListDescription id="systemd-status">{systemdText(facts.systemd)}</DescriptionListDescription>
                    </DescriptionListGroup>
                    <DescriptionListGroup>
                        <DescriptionListTerm>{_("Access")}</DescriptionListTerm>
                        <DescriptionListDescription id="access-status">
                            {access === "root" ? _("Administrative access") : access === "none" ? _("Limited access") : _("Checking…")}
                        </DescriptionListDescription>
                    </DescriptionListGroup>
                </DescriptionList>
            </CardBody>
        </Card>
    );
}
