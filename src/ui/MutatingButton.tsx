// A button that changes the host: disabled, with the reason as a tooltip, without admin access.
import { Button, type ButtonProps } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Tooltip } from "@patternfly/react-core/dist/esm/components/Tooltip/index.js";
import { _ } from "../cockpit";
import { useAccess } from "./access";

export function MutatingButton(props: ButtonProps) {
    const access = useAccess();
    if (access === "root")
        return <Button {...props} data-mutating="true" />;
    const reason = access === "init"
        ? _("Checking administrative access…")
        : _("This needs administrative access. Turn it on with the shell's “Limited access” button.");
    return (
        <Tooltip content={reason}>
            <Button {...props} data-mutating="true" isAriaDisabled />
        </Tooltip>
    );
}
