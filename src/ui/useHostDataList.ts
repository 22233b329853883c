// The host-data-list in effect for a service name, read through app/hostDataList.ts.
import type { EngineName } from "../core/engineVersion";
import type { Image } from "../core/model";
import { readListInEffect, type ListInEffect } from "../app/hostDataList";
import { useAccess } from "./access";
import { useApp } from "./appContext";
import { usePromise, type Loaded } from "./hooks";

/** value: the list in effect; null for an invalid name or without administrative access. */
export function useListInEffect(image: Image | null, engine: EngineName, name: string): Loaded<ListInEffect | null> {
    const app = useApp();
    const access = useAccess();
    return usePromise(() => access === "root" ? readListInEffect(app, image, engine, name) : Promise.resolve(null),
                      // eslint-disable-next-line react-hooks/exhaustive-deps -- the image by its ID: a new listing of the same image reads nothing new
                      [image?.id, engine, name, access, app]);
}
