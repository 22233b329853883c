// Which host the page manages: its own name, and the address the shell reached it at when
// that is another machine (the host switcher's /@HOST/ pages run every call there).
import { cockpit, run } from "../cockpit";

export interface HostIdentity {
    name: string;
    /** the switcher's address of a remote host; null for the machine Cockpit runs on */
    address: string | null;
}

export async function hostIdentity(): Promise<HostIdentity> {
    // the host is known once the shell's init message has come: "localhost" before that
    await new Promise<void>(resolve => cockpit.transport.wait(resolve));
    const transport = cockpit.transport.host;
    const address = transport && transport !== "localhost" ? transport : null;
    try {
        return { name: (await run(["hostname"])).trim() || (address ?? "localhost"), address };
    } catch {
        // a name is a nicety: the address (or "localhost") still says which host this is
        return { name: address ?? "localhost", address };
    }
}
