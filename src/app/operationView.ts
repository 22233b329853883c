// An operation as this tab sees it: the op file, how far it got, and its output.
import type { OperationFile, OperationState } from "../core/operation";

export interface OperationView {
    id: string;
    op: OperationFile;
    unit: string | null;             // the transient unit of its long command, when it has one
    state: OperationState;
    status: "running" | "succeeded" | "failed";
    output: string;                  // the long command's output
    found: boolean;                  // found on the host, not started in this tab
    finishedHere: boolean | null;    // null while running; false: another tab finished it
    problem: string | null;          // this tab could not go on with it (the host keeps it)
}
