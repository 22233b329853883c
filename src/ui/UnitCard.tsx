// A service's systemd unit, live from PropertiesChanged: state and the usual controls.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import { _, format } from "../cockpit";
import type { UnitState } from "../app/context";
import { openUnitInServices, openUnitLogs } from "../app/navigation";
import { useApp } from "./appContext";
import { ErrorAlert } from "./ErrorAlert";
import { useWatched } from "./hooks";
import { MutatingButton } from "./MutatingButton";
import { UnitFileStatus } from "./UnitFileStatus";
import { UnitJournal } from "./UnitJournal";

export function UnitCard({ unit }: { unit: string }) {
    const { host } = useApp();
    const watched = useWatched<UnitState | null>((set, fail) => host.watchUnit(unit, set, fail), [unit, host], null);
    const state = watched.value;
    const [actionError, setActionError] = useState<Error | null>(null);
    const [busy, setBusy] = useState<string | null>(null);
    const error = actionError ?? watched.error;
    const { runUnitJob, setUnitEnabled } = host;

    const act = (what: string, action: () => Promise<void>) => {
        setBusy(what);
        setActionError(null);
        action().catch(setActionError).finally(() => setBusy(null));
    };

    const active = state?.activeState === "active" || state?.activeState === "activating";
    const enabled = state?.unitFileState === "enabled";
    const missing = state && state.loadState !== "loaded";

    return (
        <Card isCompact id="unit-card" data-unit={unit}>
            <CardTitle>{format(_("Unit $0"), unit)}</CardTitle>
            <CardBody>
                <p>
                    <span id="unit-state" data-active={state?.activeState ?? ""} data-enabled={state?.unitFileState ?? ""}>
                        {state ? `${state.activeState} (${state.subState})` : _("Checking…")}
                    </span>
                    {state && <span className="ss-unit-file-state">{" · "}{state.unitFileState || state.loadState}</span>}
                </p>
                {missing && <p>{format(_("systemd reports this unit as “$0”."), state.loadState)}</p>}
                <div className="ss-actions">
                    {!active
                        ? <MutatingButton id="unit-start" variant="secondary" isDisabled={!!busy || !!missing} isLoading={busy === "start"}
                                          onClick={() => act("start", () => runUnitJob("StartUnit", unit))}>{_("Start")}</MutatingButton>
                        : <MutatingButton id="unit-stop" variant="secondary" isDisabled={!!busy} isLoading={busy === "stop"}
                                          onClick={() => act("stop", () => runUnitJob("StopUnit", unit))}>{_("Stop")}</MutatingButton>}
                    <MutatingButton id="unit-restart" variant="secondary" isDisabled={!!busy || !!missing} isLoading={busy === "restart"}
                                    onClick={() => act("restart", () => runUnitJob("RestartUnit", unit))}>{_("Restart")}</MutatingButton>
                    {!enabled
                        ? <MutatingButton id="unit-enable" variant="secondary" isDisabled={!!busy || !!missing || state?.unitFileState === "generated"} isLoading={busy === "enable"}
                                          onClick={() => act("enable", () => setUnitEnabled(unit, true))}>{_("Enable")}</MutatingButton>
                        : <MutatingButton id="unit-disable" variant="secondary" isDisabled={!!busy} isLoading={busy === "disable"}
                                          onClick={() => act("disable", () => setUnitEnabled(unit, false))}>{_("Disable")}</MutatingButton>}
                    <Button variant="link" onClick={() => openUnitInServices(unit)}>{_("Open in Services")}</Button>
                    <Button variant="link" onClick={() => openUnitLogs(unit)}>{_("Logs")}</Button>
                </div>
                {error && <ErrorAlert title={format(_("$0 could not be changed"), unit)} error={error} />}
                {state && <UnitFileStatus state={state} />}
                <UnitJournal unit={unit} />
            </CardBody>
        </Card>
    );
}
