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

// The characters that end a run of ordinary text, outside and inside double quotes.
const UNQUOTED_SPECIAL = /[ \t\n\\'"]/g;
const DOUBLE_QUOTED_SPECIAL = /["\\]/g;

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
                DOUBLE_QUOTED_SPECIAL.lastIndex = i;
                const found = DOUBLE_QUOTED_SPECIAL.exec(text);
                if (found === null)
                    throw new LabelSyntaxError(`Unclosed double quote at character ${start + 1}.`);
                word += text.slice(i, found.index);
                i = found.index;
                if (text[i] === "\"") {
                    i++;
                    break;
                }
                const e = i + 1 < n ? text[i + 1] : "";
                if (e === "\"" || e === "\\" || e === "$" || e === "`") {
                    word += e;
                    i += 2;
                } else if (e === "\n") {
                    i += 2;
                } else {
                    word += "\\";
                    i++;
                }
            }
        } else {
            // Copy a run of ordinary characters at once: labels can be large.
            UNQUOTED_SPECIAL.lastIndex = i;
            const found = UNQUOTED_SPECIAL.exec(text);
            const j = found === null ? n : found.index;
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
