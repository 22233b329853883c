// Reads for enrollment: a domain's discovery (the image's discover label, a read-only query of
// DNS and LDAP), the host's SSSD configuration and keytab, and a user looked up the way logins
// look them up (NSS, so through SSSD when the host is enrolled).
import { cockpit, hostError, readFile, run, type SpawnOptions } from "../cockpit";

export interface CommandOutput { output: string; exitCode: number | null }

/** Runs a read-only command (as root unless `superuser` says not); its output, standard error included, whether or not it fails. */
export async function runQuery(argv: string[], superuser: SpawnOptions["superuser"] = "require"): Promise<CommandOutput> {
    let output = "";
    const proc = cockpit.spawn(argv, { superuser, err: "out" });
    proc.stream(data => { output += data; });
    try {
        await proc;
        return { output, exitCode: 0 };
    } catch (e) {
        const error = hostError(argv.join(" "), e);
        if (error.exitStatus === null)
            throw error;
        return { output, exitCode: error.exitStatus };
    }
}

/** /etc/sssd/sssd.conf (null: none) and whether /etc/krb5.keytab exists. */
export async function readDomainFiles(): Promise<{ sssdConf: string | null; keytab: boolean }> {
    const conf = await readFile("/etc/sssd/sssd.conf", "require");
    const keytab = await run(["test", "-f", "/etc/krb5.keytab"], { superuser: "require" }).then(() => true, () => false);
    return { sssdConf: conf.content, keytab };
}

/** `getent passwd NAME` and `id NAME` as this user (what a login would see), each one's output or error. */
export async function lookUpUser(name: string): Promise<{ passwd: CommandOutput; id: CommandOutput }> {
    return { passwd: await runQuery(["getent", "passwd", "--", name], false), id: await runQuery(["id", "--", name], false) };
}
