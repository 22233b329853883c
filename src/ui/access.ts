import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Access } from "../host/superuser";

export const AccessContext = createContext<Access>("init");
export const useAccess = (): Access => useContext(AccessContext);
