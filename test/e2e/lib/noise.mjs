// The one allow-list of browser console errors that do not fail a test. Each entry needs a
// reason: only messages that come from Cockpit itself or from Chromium, never from our page.
const ALLOWED = [
    {
        // Cockpit's login page first asks /cockpit/login whether a session exists; the answer
        // without credentials is 401, which Chromium logs as a failed resource load.
        text: /^Failed to load resource: the server responded with a status of 401\b/,
        url: /^https?:\/\/[^/]+\/cockpit\/login$/,
    },
];

export function isAllowedNoise(text, url) {
    return ALLOWED.some(({ text: re, url: urlRe }) => re.test(text) && (!urlRe || urlRe.test(url ?? "")));
}
