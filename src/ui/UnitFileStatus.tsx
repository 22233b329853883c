// What is wrong with a unit's file, in systemd's words: a file that does not load
// (LoadState bad-setting/error, with `systemd-analyze verify`), or a legacy `atomic run`
// unit on a host without atomic — with the offer to rewrite it as a podman unit.
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { _, format } from "../cockpit";
import type { AppContext, UnitState } from "../app/context";
import { atomicBinary, containerOfUnit, type UnitContainer } from "../core/unitFile";
import { useApp } from "./appContext";
import { useDialogs } from "./dialogs";
import { usePromise } from "./hooks";
import { GenerateUnitDialog } from "./GenerateUnitDialog";
import { MutatingButton } from "./MutatingButton";

interface Legacy { text: string; container: UnitContainer; atomicPath: string; atomicMissing: boolean }

const BAD_LOAD = new Set(["bad-setting", "error"]);

async function readLegacy(host: AppContext["host"], path: string, unit: string): Promise<Legacy | null> {
    const { content } = await host.readFile(path);
    const container = content ? containerOfUnit(content, unit) : null;
    if (!content || container?.engine !== "atomic")
        return null;
    const atomicPath = atomicBinary(content);
    return { text: content, container, atomicPath, atomicMissing: !await host.hostHasExecutable(atomicPath) };
}

export function UnitFileStatus({ state }: { state: UnitState }) {
    const dialogs = useDialogs();
    const { host } = useApp();
    const bad = BAD_LOAD.has(state.loadState);
    const path = state.fragmentPath;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `loadError` is not read: a new load error is verified again
    const verify = usePromise(() => bad && path ? host.verifyUnitFile(path) : null, [bad, path, state.loadError, host]).value ?? "";
    const legacy = usePromise(() => path && !bad ? readLegacy(host, path, state.name) : null, [path, bad, state.name, host]).value ?? null;

    const rewrite = async (l: Legacy) => {
        const ref = l.container.image ?? "";
        const image = ref ? await host.findImage("podman", ref).catch(() => null) : null;
        const name = l.container.container ?? state.name.replace(/\.service$/, "");
        dialogs.show(<GenerateUnitDialog engine="podman" image={image} imageRef={ref} record={null} defaultName={name}
                                         legacy={{ unit: state.name, path, text: l.text, container: name }} />);
    };

    return (
        <>
            {bad &&
                <Alert variant="danger" isInline id="unit-load-error" data-load-state={state.loadState}
                       title={format(_("systemd cannot load this unit ($0)"), state.loadState)}>
                    {state.loadError && <p>{state.loadError}</p>}
                    {verify && <pre className="ss-command-log" id="unit-verify" tabIndex={0}>{verify}</pre>}
                    {path && <p>{format(_("Fix $0 and reload systemd."), path)}</p>}
                </Alert>}
            {legacy &&
                <Alert variant={legacy.atomicMissing ? "danger" : "info"} isInline id="unit-legacy" data-broken={String(legacy.atomicMissing)}
                       title={legacy.atomicMissing
                           ? format(_("This unit runs $0, which this host does not have: it cannot start"), legacy.atomicPath)
                           : _("This unit runs the container through atomic, which is deprecated")}>
                    <MutatingButton id="unit-rewrite" variant="secondary" isDisabled={!legacy.container.image}
                                    onClick={() => { rewrite(legacy); }}>
                        {_("Rewrite as a podman unit…")}
                    </MutatingButton>
                </Alert>}
        </>
    );
}
