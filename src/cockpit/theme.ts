// Follow the shell's light/dark choice (localStorage "shell:style": auto, light or dark),
// as Cockpit's own pages do, by toggling PatternFly's dark theme class on <html>.
const DARK_CLASS = "pf-v6-theme-dark";

function shellStyle(): string {
    try {
        return localStorage.getItem("shell:style") ?? "auto";
    } catch {
        return "auto";
    }
}

function apply(style: string): void {
    const dark = style === "dark" ||
        (style === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle(DARK_CLASS, dark);
}

export function followShellTheme(): void {
    apply(shellStyle());
    // the shell sends "cockpit-style" to its frames; other tabs change localStorage
    window.addEventListener("cockpit-style", event => {
        const style = (event as CustomEvent<{ style?: string }>).detail?.style;
        apply(style ?? shellStyle());
    });
    window.addEventListener("storage", event => {
        if (event.key === "shell:style")
            apply(shellStyle());
    });
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => apply(shellStyle()));
}
