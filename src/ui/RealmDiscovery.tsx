// What `realm discover` says of the domain being typed, through the image's discover label:
// asked once typing pauses, the answer shown under the field, the raw output one click away.
import { useEffect, useState } from "preact/hooks";
import { ExpandableSection } from "@patternfly/react-core/dist/esm/components/ExpandableSection/index.js";
import { _, format } from "../cockpit";
import { discoverCommand, discoverDomain } from "../app/enroll";
import type { EngineName } from "../core/engineVersion";
import { formatCommand } from "../core/labels";
import type { Image } from "../core/model";
import type { RealmDiscovery as Discovery } from "../core/realmDiscover";
import { useApp } from "./appContext";

const PAUSE_MS = 700;

export function RealmDiscovery({ image, imageRef, engine, domain, valid }: {
    image: Image; imageRef: string; engine: EngineName; domain: string; valid: boolean;
}) {
    const { host } = useApp();
    const argv = valid && domain.trim() !== "" ? discoverCommand(image, imageRef, engine, domain.trim()) : null;
    const key = argv?.join("\u0000") ?? "";
    const [answer, setAnswer] = useState<{ key: string; discovery: Discovery | null; output: string } | null>(null);
    useEffect(() => {
        if (key === "")
            return;
        // the command again from its key: a new array with the same words asks nothing new
        const command = key.split("\u0000");
        let gone = false;
        const timer = setTimeout(() => {
            discoverDomain(host, command).then(
                r => { if (!gone) setAnswer({ key, ...r }); },
                (e: Error) => { if (!gone) setAnswer({ key, discovery: null, output: e.message }); });
        }, PAUSE_MS);
        return () => { gone = true; clearTimeout(timer); };
    }, [key, host]);
    if (!argv)
        return null;
    const current = answer?.key === key ? answer : null;
    const d = current?.discovery ?? null;
    return (
        <div id="enroll-discovery" data-status={current ? d?.status ?? "error" : "looking"} className="ss-discovery">
            {!current && <p>{format(_("Looking up $0…"), domain.trim())}</p>}
            {d?.status === "found" && <p>{format(_("Found $0: realm $1, server software $2; this host needs $3."), d.realm.domainName,
                                                 d.realm.realmName ?? "?", d.realm.serverSoftware ?? "?", d.realm.requiredPackages.join(", ") || "—")}</p>}
            {d?.status === "no-such-realm" && <p>{format(_("No such domain: $0. Check the name, and that this host's DNS server knows the domain."), domain.trim())}</p>}
            {current && (d === null || d.status === "unreadable") && <p>{_("The domain could not be looked up.")}</p>}
            {current && <ExpandableSection toggleText={_("Output")} id="enroll-discovery-output">
                <pre className="ss-command">{formatCommand(argv)}</pre>
                <pre>{current.output}</pre>
            </ExpandableSection>}
        </div>
    );
}
