// What this host offers: container engine, systemd, administrative access.
import { _, format } from "../cockpit";
import type { Access, EngineStatus, HostIdentity, SystemdStatus } from "../app/context";

export interface HostFacts {
    engine: EngineStatus | null;
    systemd: SystemdStatus | null;
    host: HostIdentity | null;
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

/**
 * One line above the views: the facts rarely change, so they take one line, not a card; each
 * keeps its label for screen readers and its own id.
 */
export function HostStatus({ facts, access }: { facts: HostFacts; access: Access }) {
    return (
        <p id="host-status" className="ss-host-line">
            <span>
                <span className="ss-host-term">{_("Host")}:</span> <span id="host-name">{facts.host?.name ?? "…"}</span>
                {facts.host?.address && <> <span id="host-address">({facts.host.address})</span></>}
            </span>
            <span><span className="ss-host-term">{_("Container engine")}:</span> <span id="engine-status">{engineText(facts.engine)}</span></span>
            <span><span className="ss-host-term">{_("Service manager")}:</span> <span id="systemd-status">{systemdText(facts.systemd)}</span></span>
            <span id="access-status">
                {access === "root" ? _("Administrative access") : access === "none" ? _("Limited access") : _("Checking…")}
            </span>
        </p>
    );
}
