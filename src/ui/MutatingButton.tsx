// A button that changes the host: disabled, with the reason as a tooltip, without admin access.
import { Button, type ButtonProps } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Tooltip } from "@patternfly/react-core/dist/esm/components/Tooltip/index.js";
import { accessReason, useAccess } from "./access";

export function MutatingButton(props: ButtonProps) {
    const reason = accessReason(useAccess());
    if (reason === null)
        return <Button {...props} data-mutating="true" />;
    return (
        <Tooltip content={reason}>
            <Button {...props} data-mutating="true" isAriaDisabled />
        </Tooltip>
    );
}
