// <html lang dir> for the page's language. In the shell's frame the shell sets both when it
// loads the page: lang from its language, dir from its cockpit.language_direction, which it
// takes from every package's po.js, ours included (po/po2js.js writes "language-direction"
// for each language). A page opened without the shell sets them here from its own po.js.
import { cockpit, languageTag } from "./index";

export function followLanguage(): void {
    if (window.name.startsWith("cockpit1:"))
        return;
    const html = document.documentElement;
    html.lang = languageTag();
    html.dir = cockpit.language_direction === "rtl" ? "rtl" : "ltr";
}
