// How the images were listed: from podman's store directly (and a check against podman's own
// listing, one click away), or by the engine, with the reason.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Spinner } from "@patternfly/react-core/dist/esm/components/Spinner/index.js";
import { _, format, formatNumber, ngettext } from "../cockpit";
import { asError } from "../app/errors";
import { checkListing, type ListingCheck } from "../app/listing";
import type { EngineName } from "../core/engineVersion";
import { useApp } from "./appContext";
import { ErrorAlert, errorMessage } from "./ErrorAlert";
import { useCurrentInventory } from "./useInventory";

function duration(ms: number): string {
    return ms < 1000 ? format(_("$0 ms"), Math.round(ms)) : format(_("$0 s"), formatNumber(ms / 1000, 1));
}

const SHOWN_DIFFERENCES = 20;

function CheckResult({ check }: { check: ListingCheck }) {
    const identical = check.differences.length === 0;
    return (
        <div id="images-route-check-result" data-identical={String(identical)} className={identical ? "ss-note ss-note-info" : "ss-note ss-note-warning"}>
            {identical
                ? format(ngettext("The same $0 image as podman images lists (podman took $1).", "The same $0 images as podman images lists (podman took $1).", check.images),
                         check.images, duration(check.engineMs))
                : format(ngettext("$0 difference from podman images (podman took $1):", "$0 differences from podman images (podman took $1):", check.differences.length),
                         check.differences.length, duration(check.engineMs))}
            {!identical &&
                <ul>
                    {check.differences.slice(0, SHOWN_DIFFERENCES).map((d, i) => <li key={i}>{format(_(d.template), ...d.args)}</li>)}
                </ul>}
        </div>
    );
}

export function ListingNote({ engine }: { engine: EngineName }) {
    const { host } = useApp();
    const listing = useCurrentInventory()?.listing ?? null;
    const [checking, setChecking] = useState(false);
    const [check, setCheck] = useState<ListingCheck | null>(null);
    const [error, setError] = useState<Error | null>(null);
    if (!listing)
        return null;
    const run = () => {
        setChecking(true);
        setCheck(null);
        setError(null);
        checkListing(host, engine).then(setCheck, e => setError(asError(e))).finally(() => setChecking(false));
    };
    return (
        <div id="images-route" data-route={listing.route} className="ss-listing-note">
            {listing.route === "storage"
                ? <>
                    {format(_("Read from podman's storage in $0."), duration(listing.ms))}{" "}
                    <Button id="images-route-check" variant="link" isInline isDisabled={checking} onClick={run}>
                        {_("Compare with podman images")}
                    </Button>
                    {checking && <> <Spinner size="sm" /> {_("podman can take minutes with hundreds of images.")}</>}
                </>
                : format(_("Listed by $0 in $1: $2"), engine, duration(listing.ms), listing.reason ? errorMessage(listing.reason) : "")}
            {check && <CheckResult check={check} />}
            {error && <ErrorAlert title={_("podman images failed")} error={error} />}
        </div>
    );
}
