// Whether this session has administrative access, following the shell's switch live.
import { cockpit } from "../cockpit";

export type Access = "init" | "root" | "none";

export function watchSuperuser(onChange: (access: Access) => void): () => void {
    const internal = cockpit.dbus(null, { bus: "internal" });
    const proxy = internal.proxy("cockpit.Superuser", "/superuser");
    const update = () => {
        // Current is "init" while undecided, "none" without, and otherwise names the way in:
        // "root" for a bridge running as root, or the superuser bridge in use ("sudo", "pkexec")
        const current = proxy.Current;
        onChange(current === "init" || current === "none" ? current : typeof current === "string" ? "root" : "init");
    };
    proxy.addEventListener("changed", update);
    proxy.wait().then(update, () => onChange("none"));
    return () => {
        proxy.removeEventListener("changed", update);
        internal.close();
    };
}
