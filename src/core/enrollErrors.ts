// Failures of an enrollment in words: the messages of realm, adcli, ipa-client-install and the
// image's install.sh (recorded in the testbed's AD README) mapped to what happened and what to
// do. An output not recognised gives null: the caller shows the log as it is.

import { N_ } from "./i18n";
import { problem, type Problem } from "./enrollNames";

export type EnrollFailureId = "not-authorized" | "one-time-password" | "wrong-password" | "already-joined" | "clock-skew" |
    "missing-password" | "no-such-realm" | "no-ipa-server" | "unreachable" | "unknown-option";

export interface EnrollFailure {
    id: EnrollFailureId;
    summary: Problem;                // what happened
    advice: Problem;                 // what to do
    line: string;                    // the line of the output it was recognised by
}

interface Pattern {
    id: EnrollFailureId;
    match: RegExp[];                 // the first group, when there is one, is $0 of `named`
    named?: string;                  // the summary when the match names something
    summary: string;
    advice: string;
}

const REACH = N_("Check that the server runs and that this host reaches its ports through any firewall: DNS 53, Kerberos 88 and 464, LDAP 389 and 636.");

// In order: the first that matches wins, so the more specific comes first (a one-time password
// before a user's password; a missing polkit explains whatever follows it).
const PATTERNS: Pattern[] = [
    {
        id: "not-authorized",
        match: [/Not authorized to perform this action/],
        summary: N_("The image ran realm in a way that needs polkit, which a container does not have: the image is too old."),
        advice: N_("Update the image to one whose install and uninstall run realm with --install=/."),
    },
    {
        id: "one-time-password",
        match: [/Couldn't authenticate as machine account:\s*([^:\s]+)\s*:\s*Preauthentication failed/],
        named: N_("The one-time password of the computer account $0 is wrong or was used already."),
        summary: N_("The one-time password is wrong or was used already."),
        advice: N_("Set a new one-time password on the computer account (adcli preset-computer --one-time-password=…), or join with the password of a user who may join computers."),
    },
    {
        id: "wrong-password",
        match: [/Couldn't authenticate as:\s*(\S+?):\s*Preauthentication failed/, /Preauthentication failed/, /Password incorrect/],
        named: N_("The password of $0 is wrong."),
        summary: N_("The domain refused the password."),
        advice: N_("Check the user name and the password, then try again."),
    },
    {
        id: "already-joined",
        match: [/Already joined to this domain/, /it is joined to \S+ already/],
        summary: N_("The host is a member of this domain already."),
        advice: N_("Uninstall the service that joined it to leave the domain first. If none did, the host's /etc/sssd/sssd.conf and /etc/krb5.keytab still hold an earlier join."),
    },
    {
        id: "clock-skew",
        match: [/Clock skew too great/],
        summary: N_("The clocks of this host and of the domain's server differ by more than Kerberos allows (5 minutes)."),
        advice: N_("Synchronise the host's clock (with chrony or systemd-timesyncd, for example), then try again."),
    },
    {
        id: "missing-password",
        match: [/One of password \/ principal \/ keytab is required/, /needs the (?:one-time |bind )?password/, /is read from \S+, which is missing or empty/],
        summary: N_("The enrollment received no password."),
        advice: N_("Enter the password. If you did, the image did not read it: it must declare where it reads the password in its io.github.system-services.enroll-secret label."),
    },
    {
        id: "no-such-realm",
        match: [/No such realm found:\s*(\S+)/, /\* No results:\s*(\S+)/, /(\S+): no Active Directory domain found/, /No such realm found/],
        named: N_("No domain named $0 was found: DNS knows no domain controller for it."),
        summary: N_("The domain was not found: DNS knows no domain controller for it."),
        advice: N_("Check the domain's spelling, and that the host's DNS server (in /etc/resolv.conf) is the domain's: it must answer for _ldap._tcp of the domain."),
    },
    {
        id: "no-ipa-server",
        match: [/Unable to find IPA Server to join/, /DNS record not found: NXDOMAIN/],
        summary: N_("No IPA server of this domain was found in DNS."),
        advice: N_("Check the domain's spelling and that the host's DNS server knows the IPA domain, or enter the IPA server's name."),
    },
    {
        id: "unreachable",
        match: [/Failed to verify that (\S+) is an IPA Server/, /Skip (\S+): LDAP server is not responding/, /LDAP server is not responding/],
        named: N_("The server $0 could not be reached."),
        summary: N_("The domain's server could not be reached."),
        advice: REACH,
    },
    {
        id: "unreachable",
        match: [/Cannot contact any KDC for realm '([^']+)'/, /Cannot contact any KDC/],
        named: N_("No Kerberos server of the realm $0 could be reached."),
        summary: N_("No Kerberos server of the domain could be reached."),
        advice: REACH,
    },
    {
        id: "unknown-option",
        match: [/no such option:\s*(\S+)/, /Unknown option\s+(\S+)/],
        named: N_("The enrollment tool does not know the option $0."),
        summary: N_("The enrollment tool does not know an option it was given."),
        advice: N_("Remove the option from the additional options, or correct its spelling."),
    },
];

function lineOf(output: string, index: number): string {
    const start = output.lastIndexOf("\n", index) + 1;
    const end = output.indexOf("\n", index);
    return output.slice(start, end < 0 ? output.length : end).trim();
}

/**
 * What went wrong, in words, from the output (stdout and stderr, or the journal) of a failed
 * enrollment; null when it succeeded (exit code 0) or the output is not one this page knows.
 */
export function recognizeEnrollFailure(output: string, exitCode: number | null): EnrollFailure | null {
    if (exitCode === 0)
        return null;
    for (const pattern of PATTERNS) {
        for (const re of pattern.match) {
            const m = re.exec(output);
            if (m === null)
                continue;
            const summary = m[1] !== undefined && pattern.named !== undefined
                ? problem(pattern.named, m[1])
                : problem(pattern.summary);
            return { id: pattern.id, summary, advice: problem(pattern.advice), line: lineOf(output, m.index) };
        }
    }
    return null;
}
