// axe-core (node_modules/axe-core) in the page's iframe: the accessibility rules run against
// what the page shows at that moment. Only the page's own document is checked, not Cockpit's
// shell around it. Violations of impact "serious" or "critical" fail; milder ones are returned
// on request (`impacts`), for a spec to print.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pageFrame } from "./ops.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

/**
 * Runs axe in the page's iframe and resolves with its violations of the given impacts (by
 * default serious and critical), each
 * { id, impact, help, helpUrl, targets: [selector...], nodes: [{ target, why }] }. `allow`: [{ id, target: RegExp, why }]
 * drops the nodes of rule `id` whose selector matches `target` (a finding that is not ours:
 * every entry says why).
 */
export async function axeViolations(page, { allow = [], impacts = FAILING } = {}) {
    const frame = await pageFrame(page);
    // evaluated through the DevTools protocol, which the page's Content-Security-Policy does not stop
    if (!await frame.evaluate(() => typeof window.axe === "object"))
        await frame.evaluate(AXE_SOURCE);
    // fades (PatternFly fades an error's helper text in) end first: mid-fade text is paler than it
    // stays. Endless animations (spinners) are not waited for.
    await frame.evaluate(() => Promise.race([
        Promise.all(document.getAnimations()
            .filter(a => a.effect?.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => undefined))),
        new Promise(resolve => setTimeout(resolve, 2000)),
    ]));
    const results = await frame.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const found = [];
    for (const v of results.violations) {
        if (!impacts.has(v.impact))
            continue;
        const nodes = v.nodes.map(n => ({
            target: n.target.join(" "),
            // what axe saw there, e.g. the two colours and their contrast ratio
            why: [...n.any, ...n.all, ...n.none].map(c => c.message).find(Boolean) ?? "",
        })).filter(n => !allow.some(a => a.id === v.id && a.target.test(n.target)));
        if (nodes.length > 0)
            found.push({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, targets: nodes.map(n => n.target), nodes });
    }
    return found;
}

export function describeViolations(violations) {
    return violations.map(v => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.map(n => `${n.target}: ${n.why}`).join("\n      ")}`).join("\n    ");
}

/** Fails with every serious or critical violation named (rule, help, selectors) unless there is none. */
export async function assertAccessible(page, what, options = {}) {
    const violations = await axeViolations(page, options);
    console.log(`# axe: ${what}: ${violations.length} serious or critical`);
    if (violations.length > 0)
        throw new Error(`axe: ${what}: ${violations.length} serious or critical violation(s):\n    ${describeViolations(violations)}`);
}
