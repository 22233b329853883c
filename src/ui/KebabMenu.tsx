// A kebab (⋮) that opens a short menu of actions: PatternFly's plain button and the menu's
// look drawn from its tokens in app.css, without the Dropdown component, its popper and its
// 2.5 KB of menu CSS (a menu of four buttons needs none of them).
import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import EllipsisVIcon from "@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon.js";
import { accessReason, useAccess } from "./access";

export interface MenuAction {
    id: string;
    label: string;
    onSelect(): void;
    /** why it can't be chosen now; shown as the item's tooltip */
    disabledReason?: string | null;
    danger?: boolean;
    /** changes the host: unavailable without administrative access */
    mutating?: boolean;
}

const items = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? []);

export function KebabMenu({ id, label, actions }: { id: string; label: string; actions: MenuAction[] }) {
    const [open, setOpen] = useState(false);
    const access = useAccess();
    const root = useRef<HTMLDivElement>(null);
    const toggle = useRef<HTMLButtonElement>(null);
    const menu = useRef<HTMLDivElement>(null);

    useEffect(() => {
        if (!open)
            return;
        items(menu.current)[0]?.focus();
        const outside = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
        document.addEventListener("click", outside, true);
        return () => document.removeEventListener("click", outside, true);
    }, [open]);

    const close = () => { setOpen(false); toggle.current?.focus(); };
    const onKey = (e: KeyboardEvent) => {
        const list = items(menu.current);
        const at = list.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === "Escape" || e.key === "Tab")
            close();
        else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            list[(at + (e.key === "ArrowDown" ? 1 : list.length - 1)) % list.length]?.focus();
        }
    };
    const reasonOf = (a: MenuAction) => a.disabledReason ?? (a.mutating ? accessReason(access) : null);

    return (
        <div className="ss-kebab" ref={root}>
            <Button id={id} ref={toggle} variant="plain" aria-label={label} icon={<EllipsisVIcon />}
                    aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} />
            {open &&
                <div className="ss-kebab-menu" ref={menu}>
                    <ul role="menu" aria-labelledby={id} onKeyDown={onKey}>
                        {actions.map(a => {
                            const reason = reasonOf(a);
                            return (
                                <li key={a.id} role="none">
                                    <button id={a.id} type="button" role="menuitem" className={a.danger ? "ss-danger" : undefined}
                                            aria-disabled={reason ? "true" : undefined} title={reason ?? undefined}
                                            data-mutating={a.mutating ? "true" : undefined}
                                            onClick={() => { if (reason) return; setOpen(false); a.onSelect(); }}>
                                        {a.label}
                                    </button>
                                </li>
                            );
                        })}
                    </ul>
                </div>}
        </div>
    );
}
