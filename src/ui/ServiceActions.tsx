// Run / Stop / Uninstall an installed service: atomic's semantics, planned in core/lifecycle.
import { useState } from "preact/hooks";
import { _, format } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import { planRun, planStop, planUninstall } from "../core/lifecycle";
import type { Container, Image, ServiceRecord } from "../core/model";
import { useDialogs } from "./dialogs";
import { MutatingButton } from "./MutatingButton";
import { PlanDialog } from "./PlanDialog";
import { listPlanInput, useListInEffect } from "./useHostDataList";

interface Props { record: ServiceRecord; image: Image | null; containers: Container[]; engine: EngineName }

function base({ record, image, containers, engine }: Props) {
    return {
        name: record.name, engine, containers, record, image, imageRef: record.image,
        options: record.options, extraArgs: record.extraArgs,
    };
}

function RunDialog(props: Props & { image: Image }) {
    const [replace, setReplace] = useState(false);
    const plan = planRun({ ...base(props), image: props.image, replace });
    return <PlanDialog id="run-dialog" title={format(_("Run $0"), props.record.name)} plan={plan} action={_("Run")}
                       spec={{ service: props.record.name, kind: "run", title: format(_("Running $0"), props.record.name) }}
                       choices={plan.kind === "refused" && plan.code === "other-image" || replace
                           ? [{ id: "run-replace", label: _("Replace the existing container"), checked: replace, set: setReplace }]
                           : []} />;
}

function StopDialog(props: Props) {
    const plan = planStop({ ...base(props), extraArgs: [] });
    return <PlanDialog id="stop-dialog" title={format(_("Stop $0"), props.record.name)} plan={plan} action={_("Stop")}
                       spec={{ service: props.record.name, kind: "stop", title: format(_("Stopping $0"), props.record.name) }} />;
}

function UninstallDialog(props: Props) {
    const [force, setForce] = useState(false);
    const [deleteImage, setDeleteImage] = useState(false);
    const list = useListInEffect(props.image, props.engine, props.record.name);
    const plan = planUninstall({ ...base(props), ...listPlanInput(list, new Date()), extraArgs: [], force, deleteImage });
    const choices = [{ id: "uninstall-delete-image", label: _("Also delete the image"), checked: deleteImage, set: setDeleteImage }];
    if ((plan.kind === "refused" && plan.code === "image-in-use") || force)
        choices.push({ id: "uninstall-force", label: _("Uninstall although other containers use the image"), checked: force, set: setForce });
    return <PlanDialog id="uninstall-dialog" title={format(_("Uninstall $0"), props.record.name)} plan={plan} action={_("Uninstall")}
                       spec={{ service: props.record.name, kind: "uninstall", title: format(_("Uninstalling $0"), props.record.name) }}
                       choices={choices}
                       // the backup and the override mount come from the list: no plan before it is read
                       waitingFor={list.loading ? _("Reading the host-data-list…") : null} blocker={list.error} />;
}

export function ServiceActions(props: Props & { useSystemd: boolean }) {
    const dialogs = useDialogs();
    const { image } = props;
    return (
        <div className="ss-actions">
            <MutatingButton id="service-run" variant="secondary" isDisabled={!image}
                            onClick={() => image && dialogs.show(<RunDialog {...props} image={image} />)}>{_("Run")}</MutatingButton>
            <MutatingButton id="service-stop" variant="secondary"
                            onClick={() => dialogs.show(<StopDialog {...props} />)}>{_("Stop")}</MutatingButton>
            <MutatingButton id="service-uninstall" variant="danger"
                            onClick={() => dialogs.show(<UninstallDialog {...props} />)}>{_("Uninstall")}</MutatingButton>
        </div>
    );
}
