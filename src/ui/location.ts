// The page's URL (cockpit.location) as state: path parts and options.
import { useEffect, useState } from "preact/hooks";
import { cockpit } from "../cockpit";

export function usePageLocation(): { path: string[]; options: Record<string, string | string[]> } {
    const read = () => ({ path: cockpit.location.path, options: cockpit.location.options });
    const [location, setLocation] = useState(read);
    useEffect(() => {
        const update = () => setLocation(read());
        cockpit.addEventListener("locationchanged", update);
        return () => cockpit.removeEventListener("locationchanged", update);
    }, []);
    return location;
}

export const go = (path: string[]): void => cockpit.location.go(path);
