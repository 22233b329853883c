// What the engine has: images (one listing call, whatever their number), containers, events.
import { cockpit, run } from "../cockpit";
import { eventsJsonFormat, parseDockerEvent } from "../core/engineDialect";
import type { EngineName } from "../core/engineVersion";
import type { Container, EngineEvent, Image } from "../core/model";
import {
    parseDockerContainerInspect, parseDockerImageInspect, parseEngineEvent, parsePodmanContainers, parsePodmanImages,
} from "../core/inventory";
import { N_ } from "../core/i18n";
import { CoreError } from "../core/text";
import { readStoreImages } from "./storage";

/** How a listing was made: podman's store read directly, or the engine asked (and why). */
export interface ImageListing {
    images: Image[];
    route: "storage" | "engine";
    reason: Error | null;          // why the engine listed them
    ms: number;
}

/**
 * podman: its store read directly (seconds faster at hundreds of images, see host/storage.ts);
 * anything that path does not recognise is listed by the engine, with the reason.
 */
export async function listImages(engine: EngineName): Promise<ImageListing> {
    const start = performance.now();
    let reason: Error = new CoreError(N_("docker keeps its images in a store of its own."));
    if (engine === "podman") {
        try {
            return { images: await readStoreImages(), route: "storage", reason: null, ms: performance.now() - start };
        } catch (e) {
            reason = e instanceof Error ? e : new Error(String(e));
        }
    }
    const images = await listImagesWithEngine(engine);
    return { images, route: "engine", reason, ms: performance.now() - start };
}

/** podman lists labels with the images: one process. docker needs one batched inspect more. */
export async function listImagesWithEngine(engine: EngineName): Promise<Image[]> {
    if (engine === "podman")
        return parsePodmanImages(await run(["podman", "images", "--format", "json"], { superuser: "try" }));
    const ids = (await run(["docker", "images", "-q", "--no-trunc"], { superuser: "try" })).split("\n").filter(Boolean);
    if (ids.length === 0)
        return [];
    return parseDockerImageInspect(await run(["docker", "image", "inspect", ...new Set(ids)], { superuser: "try" }));
}

/** podman: one call. docker's ps has no image IDs: its IDs, then one batched inspect. */
export async function listContainers(engine: EngineName): Promise<Container[]> {
    if (engine === "podman")
        return parsePodmanContainers(await run(["podman", "ps", "-a", "--format", "json"], { superuser: "try" }));
    const ids = (await run(["docker", "ps", "-aq", "--no-trunc"], { superuser: "try" })).split("\n").filter(Boolean);
    if (ids.length === 0)
        return [];
    return parseDockerContainerInspect(await run(["docker", "container", "inspect", ...ids], { superuser: "try" }));
}

/**
 * Streams the engine's events; onEvent gets each one.
 * Returns a function that stops the stream.
 */
export function watchEngineEvents(engine: EngineName, onEvent: (event: EngineEvent) => void,
    onClosed: (message: string) => void): () => void {
    const argv = [engine, "events", "--format", eventsJsonFormat(engine)];
    const parse = engine === "podman" ? parseEngineEvent : parseDockerEvent;
    const proc = cockpit.spawn(argv, { superuser: "try", err: "message" });
    let buffer = "";
    let stopped = false;
    proc.stream(data => {
        buffer += data;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
            const event = parse(line);
            if (event)
                onEvent(event);
        }
    });
    proc.then(() => !stopped && onClosed("the event stream ended"),
              e => !stopped && onClosed(e.message));
    return () => {
        stopped = true;
        proc.close();
    };
}

