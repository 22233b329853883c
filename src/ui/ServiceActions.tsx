// Run / Stop (the image's labels) and Uninstall an installed service: planned and started by app/service.ts.
import { useState } from "preact/hooks";
import { _, format } from "../cockpit";
import { runPlan, startServiceAction, stopPlan, uninstallPlan, type ServiceFacts } from "../app/service";
import { imageOfRecord } from "../core/inventory";
import type { Image } from "../core/model";
import { useApp } from "./appContext";
import { PlaybookExport } from "./PlaybookExport";
import { uninstallPlaybook } from "../app/playbook";
import { useDialogs } from "./dialogs";
import { MutatingButton } from "./MutatingButton";
import { PlanDialog } from "./PlanDialog";
import { useListInEffect } from "./useHostDataList";
import { useCurrentInventory } from "./useInventory";

// what the dialog plans with: the service's facts as listed now, not as they were when it opened
function useLive(props: ServiceFacts): ServiceFacts {
    const inventory = useCurrentInventory();
    const record = inventory?.records?.records.find(r => r.name === props.record.name) ?? props.record;
    const image = inventory?.images ? imageOfRecord(inventory.images, record) : props.image;
    return { record, image, containers: inventory?.containers ?? props.containers, engine: props.engine };
}

function RunDialog(shown: ServiceFacts & { image: Image }) {
    const app = useApp();
    const [replace, setReplace] = useState(false);
    const live = useLive(shown);
    const props = { ...live, image: live.image ?? shown.image };
    const plan = runPlan(props, replace);
    return <PlanDialog id="run-dialog" title={format(_("Run $0"), props.record.name)} plan={plan} action={_("Run")}
                       start={p => startServiceAction(app, props.record.name, "run", p)}
                       choices={plan.kind === "refused" && plan.code === "other-image" || replace
                           ? [{ id: "run-replace", label: _("Replace the existing container"), checked: replace, set: setReplace }]
                           : []} />;
}

function StopDialog(shown: ServiceFacts) {
    const app = useApp();
    const props = useLive(shown);
    return <PlanDialog id="stop-dialog" title={format(_("Stop $0"), props.record.name)} plan={stopPlan(props)} action={_("Stop")}
                       start={p => startServiceAction(app, props.record.name, "stop", p)} />;
}

/** Uninstall; `leave`: the same, offered as leaving the domain the service's INSTALL joined. */
export function UninstallDialog({ leave = false, ...shown }: ServiceFacts & { leave?: boolean }) {
    const app = useApp();
    const props = useLive(shown);
    const [force, setForce] = useState(false);
    const [deleteImage, setDeleteImage] = useState(false);
    const list = useListInEffect(props.image, props.engine, props.record.name);
    const plan = uninstallPlan(props, list.value ?? null, { force, deleteImage, now: new Date() });
    const choices = [{ id: "uninstall-delete-image", label: _("Also delete the image"), checked: deleteImage, set: setDeleteImage }];
    if ((plan.kind === "refused" && plan.code === "image-in-use") || force)
        choices.push({ id: "uninstall-force", label: _("Uninstall although other containers use the image"), checked: force, set: setForce });
    return <PlanDialog id="uninstall-dialog" title={format(leave ? _("Leave the domain: uninstall $0") : _("Uninstall $0"), props.record.name)}
                       plan={plan} action={leave ? _("Leave the domain") : _("Uninstall")}
                       start={p => startServiceAction(app, props.record.name, "uninstall", p)} danger choices={choices}
                       // the backup and the override mount come from the list: no plan before it is read
                       waitingFor={list.loading ? _("Reading the host-data-list…") : null} blocker={list.error}
                       extra={<PlaybookExport id="uninstall-playbook" imageRef={null}
                                              make={(_source, host) => uninstallPlaybook(props, list.value ?? null, host)} />} />;
}

/**
 * A service whose unit runs it is started and stopped through the unit (its card): running the
 * RUN or STOP label beside it would start a second container or stop the container behind
 * systemd's back, leaving the unit failed. Without a unit, Run and Stop run the labels.
 */
export function unitManaged(record: ServiceFacts["record"], useSystemd: boolean): boolean {
    return record.unit !== null && useSystemd;
}

/** Run and Stop for a service without a unit; a unit-managed service has its unit card instead. */
export function ServiceActions(props: ServiceFacts & { useSystemd: boolean }) {
    const dialogs = useDialogs();
    const { image } = props;
    if (unitManaged(props.record, props.useSystemd))
        return null;
    const running = props.containers.some(c => c.name === props.record.name && c.state === "running");
    return (
        <>
            <MutatingButton id="service-run" variant={running ? "secondary" : "primary"} isDisabled={!image}
                            onClick={() => image && dialogs.show(<RunDialog {...props} image={image} />)}>{_("Run")}</MutatingButton>
            <MutatingButton id="service-stop" variant={running ? "primary" : "secondary"}
                            onClick={() => dialogs.show(<StopDialog {...props} />)}>{_("Stop")}</MutatingButton>
        </>
    );
}
