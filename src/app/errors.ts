// Errors as app/ hands them on: always an Error, with the host's or core's message.
import type { OperationState } from "../core/operation";
import { CoreError } from "../core/text";
export function asError(e: unknown): Error {
    return e instanceof Error ? e : new Error(String(e));
}

/** The message of anything thrown, for an operation's state file and the journal. */
export function errorText(e: unknown): string {
    return asError(e).message;
}

/** The host's code for the error ("change-conflict": a file changed since it was read), or null. */
export function problemOf(e: unknown): string | null {
    const problem = typeof e === "object" && e !== null ? (e as { problem?: unknown }).problem : null;
    return typeof problem === "string" ? problem : null;
}

/** What an operation's state keeps of a failure: the words, the host's code, core's template to translate. */
export function failureOf(e: unknown): Pick<OperationState, "error" | "errorProblem" | "errorTemplate"> {
    return {
        error: typeof e === "string" ? e : errorText(e),
        errorProblem: problemOf(e),
        errorTemplate: e instanceof CoreError ? { template: e.template, args: e.args } : null,
    };
}
