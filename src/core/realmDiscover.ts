// Reads what `realm discover -v DOMAIN` prints (the image's discover label): verbose lines
// ("* Resolving: …"), then each realm found as an unindented name and indented "key: value"
// lines; or "realm: No such realm found: DOMAIN". The first realm is the answer.

export interface DiscoveredRealm {
    name: string;                    // the realm's heading line, e.g. "adprobe.test"
    domainName: string;
    realmName: string | null;        // e.g. "ADPROBE.TEST"
    type: string | null;             // "kerberos"
    serverSoftware: string | null;   // "active-directory", "ipa"
    clientSoftware: string | null;   // "sssd", "winbind"
    requiredPackages: string[];
    configured: string | null;       // null: "no"; else how, e.g. "kerberos-member"
}

export type RealmDiscovery =
    | { status: "found"; realm: DiscoveredRealm; others: number }
    | { status: "no-such-realm"; name: string | null }
    | { status: "unreadable" };    // neither: the caller shows the output (see recognizeEnrollFailure)

interface Block { name: string; properties: [string, string][] }

function blocks(output: string): Block[] {
    const found: Block[] = [];
    for (const line of output.split(/\r?\n/)) {
        if (line.trim() === "" || /^\s*[*!] /.test(line) || /^\s*[*!]$/.test(line) || line.startsWith("realm: "))
            continue;
        if (!/^\s/.test(line)) {
            found.push({ name: line.trim(), properties: [] });
            continue;
        }
        const m = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (m !== null && found.length > 0)
            found[found.length - 1].properties.push([m[1], m[2].trim()]);
    }
    return found.filter(b => b.properties.length > 0);
}

function toRealm(block: Block): DiscoveredRealm {
    const first = (key: string): string | null => block.properties.find(([k]) => k === key)?.[1] ?? null;
    const configured = first("configured");
    return {
        name: block.name,
        domainName: first("domain-name") ?? block.name,
        realmName: first("realm-name"),
        type: first("type"),
        serverSoftware: first("server-software"),
        clientSoftware: first("client-software"),
        requiredPackages: block.properties.filter(([k, v]) => k === "required-package" && v !== "").map(([, v]) => v),
        configured: configured === null || configured === "no" ? null : configured,
    };
}

/** What `realm discover -v` printed (stdout and stderr together or stdout alone). */
export function parseRealmDiscover(output: string): RealmDiscovery {
    const realms = blocks(output);
    if (realms.length > 0)
        return { status: "found", realm: toRealm(realms[0]), others: realms.length - 1 };
    const none = /realm: No such realm found(?::\s*(\S+))?/.exec(output) ?? /^\s*\* No results:\s*(\S+)/m.exec(output);
    if (none !== null)
        return { status: "no-such-realm", name: none[1] ?? null };
    return { status: "unreadable" };
}
