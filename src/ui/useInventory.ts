// The engine's images and containers and our install records, kept current from engine
// events (one stream, not polling). A burst of events costs one listing.
import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { Host, RecordsListing } from "../app/context";
import { asError } from "../app/errors";
import type { EngineName } from "../core/engineVersion";
import type { Container, Image } from "../core/model";

export interface Inventory {
    images: Image[] | null;
    containers: Container[] | null;
    records: RecordsListing | null;
    error: Error | null;
    refresh(): void;
}

const SETTLE_MS = 300;

/** The inventory as it is now, for dialogs: a dialog shown earlier must not plan with what was listed then. */
export const InventoryContext = createContext<Inventory | null>(null);

export function useCurrentInventory(): Inventory | null {
    return useContext(InventoryContext);
}

/**
 * Without administrative access root's engine cannot be asked: images and containers stay
 * empty (the views say why); records and units are readable and listed.
 */
export function useInventory(host: Host, engine: EngineName | null, admin: boolean): Inventory {
    const [images, setImages] = useState<Image[] | null>(null);
    const [containers, setContainers] = useState<Container[] | null>(null);
    const [records, setRecords] = useState<RecordsListing | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const refreshRef = useRef<() => void>(() => {});

    useEffect(() => {
        if (!engine)
            return;
        let timer: ReturnType<typeof setTimeout> | null = null;
        let alive = true;
        const load = () => {
            timer = null;
            Promise.all([admin ? host.listImages(engine) : [], admin ? host.listContainers(engine) : [], host.listRecords()])
                    .then(([i, c, r]) => {
                        if (!alive)
                            return;
                        setImages(i);
                        setContainers(c);
                        setRecords(r);
                        setError(null);
                    })
                    .catch(e => alive && setError(asError(e)));
        };
        const soon = () => {
            if (timer === null)
                timer = setTimeout(load, SETTLE_MS);
        };
        refreshRef.current = soon;
        load();
        const unwatchRecords = host.onRecordsChanged(soon);
        const stop = !admin ? () => undefined : host.watchEngineEvents(engine, event => {
            if (event.type === "image" || event.type === "container" || event.type === "other")
                soon();
        }, message => alive && setError(new Error(`${engine} events: ${message}`)));
        return () => {
            alive = false;
            stop();
            unwatchRecords();
            if (timer)
                clearTimeout(timer);
        };
    }, [host, engine, admin]);

    return { images, containers, records, error, refresh: () => refreshRef.current() };
}
