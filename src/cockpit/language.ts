// <html lang dir> for the page's language. The shell sets both on its frames when it loads
// them (dir from its own cockpit.language_direction); a page opened without the shell (make
// run's private cockpit-ws) sets them here from the po.js it loaded (po/po2js.js writes
// "language-direction" for each language).
import { cockpit } from "./index";

export function followLanguage(): void {
    const html = document.documentElement;
    html.lang = (cockpit.language ?? "en").replace("_", "-");
    html.dir = cockpit.language_direction === "rtl" ? "rtl" : "ltr";
}
