// Exactly what will run, as root: the command, unknown variables, privilege warnings, and the
// options the host's engine does not know (a label written for podman, run by docker).
import { Alert } from "@patternfly/react-core/dist/esm/components/Alert/index.js";
import { _, N_, format } from "../cockpit";
import { engineOf, refusedOptions } from "../core/engineDialect";
import { formatCommand, type PrivilegeWarning } from "../core/labels";

const WARNING_TEXT: Record<PrivilegeWarning["kind"], string> = {
    privileged: N_("runs with all privileges of the host"),
    "cap-add": N_("adds Linux capabilities"),
    "label-disable": N_("turns off SELinux separation"),
    "host-network": N_("shares the host's network"),
    "host-pid": N_("sees and signals the host's processes"),
    "host-ipc": N_("shares the host's IPC namespace"),
    "host-root-mount": N_("mounts the host's whole file system"),
    "host-mount": N_("mounts a host path"),
    "not-engine": N_("is not a container engine command and runs directly on the host"),
};

export function warningText(w: PrivilegeWarning): string {
    return format(_("$0: $1"), w.arg, _(WARNING_TEXT[w.kind]));
}

/** The options of argv its engine does not know, if any: docker running a label written for podman. */
export function RefusedOptions({ argv }: { argv: string[] }) {
    const refused = refusedOptions(argv);
    if (refused.length === 0)
        return null;
    return (
        <Alert variant="danger" isInline className="ss-refused"
               title={format(_("$0 does not know these options and will refuse this command"), engineOf(argv) ?? "")}>
            <ul>{refused.map((o, i) => <li key={i}><code>{o.text}</code></li>)}</ul>
        </Alert>
    );
}

export function CommandPreview({ argv, unknownVariables, warnings, id }: {
    argv: string[]; unknownVariables: string[]; warnings: PrivilegeWarning[]; id?: string;
}) {
    return (
        <div className="ss-preview" id={id}>
            <pre className="ss-command" data-testid="command">{formatCommand(argv)}</pre>
            {unknownVariables.length > 0 &&
                <Alert variant="info" isInline isPlain title={format(_("Variables the label uses that have no value here (they expand to nothing): $0"),
                                                                     unknownVariables.join(", "))} />}
            {warnings.length > 0 &&
                <Alert variant="warning" isInline title={_("This command changes how isolated the container is")} className="ss-warnings">
                    <ul>{warnings.map((w, i) => <li key={i}>{warningText(w)}</li>)}</ul>
                </Alert>}
            <RefusedOptions argv={argv} />
        </div>
    );
}
