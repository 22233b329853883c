// A button that changes the host: without admin access, or when the host's state rules it out
// (`disabledReason`), disabled with the reason as a tooltip. `data-disabled-by` says which, so a
// person (and a test) can tell "you may not" from "there is nothing to do".
import { Button, type ButtonProps } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Tooltip } from "@patternfly/react-core/dist/esm/components/Tooltip/index.js";
import { accessReason, useAccess } from "./access";

export function MutatingButton({ disabledReason, ...props }: ButtonProps & { disabledReason?: string | null }) {
    const denied = accessReason(useAccess());
    const reason = denied ?? disabledReason ?? null;
    if (reason === null)
        return <Button {...props} data-mutating="true" />;
    return (
        <Tooltip content={reason}>
            <Button {...props} data-mutating="true" data-disabled-by={denied !== null ? "access" : "state"}
                    isAriaDisabled />
        </Tooltip>
    );
}
