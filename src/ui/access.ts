import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Access } from "../app/context";

export const AccessContext = createContext<Access>("init");
export const useAccess = (): Access => useContext(AccessContext);
