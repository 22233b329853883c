// podman's images straight from containers-storage (core/storage.ts says what is read and
// why): one `podman info` per page load for the layout, then per listing one tar of the
// metadata files and, for images whose config this browser has not seen, one tar of their
// configs. Both are root processes of a fixed argv; the file names go in on stdin.
import { run, runBytes } from "../cockpit";
import { N_ } from "../core/i18n";
import type { Image } from "../core/model";
import {
    configPath, configsToRead, metadataPaths, parseConfig, readStoreMetadata, storeInventory, storeLayout,
    StoreUnsupported, type ConfigFacts, type StoreLayout,
} from "../core/storage";
import { tarMembers } from "../core/tarFile";
import { configCache } from "./configCache";

let layout: Promise<StoreLayout> | null = null;

function storeLayoutOnce(): Promise<StoreLayout> {
    layout ??= run(["podman", "info", "--format", "json"], { superuser: "try" }).then(storeLayout);
    // a store this page does not read stays so for the page load; a failed podman info is asked again
    layout.catch(e => {
        if (!(e instanceof StoreUnsupported))
            layout = null;
    });
    return layout;
}

// root's store where podman keeps it unless configured otherwise
const USUAL: StoreLayout = { graphRoot: "/var/lib/containers/storage", driver: "overlay" };
let early: Promise<Uint8Array | null> | null = null;

/**
 * Asks for the store's layout now, while the page still finds out which engine it has, and
 * reads the usual store's metadata meanwhile: the first listing takes it when podman info
 * names that store, and reads again otherwise.
 */
export function prepareStoreLayout(): void {
    storeLayoutOnce().catch(() => { /* no podman, or no store it can read: the listing says so */ });
    early = readMetadata(USUAL).catch(() => null);
}

function readMetadata(where: StoreLayout): Promise<Uint8Array> {
    return runBytes(tarArgv(where.graphRoot, false, metadataPaths(where)), { superuser: "try" });
}

// --ignore-failed-read: a file missing now (containers.json before any container, a config
// of an image just removed) is left out of the stream, and core decides what that means
function tarArgv(graphRoot: string, fromStdin: boolean, paths: string[] = []): string[] {
    return ["tar", "--create", "--file=-", `--directory=${graphRoot}`, "--ignore-failed-read", "--no-recursion",
        ...fromStdin ? ["--null", "--files-from=-"] : ["--", ...paths]];
}

function filesOf(stream: Uint8Array): Map<string, string> {
    const decoder = new TextDecoder();
    return new Map(tarMembers(stream).filter(m => m.type === "file").map(m => [m.name, decoder.decode(m.bytes)]));
}

/** The images as `podman images` lists them, or a StoreUnsupported saying why not. */
export async function readStoreImages(): Promise<Image[]> {
    const where = await storeLayoutOnce();
    const prefetched = early && where.graphRoot === USUAL.graphRoot && where.driver === USUAL.driver ? await early : null;
    early = null;
    const metadata = readStoreMetadata(where, filesOf(prefetched ?? await readMetadata(where)));
    const cache = configCache();
    const facts = new Map<string, ConfigFacts>();
    const missing = configsToRead(metadata, id => {
        const known = cache.get(id);
        if (known)
            facts.set(id, known);
        return known !== null;
    });
    if (missing.length > 0) {
        const paths = new Map(missing.map(id => [configPath(where, id), id]));
        const names = new TextEncoder().encode([...paths.keys()].map(p => p + "\0").join(""));
        const configs = filesOf(await runBytes(tarArgv(where.graphRoot, true), { superuser: "try" }, () => false, names));
        for (const [path, text] of configs) {
            const id = paths.get(path);
            if (id === undefined)
                throw new StoreUnsupported(N_("tar returned $0, which was not asked for."), path);
            facts.set(id, parseConfig(id, text));
            cache.set(id, facts.get(id) as ConfigFacts);
        }
        cache.save(metadata.images.map(i => i.id));
    }
    return storeInventory(metadata, facts, Date.now() / 1000);
}
