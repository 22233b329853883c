// The page's URL as state: path parts and options.
import { useEffect, useState } from "preact/hooks";
import { onLocationChanged, pageLocation, type PageLocation } from "../app/navigation";

export { go } from "../app/navigation";

export function usePageLocation(): PageLocation {
    const [location, setLocation] = useState(pageLocation);
    useEffect(() => onLocationChanged(() => setLocation(pageLocation())), []);
    return location;
}
