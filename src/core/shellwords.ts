// POSIX-style word splitting without expansion, and its inverse for display.

export class LabelSyntaxError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "LabelSyntaxError";
    }
}

const MASK = "********";

// Characters that never need quoting in a POSIX shell; everything else gets single quotes.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function isSeparator(c: string): boolean {
    return c === " " || c === "\t" || c === "\n";
}

/**
 * Splits text into words as a POSIX shell would, but never expands anything:
 * quotes and backslashes group and escape, `$`, `#`, `*` and the rest are ordinary.
 */
export function splitWords(text: string): string[] {
    const words: string[] = [];
    let word = "";
    // Separate from `word`, because '' and "" make an empty word.
    let inWord = false;
    let i = 0;
    const n = text.length;

    while (i < n) {
        const c = text[i];
        if (isSeparator(c)) {
            if (inWord) {
                words.push(word);
                word = "";
                inWord = false;
            }
            i++;
        } else if (c === "\\") {
            if (i + 1 >= n)
                throw new LabelSyntaxError("A lone backslash ends the text: there is nothing for it to escape.");
            if (text[i + 1] !== "\n") {
                word += text[i + 1];
                inWord = true;
            }
            // A backslash-newline is a line continuation: it vanishes and starts no word.
            i += 2;
        } else if (c === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0)
                throw new LabelSyntaxError(`Unclosed single quote at character ${i + 1}.`);
            word += text.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        } else if (c === "\"") {
            const start = i;
            i++;
            inWord = true;
            for (;;) {
                if (i >= n)
                    throw new LabelSyntaxError(`Unclosed double quote at character ${start + 1}.`);
                const d = text[i];
                if (d === "\"") {
                    i++;
                    break;
                }
                if (d === "\\" && i + 1 < n) {
                    const e = text[i + 1];
                    if (e === "\"" || e === "\\" || e === "$" || e === "`") {
                        word += e;
                        i += 2;
                        continue;
                    }
                    if (e === "\n") {
                        i += 2;
                        continue;
                    }
                }
                word += d;
                i++;
            }
        } else {
            // Copy a run of ordinary characters at once: labels can be large.
            let j = i + 1;
            while (j < n) {
                const d = text[j];
                if (isSeparator(d) || d === "\\" || d === "'" || d === "\"")
                    break;
                j++;
            }
            word += text.slice(i, j);
            inWord = true;
            i = j;
        }
    }
    if (inWord)
        words.push(word);
    return words;
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function quoteWord(word: string): string {
    if (SAFE_WORD.test(word))
        return word;
    return "'" + word.replaceAll("'", "'\\''") + "'";
}

/**
 * Shows argv as one line a shell would split back into the same words.
 * Every occurrence of a non-empty secret inside a word is masked.
 */
export function formatCommand(argv: string[], secrets: string[] = []): string {
    // Longest first, in one pass, so a secret that contains another is masked whole.
    const hidden = secrets.filter(s => s !== "").sort((a, b) => b.length - a.length);
    const mask = hidden.length > 0 ? new RegExp(hidden.map(escapeRegExp).join("|"), "g") : null;
    return argv.map(word => quoteWord(mask ? word.replace(mask, MASK) : word)).join(" ");
}
