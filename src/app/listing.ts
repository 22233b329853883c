// The check of the page's own reading of podman's store: the store read, podman's listing,
// the store read again; identical when podman's listing matches either reading (an image
// pulled or removed meanwhile is no difference).
import type { EngineName } from "../core/engineVersion";
import { inventoryDifferences, type InventoryDifference } from "../core/inventoryCompare";
import type { ReadHost } from "./context";

export interface ListingCheck {
    images: number;
    engineMs: number;
    differences: InventoryDifference[];
}

export async function checkListing(host: Pick<ReadHost, "listImages" | "listImagesWithEngine">, engine: EngineName): Promise<ListingCheck> {
    const before = await host.listImages(engine);
    const start = performance.now();
    const theirs = await host.listImagesWithEngine(engine);
    const engineMs = performance.now() - start;
    let differences = inventoryDifferences(before.images, theirs);
    if (differences.length > 0)
        differences = inventoryDifferences((await host.listImages(engine)).images, theirs);
    return { images: theirs.length, engineMs, differences };
}
