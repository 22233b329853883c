// Generate the unit that runs a service (or rewrite a legacy atomic one): the file as generated
// and as it is on disk now, then the write as an operation — only if the file is unchanged
// since it was read, naming the unit in the record (a new record for an image without one).
import type { EngineName } from "../core/engineVersion";
import { expansionContext, recordContext } from "../core/expansion";
import type { Image, ServiceRecord } from "../core/model";
import { planUnitWrite } from "../core/planMaintenance";
import { newRecord } from "../core/record";
import { generateUnit, regenerateLegacyUnit, runArgvFor, type GeneratedUnit } from "../core/unitGen";
import { startOperation, type AppContext } from "./context";

export interface LegacyUnit { unit: string; path: string; text: string; container: string }

export interface UnitTarget {
    engine: EngineName;
    image: Image | null;           // for its RUN label
    imageRef: string;
    /** The service's record; null for an image without one (a record is written with the unit). */
    record: ServiceRecord | null;
    legacy?: LegacyUnit;
}

export interface PreparedUnit { generated: GeneratedUnit; disk: { content: string | null; tag: string } }

// the record the unit is written for: the service's own, a new one for NAME, or none without an image
function recordFor(t: UnitTarget, name: string, now: Date): ServiceRecord | null {
    return t.record ?? (t.image ? newRecord({ name, image: t.imageRef, imageId: t.image.id, engine: t.engine }, now) : null);
}

/** The unit generated for NAME, and the file at its path as it is now (with the tag a write must match). */
export async function prepareUnit(ctx: AppContext, t: UnitTarget, name: string): Promise<PreparedUnit> {
    const runArgv = runArgvFor(t.image?.labels ?? {}, t.record
        ? recordContext(t.record, t.engine)
        : expansionContext({ name, engine: t.engine, image: t.image, imageRef: t.imageRef, record: null }));
    const generated = t.legacy
        ? regenerateLegacyUnit(t.legacy.text, t.legacy.path, { name, engine: t.engine, runArgv })
        : generateUnit({ name, engine: t.engine, runArgv }, await ctx.host.unitFlavor(t.engine));
    return { generated, disk: await ctx.host.readFile(generated.path, "require") };
}

/** Writes `content` as the prepared unit; resolves with the operation's ID. */
export function startUnitWrite(ctx: AppContext, t: UnitTarget, name: string, prepared: PreparedUnit, content: string, now: Date): Promise<string> {
    const { generated, disk } = prepared;
    return startOperation(ctx, name, "unit-write", planUnitWrite({
        path: generated.path, unit: generated.unit, content, disk, record: recordFor(t, name, now), recordExists: t.record !== null,
    }));
}
