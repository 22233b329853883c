import QUnit from "qunit";
import { formatBytes, formatDate, formatNumber, ngettext } from "../../src/cockpit";

// The facade's formatters read window.cockpit at each call; here a stand-in with the parts
// they use, the way cockpit.js 287 behaves (format_bytes leaves bytes below 1000 unitless).
function withCockpit(language: string, fn: () => void) {
    const g = globalThis as unknown as { window?: { cockpit?: unknown } };
    const hadWindow = "window" in g;
    const win = g.window ?? (g.window = {});
    const before = win.cockpit;
    win.cockpit = {
        language,
        gettext: (m: string) => m,
        ngettext: (s: string, p: string, n: number) => (n === 1 ? s : p),
        format: (t: string, ...a: unknown[]) => t.replace(/\$(\d)/g, (_m, i) => String(a[Number(i)])),
        format_bytes: (n: number) => n < 1000 ? String(n) : `${(n / 1000).toFixed(1)} KB`,
    };
    try {
        fn();
    } finally {
        win.cockpit = before;
        if (!hadWindow)
            delete g.window;
    }
}

QUnit.module("locale formatting (cockpit facade)", () => {
    const when = new Date(2026, 10, 30, 14, 27, 5);

    QUnit.test("dates follow cockpit.language, not the browser's", assert => {
        withCockpit("de", () => {
            assert.strictEqual(formatDate(when), "30.11.2026, 14:27");
            assert.strictEqual(formatDate(when, "timeSeconds"), "14:27:05");
        });
        withCockpit("cs", () => {
            assert.strictEqual(formatDate(when, "dateTimeSeconds").replace(/\s/g, " "), "30. 11. 2026 14:27:05");
        });
        withCockpit("en", () => {
            assert.ok(/Nov 30, 2026/.test(formatDate(when)), formatDate(when));
        });
    });

    QUnit.test("milliseconds, pt_BR style language codes, and nothing to format", assert => {
        withCockpit("pt_BR", () => {
            assert.strictEqual(formatDate(when.getTime(), "timeSeconds"), "14:27:05");
            assert.strictEqual(formatDate(null), "");
            assert.strictEqual(formatDate(new Date("no date")), "");
        });
    });

    QUnit.test("a language Intl does not know falls back instead of throwing", assert => {
        withCockpit("not a language!", () => {
            assert.ok(formatDate(when).length > 0);
            assert.ok(formatNumber(1.25, 1).length > 0);
        });
    });

    QUnit.test("numbers and sizes", assert => {
        withCockpit("de", () => {
            assert.strictEqual(formatNumber(1.25, 1), "1,3");
            assert.strictEqual(formatNumber(12), "12");
            assert.strictEqual(formatBytes(512), "512 B");
            assert.strictEqual(formatBytes(1500), "1.5 KB");
        });
    });

    QUnit.test("ngettext passes the count to cockpit", assert => {
        withCockpit("en", () => {
            assert.strictEqual(ngettext("$0 file", "$0 files", 1), "$0 file");
            assert.strictEqual(ngettext("$0 file", "$0 files", 2), "$0 files");
        });
    });
});
