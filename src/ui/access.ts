// What every view may need to know about the session: the access it has, the host it manages.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { _ } from "../cockpit";
import type { Access } from "../app/context";

export const AccessContext = createContext<Access>("init");
export const useAccess = (): Access => useContext(AccessContext);

/** Why an action that changes the host is unavailable with this access; null with administrative access. */
export function accessReason(access: Access): string | null {
    if (access === "root")
        return null;
    return access === "init"
        ? _("Checking administrative access…")
        : _("This needs administrative access. Turn it on with the shell's “Limited access” button.");
}

/** The name of the host the page manages (its host line), for what the page exports. */
export const HostNameContext = createContext<string>("localhost");
export const useHostName = (): string => useContext(HostNameContext);
