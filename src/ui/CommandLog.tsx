// Output of a running or finished command, kept scrolled to the end while it grows.
import { useEffect, useRef } from "preact/hooks";

export function CommandLog({ text }: { text: string }) {
    const ref = useRef<HTMLPreElement>(null);
    useEffect(() => {
        if (ref.current)
            ref.current.scrollTop = ref.current.scrollHeight;
    }, [text]);
    // focusable: the keyboard scrolls it (axe: scrollable-region-focusable)
    return <pre ref={ref} className="ss-command-log" aria-live="polite" tabIndex={0}>{text}</pre>;
}
