// Debian's chromium (playwright gives each launch a fresh profile), driven by playwright-core. Never a browser downloaded by a test tool.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launchChromium() {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // English whatever the machine's LANG: the tests read the page's English text (i18n.spec sets
            // CockpitLang itself)
            "--lang=en-US"],
    });
}
