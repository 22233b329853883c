// What is wrong with a unit's file, in systemd's words: a file that does not load
// (LoadState bad-setting/error, with `systemd-analyze verify`), or a legacy `atomic run`
// unit on a host without atomic — with the offer to rewrite it as a podman unit.
import { useEffect, useState } from "preact/hooks";
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { _, format, readFile } from "../cockpit";
import { containerOfUnit, parseUnitFile, type UnitContainer } from "../core/unitFile";
import { findImage } from "../host/images";
import type { UnitState } from "../host/units";
import { hostHasExecutable, verifyUnitFile } from "../host/unitFiles";
import { useDialogs } from "./dialogs";
import { GenerateUnitDialog } from "./GenerateUnitDialog";
import { MutatingButton } from "./MutatingButton";

interface Legacy { text: string; container: UnitContainer; atomicPath: string; atomicMissing: boolean }

const BAD_LOAD = new Set(["bad-setting", "error"]);

// The atomic binary the unit's ExecStart names (usually /usr/bin/atomic).
function atomicBinary(text: string): string {
    const exec = parseUnitFile(text).Service?.ExecStart?.find(v => /\batomic\b/.test(v)) ?? "";
    const word = exec.replace(/^[-@:+!]*/, "").split(/\s+/)[0];
    return word.startsWith("/") ? word : "/usr/bin/atomic";
}

export function UnitFileStatus({ state }: { state: UnitState }) {
    const dialogs = useDialogs();
    const [verify, setVerify] = useState("");
    const [legacy, setLegacy] = useState<Legacy | null>(null);
    const bad = BAD_LOAD.has(state.loadState);
    const path = state.fragmentPath;

    useEffect(() => {
        let alive = true;
        setVerify("");
        if (bad && path)
            verifyUnitFile(path).then(out => alive && setVerify(out), () => undefined);
        return () => { alive = false; };
    }, [bad, path, state.loadError]);

    useEffect(() => {
        let alive = true;
        setLegacy(null);
        if (!path || bad)
            return;
        (async () => {
            const { content } = await readFile(path);
            const container = content ? containerOfUnit(content, state.name) : null;
            if (!content || container?.engine !== "atomic")
                return;
            const atomicPath = atomicBinary(content);
            const missing = !await hostHasExecutable(atomicPath);
            if (alive)
                setLegacy({ text: content, container, atomicPath, atomicMissing: missing });
        })().catch(() => undefined);
        return () => { alive = false; };
    }, [path, bad, state.name]);

    const rewrite = async (l: Legacy) => {
        const ref = l.container.image ?? "";
        const image = ref ? await findImage("podman", ref).catch(() => null) : null;
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
                    {verify && <pre className="ss-command-log" id="unit-verify">{verify}</pre>}
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
