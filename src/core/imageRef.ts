import { N_ } from "./i18n";

// Image references typed by a person: checked before they reach an engine's argv.

/**
 * null when ref looks like an image reference ([registry[:port]/]path[:tag][@digest]),
 * else why not. A leading "-" would be read as an option, so it is refused.
 */
export function validateImageReference(ref: string): string | null {
    if (ref.trim() === "")
        return N_("Enter an image reference, for example quay.io/example/service:latest.");
    if (ref !== ref.trim() || /\s/.test(ref))
        return N_("An image reference cannot contain spaces.");
    if (ref.startsWith("-"))
        return N_("An image reference cannot start with \"-\".");
    if (ref.length > 4096)
        return N_("The image reference is too long.");
    const m = /^([a-zA-Z0-9][a-zA-Z0-9._:/-]*?)(:[\w][\w.-]{0,127})?(@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$/.exec(ref);
    if (!m || /\/\/|\/$|[._-]$/.test(m[1]))
        return N_("This is not a valid image reference: use [registry/]name[:tag][@digest].");
    if (m[1] !== m[1].toLowerCase() && !/^[^/]*[.:][^/]*\//.test(m[1]))
        return N_("Repository names must be lower case.");
    return null;
}

/** A reference without a registry host (or on localhost) cannot be pulled: it is looked up again only. */
export function isLocalReference(ref: string): boolean {
    const first = ref.split("/")[0];
    return !ref.includes("/") || first === "localhost" || !(first.includes(".") || first.includes(":"));
}
