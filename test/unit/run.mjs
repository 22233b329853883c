// Runs the QUnit unit suite (test/unit/*.test.ts) twice: under Node and in headless Chromium.
// Both runs execute the same bundled test files, so their counts must be identical.
// Prints one line per runtime: "unit (node): N passed, N failed".
import { build } from "esbuild";
import { readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../../build/unit");
const which = process.argv[2] ?? "all";   // node | browser | all
const files = readdirSync(here).filter(f => f.endsWith(".test.ts")).sort();
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "entry.ts"),
              files.map(f => `import ${JSON.stringify(path.join(here, f))};`).join("\n") + "\n");

async function bundle(platform) {
    // CommonJS under Node: QUnit's ES module wrapper does not load on Node 18 (Debian 12's)
    const file = path.join(out, platform === "node" ? "unit-node.cjs" : "unit-browser.js");
    await build({
        entryPoints: [path.join(out, "entry.ts")],
        bundle: true,
        outfile: file,
        platform,
        format: platform === "node" ? "cjs" : "iife",
        target: platform === "node" ? "node18" : "chrome100",
        external: platform === "node" ? ["qunit"] : [],
        logLevel: "warning",
    });
    return file;
}

function summary(label, r) {
    for (const f of r.failures)
        console.log(`not ok - ${f.name}\n    ${f.messages.join("\n    ")}`);
    console.log(`unit (${label}): ${r.passed} passed, ${r.failed} failed`);
    return r.failed === 0 && r.passed > 0;
}

// The same reporter runs in both runtimes: count tests, keep failures' messages.
const reporter = `(QUnit, done) => {
    const r = { passed: 0, failed: 0, failures: [] };
    QUnit.on("testEnd", t => {
        if (t.status === "failed") {
            r.failed++;
            r.failures.push({ name: t.fullName.join(" > "),
                              messages: t.errors.map(e => (e.message || "") + (e.actual !== undefined ? " actual=" + JSON.stringify(e.actual) + " expected=" + JSON.stringify(e.expected) : "") + (e.stack ? "\\n" + e.stack : "")) });
        } else if (t.status === "passed" || t.status === "todo") r.passed++;
    });
    QUnit.on("runEnd", () => done(r));
}`;

async function runNode() {
    const file = await bundle("node");
    const require = createRequire(import.meta.url);
    const QUnit = require("qunit");
    QUnit.config.autostart = false;
    const result = new Promise(resolve => eval(reporter)(QUnit, resolve));
    require(file);
    QUnit.start();
    return summary("node", await result);
}

async function runBrowser() {
    await bundle("browser");
    writeFileSync(path.join(out, "unit.html"), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>unit</title></head>
<body><div id="qunit"></div><div id="qunit-fixture"></div>
<script>window.QUnitReporter = ${reporter};</script>
<script src="unit-browser.js"></script>
<script>QUnitReporter(QUnit, r => { window.unitResult = r; });</script>
</body></html>\n`);
    const { launchChromium } = await import("../browser.mjs");
    const browser = await launchChromium();
    try {
        const page = await browser.newPage();
        const errors = [];
        page.on("pageerror", e => errors.push(String(e)));
        await page.goto(pathToFileURL(path.join(out, "unit.html")).href);
        await page.waitForFunction(() => window.unitResult, null, { timeout: 120000 });
        const r = await page.evaluate(() => window.unitResult);
        for (const e of errors) {
            r.failures.push({ name: "page error", messages: [e] });
            r.failed++;
        }
        return summary("chromium", r);
    } finally {
        await browser.close();
    }
}

let ok = true;
if (which === "node" || which === "all") ok = await runNode() && ok;
if (which === "browser" || which === "all") ok = await runBrowser() && ok;
process.exit(ok ? 0 : 1);
