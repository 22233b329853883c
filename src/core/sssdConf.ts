// What the domain card shows of /etc/sssd/sssd.conf: the domains [sssd] serves and, for each,
// its provider, realm and server, as SSSD's INI format gives them (sssd.conf(5)).

export interface SssdDomain {
    name: string;                    // from [domain/NAME]
    idProvider: string | null;       // ad, ipa, ldap, …
    realm: string | null;            // krb5_realm
    server: string | null;           // ad_server, ipa_server or ldap_uri
}

export interface SssdConf {
    /** The domains [sssd] lists, in its order, each with its section (empty values when it has none). */
    domains: SssdDomain[];
}

function sections(text: string): Map<string, Map<string, string>> {
    const found = new Map<string, Map<string, string>>();
    let current: Map<string, string> | null = null;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";"))
            continue;
        const section = /^\[(.+)\]$/.exec(line);
        if (section) {
            current = found.get(section[1].trim()) ?? new Map();
            found.set(section[1].trim(), current);
            continue;
        }
        const eq = line.indexOf("=");
        if (current && eq > 0)
            current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
    return found;
}

export function parseSssdConf(text: string): SssdConf {
    const all = sections(text);
    const names = (all.get("sssd")?.get("domains") ?? "").split(",").map(d => d.trim()).filter(Boolean);
    return {
        domains: names.map(name => {
            const s = all.get(`domain/${name}`) ?? new Map<string, string>();
            return {
                name,
                idProvider: s.get("id_provider") ?? null,
                realm: s.get("krb5_realm") ?? null,
                server: s.get("ad_server") ?? s.get("ipa_server") ?? s.get("ldap_uri") ?? null,
            };
        }),
    };
}
