// The engine's images and containers and our install records, kept current from engine
// events (one stream, not polling). A burst of events costs one listing.
import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { Host, ImageListing, RecordsListing } from "../app/context";
import { asError } from "../app/errors";
import type { EngineName } from "../core/engineVersion";
import type { Container, Image } from "../core/model";
import { keepUnchanged } from "../core/inventory";

// what did not change keeps its identity: memoized rows do not redraw for it
function sameAs<T>(previous: T | null, next: T): T {
    return previous !== null && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

/** How the images were listed (the Images view says so). */
export type ListingRoute = Omit<ImageListing, "images">;

export interface Inventory {
    images: Image[] | null;
    listing: ListingRoute | null;
    containers: Container[] | null;
    records: RecordsListing | null;
    error: Error | null;
    refresh(): void;
}

// events come in bursts (a pull, a load of many images): one listing for a burst
const SETTLE_MS = 150;

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
    const [listing, setListing] = useState<ListingRoute | null>(null);
    const [containers, setContainers] = useState<Container[] | null>(null);
    const [records, setRecords] = useState<RecordsListing | null>(null);
    const [error, setError] = useState<Error | null>(null);
    const refreshRef = useRef<() => void>(() => {});

    useEffect(() => {
        if (!engine)
            return;
        let timer: ReturnType<typeof setTimeout> | null = null;
        let alive = true;
        let loading = false;
        let again = false;
        const load = () => {
            timer = null;
            // one listing at a time: what changes meanwhile is listed right after it
            if (loading) {
                again = true;
                return;
            }
            loading = true;
            const noImages: ImageListing = { images: [], route: "engine", reason: null, ms: 0 };
            Promise.all([admin ? host.listImages(engine) : noImages, admin ? host.listContainers(engine) : [], host.listRecords()])
                    .then(([{ images: i, ...route }, c, r]) => {
                        if (!alive)
                            return;
                        setImages(previous => keepUnchanged(previous, i));
                        setListing(admin ? route : null);
                        setContainers(previous => sameAs(previous, c));
                        setRecords(previous => sameAs(previous, r));
                        setError(null);
                    })
                    .catch(e => alive && setError(asError(e)))
                    .finally(() => {
                        loading = false;
                        if (again && alive) {
                            again = false;
                            load();
                        }
                    });
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

    return { images, listing, containers, records, error, refresh: () => refreshRef.current() };
}
