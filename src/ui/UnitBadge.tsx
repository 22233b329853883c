// A unit's state as systemd reports it now, followed over D-Bus.
import { _ } from "../cockpit";
import type { UnitState } from "../app/context";
import { useApp } from "./appContext";
import { useWatched } from "./hooks";

export function UnitBadge({ unit, id }: { unit: string; id?: string }) {
    const { host } = useApp();
    const { value: state, error } = useWatched<UnitState | null>((set, fail) => host.watchUnit(unit, set, fail), [unit, host], null);
    if (error)
        return <span id={id} title={error.message}>{_("unknown")}</span>;
    return <span id={id} className="ss-unit-badge" data-active={state?.activeState ?? ""}>{state ? `${state.activeState} (${state.subState})` : "…"}</span>;
}
