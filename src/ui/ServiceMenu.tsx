// The actions a service has beside starting and stopping: update, roll back, generate its
// unit, uninstall. One kebab, on the service's page and on its row in the Services list.
import { _, format } from "../cockpit";
import type { ServiceFacts } from "../app/service";
import { useDialogs } from "./dialogs";
import { GenerateUnitDialog } from "./GenerateUnitDialog";
import { KebabMenu, type MenuAction } from "./KebabMenu";
import { UninstallDialog } from "./ServiceActions";
import { UpdateDialog } from "./UpdateDialog";

export function ServiceMenu({ id, useSystemd, ...facts }: ServiceFacts & { id: string; useSystemd: boolean }) {
    const dialogs = useDialogs();
    const { record, image, engine } = facts;
    const actions: MenuAction[] = [
        {
            id: "service-update", label: _("Update…"), mutating: true,
            onSelect: () => dialogs.show(<UpdateDialog record={record} image={image} engine={engine} mode="update" />),
        },
        {
            id: "service-rollback", label: _("Roll back…"), mutating: true,
            disabledReason: record.previousImageId ? null : _("No earlier image is recorded: the service has not been updated here."),
            onSelect: () => dialogs.show(<UpdateDialog record={record} image={image} engine={engine} mode="rollback" />),
        },
    ];
    if (useSystemd && record.unit === null)
        actions.push({
            id: "service-generate-unit", label: _("Generate a unit…"), mutating: true,
            onSelect: () => dialogs.show(<GenerateUnitDialog engine={engine} image={image} imageRef={record.image}
                                                             record={record} defaultName={record.name} />),
        });
    actions.push({
        id: "service-uninstall", label: _("Uninstall…"), mutating: true, danger: true,
        onSelect: () => dialogs.show(<UninstallDialog {...facts} />),
    });
    return <KebabMenu id={id} label={format(_("Actions for $0"), record.name)} actions={actions} />;
}
