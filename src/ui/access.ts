// What every view may need to know about the session: the access it has, the host it manages.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Access } from "../app/context";

export const AccessContext = createContext<Access>("init");
export const useAccess = (): Access => useContext(AccessContext);

/** The name of the host the page manages (its host line), for what the page exports. */
export const HostNameContext = createContext<string>("localhost");
export const useHostName = (): string => useContext(HostNameContext);
