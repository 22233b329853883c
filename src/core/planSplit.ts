// Which step of a plan is its long command: it runs as an operation that outlives the page;
// the steps before it run first, the bookkeeping after it is saved with the operation.
import type { Step } from "./lifecycle";

type Exec = Step & { kind: "exec" };

/** Where the plan splits: the last command before the bookkeeping steps. */
export function splitPlan(steps: Step[]): { before: Step[]; main: Exec | null; after: Step[] } {
    // a backup is taken before the command it guards
    const bookkeeping = steps.findIndex(s => s.kind !== "exec" && s.kind !== "unit-disable" && s.kind !== "backup");
    const end = bookkeeping === -1 ? steps.length : bookkeeping;
    let main = -1;
    for (let i = 0; i < end; i++) {
        if (steps[i].kind === "exec")
            main = i;
    }
    if (main === -1)
        return { before: [], main: null, after: steps };
    return { before: steps.slice(0, main), main: steps[main] as Exec, after: steps.slice(main + 1) };
}

