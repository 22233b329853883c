// Typings for the part of cockpit.js (Cockpit 287 and later) this page uses.
// cockpit.js is loaded by index.html from ../base1/cockpit.js and sets window.cockpit.

export interface CockpitProblem {
    problem?: string | null;
    message: string;
    exit_status?: number | null;
    exit_signal?: string | null;
}

/** cockpit's promises pass extra values (a file's tag) as further arguments. */
export interface CockpitPromise<T> extends Promise<T> {
    then<R1 = T, R2 = never>(onFulfilled?: ((value: T, ...extra: string[]) => R1 | PromiseLike<R1>) | null,
                             onRejected?: ((reason: CockpitProblem) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
}

export type Superuser = "require" | "try" | false;

export interface SpawnOptions {
    superuser?: Superuser;
    err?: "out" | "ignore" | "message";
    environ?: string[];
    directory?: string;
    pty?: boolean;
    batch?: number;
    latency?: number;
    binary?: boolean;                // output as bytes: text channels refuse NUL bytes
}

export interface SpawnProcess extends CockpitPromise<string> {
    stream(callback: (data: string) => void): SpawnProcess;
    input(data?: string | Uint8Array, stream?: boolean): SpawnProcess;
    close(problem?: string): void;
}

export interface DBusVariant { t: string; v: unknown }

export interface DBusSubscription { remove(): void }

export interface DBusProxy {
    valid: boolean;
    wait(): Promise<void>;
    addEventListener(event: "changed", cb: (event: Event, changed: Record<string, unknown>) => void): void;
    removeEventListener(event: "changed", cb: (event: Event, changed: Record<string, unknown>) => void): void;
    [property: string]: unknown;
}

export interface DBusClient {
    call(path: string, iface: string, method: string, args: unknown[] | null,
         options?: { type?: string; flags?: string; timeout?: number }): CockpitPromise<unknown[]>;
    subscribe(match: { path?: string; path_namespace?: string; interface?: string; member?: string },
              callback: (path: string, iface: string, signal: string, args: unknown[]) => void): DBusSubscription;
    watch(path: string | { path?: string; path_namespace?: string; interface?: string }): CockpitPromise<void>;
    proxy(iface: string, path: string, options?: { watch?: boolean }): DBusProxy;
    addEventListener(event: "close", cb: (event: Event, options: { problem?: string }) => void): void;
    removeEventListener(event: "close", cb: (event: Event, options: { problem?: string }) => void): void;
    close(problem?: string): void;
}

export interface FileHandle<T> {
    read(): CockpitPromise<T | null>;
    replace(content: T | null, expectedTag?: string): CockpitPromise<string>;
    watch(callback: (content: T | null, tag: string, error?: CockpitProblem) => void, options?: { read?: boolean }): { remove(): void };
    close(): void;
}

export interface CockpitLocation {
    path: string[];
    options: Record<string, string | string[]>;
    href: string;
    go(path: string | string[], options?: Record<string, string>): void;
    replace(path: string | string[], options?: Record<string, string>): void;
}

export interface Cockpit {
    spawn(args: string[], options?: SpawnOptions): SpawnProcess;
    dbus(name: string | null, options?: { bus?: "system" | "session" | "internal" | "none"; superuser?: Superuser; track?: boolean }): DBusClient;
    file(path: string, options?: { superuser?: Superuser; max_read_size?: number }): FileHandle<string>;
    gettext(message: string): string;
    gettext(context: string, message: string): string;
    ngettext(singular: string, plural: string, n: number): string;
    format(template: string, ...args: (string | number)[]): string;
    format(template: string, args: Record<string, string | number>): string;
    locale(po: Record<string, unknown>): void;
    /** "1.5 MB" (factor 1000) or "1.4 MiB" (1024); below one unit only the number. */
    format_bytes(bytes: number, factor?: 1000 | 1024): string;
    language: string;
    /** "ltr" or "rtl", from the po.js of the page's language. */
    language_direction: string;
    location: CockpitLocation;
    jump(path: string, host?: string): void;
    transport: { host: string; wait(cb: () => void): void; options: Record<string, unknown> };
    addEventListener(event: "locationchanged" | "visibilitychange", cb: () => void): void;
    removeEventListener(event: "locationchanged" | "visibilitychange", cb: () => void): void;
    hidden: boolean;
}

declare global {
    interface Window { cockpit: Cockpit }
}
