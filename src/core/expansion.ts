// The one place where a service's label variables are put together: what ${NAME}, ${IMAGE},
// OPT1–OPT3 and the engine word become, and which extra arguments follow the command.
// Every label the page previews or runs (plans, the image page, generated units, update)
// is expanded with a context made here.
import type { EngineName } from "./engineVersion";
import type { ExpandContext } from "./labels";
import { bareId, type Image, type LabelOptions, type ServiceRecord } from "./model";

/** A service as the labels see it: what the person chose, or what the record kept. */
export interface ServiceInput {
    name: string;
    engine: EngineName;
    image: Image | null;
    /** What ${IMAGE} becomes; default: the record's reference, else the image's first name, else its ID. */
    imageRef?: string;
    record: ServiceRecord | null;
    options?: LabelOptions;
    extraArgs?: string[];
}

/** The reference ${IMAGE} expands to. */
export function imageRefOf(input: Pick<ServiceInput, "image" | "imageRef" | "record">): string {
    return input.imageRef ?? input.record?.image ?? input.image?.names[0] ?? (input.image ? bareId(input.image.id) : "");
}

/** The context expandLabel takes; options and extra arguments default to the record's. */
export function expansionContext(input: ServiceInput, extraArgs: string[] | undefined = input.extraArgs): ExpandContext {
    return {
        name: input.name,
        image: imageRefOf(input),
        engine: input.engine,
        opts: input.options ?? input.record?.options,
        extraArgs,
    };
}

/**
 * The context of an installed service, from its record alone: for RUN, STOP, UNINSTALL, units and
 * update. The extra arguments given to INSTALL are INSTALL's only: they are never replayed.
 */
export function recordContext(record: ServiceRecord, engine: EngineName = record.engine): ExpandContext {
    return expansionContext({ name: record.name, engine, image: null, record, extraArgs: [] });
}
