// The domain model the page shows: images, containers, install records, operations.
// host/ fills it from raw facts (engine JSON, files, D-Bus); core/ decides with it.
import type { EngineName } from "./engineVersion";

/** The labels that make an image a system container image. */
export const ACTION_LABELS = ["INSTALL", "RUN", "STOP", "UNINSTALL"] as const;
export type ActionLabel = typeof ACTION_LABELS[number];

export interface Image {
    id: string;                        // full hex ID without "sha256:"
    names: string[];                   // "localhost/demo-service:latest"; empty for dangling images
    digest: string;                    // "sha256:…" of its manifest (podman); "" when the engine does not say (docker)
    labels: Record<string, string>;    // as the image carries them, keys in their own case
    created: number;                   // seconds since the epoch
    size: number;                      // bytes
    containers: number;                // how many containers use it (podman says; docker: -1 = unknown)
}

export interface Container {
    id: string;
    name: string;
    image: string;                     // the reference it was created from
    imageId: string;
    state: string;                     // "running", "exited", "created", …
    running: boolean;
    labels: Record<string, string>;
}

/** The label variables OPT1–OPT3 (atomic's --opt1..3), as given for one service. */
export type LabelOptions = { OPT1?: string; OPT2?: string; OPT3?: string };

/** An image ID without its "sha256:" prefix, as the page keeps and compares them. */
export function bareId(id: string): string {
    return id.startsWith("sha256:") ? id.slice(7) : id;
}

/** /etc/containers/system-services/NAME/service.json */
export interface ServiceRecord {
    version: 1;
    name: string;
    image: string;                     // reference as installed
    imageId: string;
    engine: EngineName;
    installedAt: string;               // ISO 8601, UTC
    options: LabelOptions;
    extraArgs: string[];
    unit: string | null;               // "NAME.service" when the image wrote or we generated one
    previousImageId: string | null;    // for rollback after an update
}

/** One engine event from `podman events --format json` (only what the page reacts to). */
export interface EngineEvent {
    type: "image" | "container" | "volume" | "pod" | "system" | "network" | "other";
    status: string;                    // "create", "remove", "pull", "tag", "untag", "start", "died", …
    id: string | null;
    name: string | null;
    time: string | null;
}
