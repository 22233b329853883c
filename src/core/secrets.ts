// Where a password given on the page waits for the one command that reads it: a file only root
// can read, in a folder only root can enter, on /run (tmpfs: a reboot takes it), mounted read-only
// into the label's container at the path the image declares (core/enroll.ts enrollSupport). The password itself stays in the
// page's memory until the runner writes this file; it is in no step, op file, argv or record.
import { N_ } from "./i18n";
import { validateName } from "./labels";
import { CoreError } from "./text";

export const SECRETS_DIR = "/run/system-services";

export class SecretError extends CoreError {
    constructor(template: string, ...args: string[]) {
        super(template, ...args);
        this.name = "SecretError";
    }
}

/** The folder of service `name`'s secrets (mode 0700) and its one file (mode 0600). */
export function secretPaths(name: string): { dir: string; file: string } {
    const problem = validateName(name);
    if (problem !== null)
        throw new SecretError(N_("Not a valid service name: $0"), problem);
    const dir = `${SECRETS_DIR}/${name}`;
    return { dir, file: `${dir}/enroll-password` };
}
