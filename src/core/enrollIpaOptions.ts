// The additional ipa-client-install options of the FreeIPA form, one per line. The image adds
// -U and the form adds --no-ntp; what would change the host name, pass a password on the
// command line or undo the enrollment is refused. ipa-client-install (optparse) accepts any
// unambiguous abbreviation of a long option, so "--host=x" is --hostname: prefixes count.

import { N_ } from "./i18n";
import { looksLikeSecret } from "./record";
import { additionalOptionLines } from "./enroll";
import { controlProblem, problem, type Problem } from "./enrollNames";

const HOSTNAME = N_("Line $0: $1 would change the host's name, which enrollment must not do. Give the host its fully qualified name on the host first.");
const SECRET = N_("Line $0: $1 would put a password on the command line, where every process can read it. Enter it in the password field instead.");
const UNINSTALL = N_("Line $0: $1 undoes an enrollment; uninstall the service to leave the domain.");
const UNATTENDED = N_("Line $0: $1 is always given by the image.");
const OWN_FIELD = N_("Line $0: $1 has its own field in this form.");
const NTP = N_("Line $0: $1 sets up time synchronisation, which a container cannot run (--no-ntp is always given). Set it up on the host.");
const HELP = N_("Line $0: $1 only prints help and enrolls nothing.");

// Refused however short the abbreviation: letting one through would do harm.
const HARMFUL: [string, string][] = [
    ["hostname", HOSTNAME], ["password", SECRET], ["uninstall", UNINSTALL], ["unattended", UNATTENDED],
];
// Refused when written out or abbreviated to three letters or more (shorter is ambiguous).
const REDUNDANT: [string, string][] = [
    ["domain", OWN_FIELD], ["realm", OWN_FIELD], ["principal", OWN_FIELD],
    ["ntp-server", NTP], ["ntp-pool", NTP], ["help", HELP],
];

function longOptionProblem(name: string): string | null {
    for (const [option, template] of HARMFUL) {
        if (name !== "" && option.startsWith(name))
            return template;
    }
    for (const [option, template] of REDUNDANT) {
        if (name === option || (name.length >= 3 && option.startsWith(name)))
            return template;
    }
    return null;
}

// A cluster of short options such as -NU; p, k and w take a value, which ends the cluster.
function shortOptionProblem(cluster: string): string | null {
    for (const c of cluster) {
        if (c === "U")
            return UNATTENDED;
        if (c === "w" || c === "W")
            return SECRET;
        if (c === "h")
            return HELP;
        if (c === "p")
            return OWN_FIELD;
        if (c === "k")
            return null;
    }
    return null;
}

function optionProblem(word: string): string | null {
    if (word.startsWith("--")) {
        const name = word.slice(2).split("=")[0].toLowerCase();
        return longOptionProblem(name) ?? (looksLikeSecret(word) ? SECRET : null);
    }
    if (word.startsWith("-") && word.length > 1)
        return shortOptionProblem(word.slice(1)) ?? (looksLikeSecret(word) ? SECRET : null);
    return null;
}

/** The problems of the additional options, one per refused line; values may stand on their own line. */
export function additionalOptionsProblems(text: string): Problem[] {
    const problems: Problem[] = [];
    for (const { line, word } of additionalOptionLines(text)) {
        const control = controlProblem(word);
        if (control !== null) {
            problems.push(problem(N_("Line $0 contains a control character (such as a tab)."), String(line)));
            continue;
        }
        if (/\s/.test(word)) {
            problems.push(problem(N_("Line $0 has more than one word: write one option per line, its value after \"=\" (--option=value) or on the next line."), String(line)));
            continue;
        }
        const template = optionProblem(word);
        if (template !== null)
            problems.push(problem(template, String(line), word.split("=")[0]));
    }
    return problems;
}
