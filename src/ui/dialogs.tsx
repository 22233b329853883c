// One place that shows dialogs, so no component juggles isOpen flags (as Cockpit's pkg/lib).
import { createContext, type ComponentChildren, type VNode } from "preact";
import { useContext, useMemo, useState } from "preact/hooks";

export interface Dialogs {
    show(dialog: VNode): void;
    close(): void;
}

const DialogsContext = createContext<Dialogs | null>(null);

export function DialogsProvider({ children }: { children: ComponentChildren }) {
    const [dialog, setDialog] = useState<VNode | null>(null);
    const dialogs = useMemo<Dialogs>(() => ({
        show: d => setDialog(d),
        close: () => setDialog(null),
    }), []);
    return (
        <DialogsContext.Provider value={dialogs}>
            {children}
            {dialog}
        </DialogsContext.Provider>
    );
}

export function useDialogs(): Dialogs {
    const dialogs = useContext(DialogsContext);
    if (!dialogs)
        throw new Error("useDialogs outside DialogsProvider");
    return dialogs;
}
