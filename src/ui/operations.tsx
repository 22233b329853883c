// Operations of this host, started here or found on load: followed live, finished once.
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { executeSteps } from "../host/plan";
import { dismissOperation, findOperations, startOperation, type Operation, type OperationSpec } from "../host/operations";

export interface TrackedOperation extends Operation {
    key: string;
    completion: "pending" | "done" | "failed";
    completionError: string | null;
    undone: boolean;                   // the failure's onFailure steps ran (e.g. host files restored)
    found: boolean;                    // found running on load, not started in this page
}

export interface Operations {
    list: TrackedOperation[];
    useSystemd: boolean;
    start(spec: OperationSpec): Promise<string>;       // resolves with the operation's key
    dismiss(key: string): Promise<void>;
}

const OperationsContext = createContext<Operations | null>(null);

export function OperationsProvider({ useSystemd, active, onFinished, children }: {
    useSystemd: boolean; active: boolean; onFinished: () => void; children: ComponentChildren;
}) {
    const [ops, setOps] = useState<Map<string, TrackedOperation>>(new Map());
    const completing = useRef(new Set<string>());
    const stops = useRef<(() => void)[]>([]);

    const update = (key: string, found = false) => (op: Operation) => {
        setOps(prev => {
            const next = new Map(prev);
            const old = prev.get(key);
            next.set(key, { ...op, key, completion: old?.completion ?? "pending", completionError: old?.completionError ?? null, undone: old?.undone ?? false, found: old?.found ?? found });
            return next;
        });
    };

    const patch = (key: string, change: Partial<TrackedOperation>) =>
        setOps(prev => {
            const old = prev.get(key);
            return old ? new Map(prev).set(key, { ...old, ...change }) : prev;
        });

    useEffect(() => {
        if (!active || !useSystemd)
            return;
        let alive = true;
        findOperations(op => update(op.unit ?? "", true)(op))
                .then(stop => { if (alive) stops.current.push(stop); else stop(); })
                .catch(() => undefined);
        return () => { alive = false; };
    }, [active, useSystemd]);

    useEffect(() => () => stops.current.forEach(s => s()), []);

    // finish each succeeded operation exactly once in this tab
    useEffect(() => {
        for (const op of ops.values()) {
            if (op.status !== "succeeded" || op.completion !== "pending" || completing.current.has(op.key))
                continue;
            completing.current.add(op.key);
            executeSteps(op.spec.after, useSystemd)
                    .then(() => {
                        patch(op.key, { completion: "done" });
                        return dismissOperation(op);
                    })
                    .catch(e => patch(op.key, { completion: "failed", completionError: e instanceof Error ? e.message : String(e) }))
                    .finally(onFinished);
        }
        for (const op of ops.values()) {
            if (op.status !== "failed" || completing.current.has(op.key))
                continue;
            completing.current.add(op.key);
            executeSteps(op.spec.onFailure ?? [], useSystemd)
                    .then(() => patch(op.key, { completion: "failed", completionError: null, undone: (op.spec.onFailure ?? []).length > 0 }))
                    .catch(e => patch(op.key, { completion: "failed", completionError: e instanceof Error ? e.message : String(e) }))
                    .finally(onFinished);
        }
    }, [ops]);

    const value = useMemo<Operations>(() => ({
        list: [...ops.values()],
        useSystemd,
        start: async spec => {
            let key = "";
            const stop = await startOperation(spec, useSystemd, op => {
                key = op.unit ?? `spawn-${spec.service}-${spec.kind}`;
                update(key)(op);
            });
            stops.current.push(stop);
            return key;
        },
        dismiss: async key => {
            const op = ops.get(key);
            if (op)
                await dismissOperation(op);
            setOps(prev => {
                const next = new Map(prev);
                next.delete(key);
                return next;
            });
        },
    }), [ops, useSystemd]);

    return <OperationsContext.Provider value={value}>{children}</OperationsContext.Provider>;
}

export function useOperations(): Operations {
    const ops = useContext(OperationsContext);
    if (!ops)
        throw new Error("useOperations outside OperationsProvider");
    return ops;
}
