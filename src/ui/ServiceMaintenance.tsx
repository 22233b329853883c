// Update, roll back, and generate the unit of an installed service.
import { _ } from "../cockpit";
import type { EngineName } from "../core/engineVersion";
import type { Image, ServiceRecord } from "../core/model";
import { useDialogs } from "./dialogs";
import { GenerateUnitDialog } from "./GenerateUnitDialog";
import { MutatingButton } from "./MutatingButton";
import { UpdateDialog } from "./UpdateDialog";

export function ServiceMaintenance({ record, image, engine, useSystemd }: {
    record: ServiceRecord; image: Image | null; engine: EngineName; useSystemd: boolean;
}) {
    const dialogs = useDialogs();
    return (
        <div className="ss-actions" id="service-maintenance">
            <MutatingButton id="service-update" variant="secondary"
                            onClick={() => dialogs.show(<UpdateDialog record={record} image={image} engine={engine} mode="update" />)}>
                {_("Update…")}
            </MutatingButton>
            <MutatingButton id="service-rollback" variant="secondary" isDisabled={!record.previousImageId}
                            onClick={() => dialogs.show(<UpdateDialog record={record} image={image} engine={engine} mode="rollback" />)}>
                {_("Roll back…")}
            </MutatingButton>
            {useSystemd && record.unit === null &&
                <MutatingButton id="service-generate-unit" variant="secondary"
                                onClick={() => dialogs.show(<GenerateUnitDialog engine={engine} image={image} imageRef={record.image}
                                                                                record={record} defaultName={record.name} />)}>
                    {_("Generate a unit…")}
                </MutatingButton>}
        </div>
    );
}
