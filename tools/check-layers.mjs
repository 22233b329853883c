#!/usr/bin/env node
// Two checks on src/ that eslint does not make: no import circles, and no file over 300
// lines (one concept per file). Prints "layers: N passed, N failed"; exits non-zero on a failure.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const MAX_LINES = 300;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../src");

function files(dir) {
    return readdirSync(dir).flatMap(name => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
    });
}

function resolve(from, spec) {
    const base = path.resolve(path.dirname(from), spec);
    for (const candidate of [base + ".ts", base + ".tsx", path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
        try {
            if (statSync(candidate).isFile())
                return candidate;
        } catch { /* not this one */ }
    }
    return null;
}

const sources = files(root);
const graph = new Map();
for (const file of sources) {
    // type-only imports are erased: they cannot make a circle at run time
    const text = readFileSync(file, "utf8");
    const deps = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gms)]
            .map(m => resolve(file, m[1])).filter(Boolean);
    graph.set(file, deps);
}

const circles = [];
const state = new Map();   // 1: on the current path, 2: done
function visit(file, trail) {
    state.set(file, 1);
    for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 1)
            circles.push([...trail.slice(trail.indexOf(dep)), dep].map(f => path.relative(root, f)).join(" → "));
        else if (!state.has(dep))
            visit(dep, [...trail, dep]);
    }
    state.set(file, 2);
}
for (const file of sources) {
    if (!state.has(file))
        visit(file, [file]);
}

const long = sources.map(f => ({ f, n: readFileSync(f, "utf8").split("\n").length - 1 })).filter(x => x.n > MAX_LINES);
let passed = 0;
let failed = 0;
const check = (ok, name, detail) => {
    if (ok) {
        passed++;
    } else {
        failed++;
        console.log(`not ok - ${name}\n    ${detail.join("\n    ")}`);
    }
};
check(circles.length === 0, "no import circles in src/", circles);
check(long.length === 0, `no file in src/ over ${MAX_LINES} lines`, long.map(x => `${path.relative(root, x.f)}: ${x.n}`));
console.log(`layers: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
