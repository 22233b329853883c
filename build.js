#!/usr/bin/env node
// The build: one esbuild run for the page, then CSS trimmed to what the bundle uses,
// translations compiled to po.LANG.js, and the size of what a browser downloads printed.
import { build, context, transform } from "esbuild";
import { PurgeCSS } from "purgecss";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { poToJs } from "./po/po2js.js";
import { linguas } from "./po/linguas.js";

const production = process.env.NODE_ENV !== "development";
const watch = process.argv.includes("--watch");
const outdir = process.env.BUILD_OUTDIR || "dist";   // another folder for a trial build (test/node-floor.sh)
const BUDGET_KB = 150;

const options = {
    entryPoints: { index: "src/index.tsx" },
    bundle: true,
    outdir,
    format: "iife",
    target: ["chrome100", "firefox100", "safari15"],
    minify: production,
    sourcemap: production ? false : "linked",
    legalComments: "external",
    jsx: "automatic",
    jsxImportSource: "preact",
    alias: {
        react: "preact/compat",
        "react-dom": "preact/compat",
        "react-dom/client": "preact/compat/client",
        "react/jsx-runtime": "preact/jsx-runtime",
    },
    // PatternFly's own fonts and background pictures are not shipped (Cockpit serves fonts)
    loader: { ".woff2": "empty", ".woff": "empty", ".svg": "empty", ".png": "empty", ".jpg": "empty" },
    external: ["../../static/*"],
    define: {
        "process.env.NODE_ENV": JSON.stringify(production ? "production" : "development"),
        // named in what the page exports (playbooks)
        "process.env.PACKAGE_VERSION": JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version),
    },
    logLevel: "warning",
};

/** Drop PatternFly's @font-face rules (their files are not shipped) and selectors no bundle uses. */
async function trimCss() {
    const cssFile = path.join(outdir, "index.css");
    const js = readFileSync(path.join(outdir, "index.js"), "utf8");
    let css = readFileSync(cssFile, "utf8");
    css = css.replace(/@font-face\s*{[^}]*url\([^)]*assets\/[^}]*}/g, "");
    if (production) {
        const [result] = await new PurgeCSS().purge({
            content: [{ raw: js, extension: "js" }],
            css: [{ raw: css }],
            variables: true,
            keyframes: true,
            safelist: { standard: ["html", "body", "pf-v6-theme-dark", /^ss-/], greedy: [/^:root/] },
            // modifiers PatternFly's code names (so they survive the scan of the bundle) but no
            // component of ours ever sets: toasts, hamburger and favorite buttons, clickable cards,
            // breakpoint-specific description lists
            blocklist: ["pf-m-display-lg", "pf-m-offstage-right", "pf-m-outgoing", "pf-m-incoming", "pf-m-unread", "pf-m-clicked",
                "pf-m-favorited", "pf-m-favorite", "pf-m-hamburger", "pf-m-clickable", "pf-m-selectable",
                ...["xs", "sm", "md", "lg", "xl", "2xl"].flatMap(bp => [`pf-m-horizontal-on-${bp}`, `pf-m-vertical-on-${bp}`])],
        });
        css = (await transform(result.css, { loader: "css", minify: true })).code;
    }
    writeFileSync(cssFile, css);
}

/**
 * dist/po.LANG.js for every language in po/LINGUAS: Cockpit serves it as po.js to that
 * language. Cockpit 287's shell loads every package's po.js and takes the menu label's
 * translation from there, so po.LANG.js keeps the manifest's messages. Later Cockpit's shell
 * loads po.manifest.js instead (falling back to po.js): po.manifest.LANG.js has just those.
 */
function compilePo() {
    for (const lang of linguas()) {
        const po = readFileSync(path.join("po", `${lang}.po`));
        writeFileSync(path.join(outdir, `po.${lang}.js`), poToJs(po, lang));
        writeFileSync(path.join(outdir, `po.manifest.${lang}.js`), poToJs(po, lang, ref => ref === "manifest.json"));
    }
}

function copyStatic() {
    copyFileSync("src/index.html", path.join(outdir, "index.html"));
    copyFileSync("manifest.json", path.join(outdir, "manifest.json"));
}

function reportSize() {
    const kb = f => gzipSync(readFileSync(path.join(outdir, f))).length / 1024;
    const js = kb("index.js");
    const css = kb("index.css");
    const total = js + css;
    console.log(`bundle (gzip): index.js ${js.toFixed(1)} KB + index.css ${css.toFixed(1)} KB = ${total.toFixed(1)} KB (budget ${BUDGET_KB} KB)`);
    return total <= BUDGET_KB;
}

async function finish() {
    await trimCss();
    compilePo();
    copyStatic();
    return reportSize();
}

// empty dist/ but keep the folder itself: the testbed bind-mounts it
mkdirSync(outdir, { recursive: true });
for (const f of readdirSync(outdir))
    rmSync(path.join(outdir, f), { recursive: true, force: true });
if (watch) {
    const ctx = await context({
        ...options,
        plugins: [{
            name: "finish",
            setup(b) {
                b.onEnd(async r => { if (r.errors.length === 0) await finish(); });
            },
        }],
    });
    await ctx.watch();
    console.log("watching src/ for changes…");
} else {
    await build(options);
    if (!await finish() && production) {
        console.error(`the bundle is over its budget of ${BUDGET_KB} KB gzip`);
        process.exit(1);
    }
}
