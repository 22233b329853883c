// The languages in po/LINGUAS, one code a line ("#" starts a comment).
import { readFileSync } from "node:fs";
import path from "node:path";

export function linguas(root = ".") {
    return readFileSync(path.join(root, "po/LINGUAS"), "utf8").split("\n")
            .map(l => l.replace(/#.*/, "").trim()).filter(Boolean);
}
