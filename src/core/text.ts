// Messages core/ makes for people: a template marked with N_ whose $0, $1, … are filled like
// cockpit.format, so the UI can show format(_(error.template), ...error.args) translated.

/** Fills $0, $1, … in a template; unknown placeholders stay as written. */
export function formatText(template: string, args: readonly string[]): string {
    return template.replace(/\$(\d+)/g, (whole, n: string) => args[Number(n)] ?? whole);
}

/** An error whose message can be translated: `message` is the English text. */
export class CoreError extends Error {
    readonly template: string;
    readonly args: string[];
    constructor(template: string, ...args: string[]) {
        super(formatText(template, args));
        this.name = "CoreError";
        this.template = template;
        this.args = args;
    }
}
