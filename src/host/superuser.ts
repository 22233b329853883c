// Whether this session has administrative access, following the shell's switch live.
import { cockpit } from "../cockpit";

export type Access = "init" | "root" | "none";

export function watchSuperuser(onChange: (access: Access) => void): () => void {
    const internal = cockpit.dbus(null, { bus: "internal" });
    const proxy = internal.proxy("cockpit.Superuser", "/superuser");
    const update = () => {
        const current = proxy.Current;
        onChange(current === "root" || current === "none" ? current : "init");
    };
    proxy.addEventListener("changed", update);
    proxy.wait().then(update, () => onChange("none"));
    return () => {
        proxy.removeEventListener("changed", update);
        internal.close();
    };
}
