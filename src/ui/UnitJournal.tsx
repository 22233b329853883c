// The last lines of a unit's journal, following while the page is open.
import { useEffect, useState } from "preact/hooks";
import { _, formatDate } from "../cockpit";
import { appendEntries, MESSAGE_MAX, shortMessage, type JournalEntry } from "../core/journal";
import { useAccess } from "./access";
import { useApp } from "./appContext";

const LINES = 50;

function time(ms: number | null): string {
    return formatDate(ms, "timeSeconds");
}

export function UnitJournal({ unit }: { unit: string }) {
    const [entries, setEntries] = useState<JournalEntry[]>([]);
    const [error, setError] = useState<string | null>(null);
    // the system journal is root's: follow it as root once access is known, else the
    // journalctl started while the superuser bridge comes up sees only the user's entries
    const access = useAccess();
    const { host } = useApp();
    useEffect(() => {
        setEntries([]);
        setError(null);
        if (access === "init")
            return;
        return host.followJournal(unit, LINES, added => setEntries(old => appendEntries(old, added, LINES)), setError,
                             access === "root" ? "require" : false);
    }, [unit, access, host]);
    return (
        <details className="ss-unit-journal" open>
            <summary>{_("Journal")}</summary>
            {error && <p className="ss-journal-error">{error}</p>}
            <pre id="unit-journal" className="ss-command-log" data-lines={entries.length} tabIndex={0}>
                {entries.length === 0 && !error ? _("No journal entries.") : null}
                {entries.map(e => (
                    <div key={e.cursor} className={e.priority !== null && e.priority <= 3 ? "ss-journal-error" : undefined}
                         title={e.message.length > MESSAGE_MAX ? e.message : undefined}>
                        {time(e.time)} {e.identifier}{e.pid ? `[${e.pid}]` : ""}: {shortMessage(e.message)}
                    </div>
                ))}
            </pre>
        </details>
    );
}
