// The page's two views as PatternFly-styled tabs that follow WAI-ARIA's tabs pattern: a
// tablist whose tabs are links (#/ and #/images), so the URL, the back button and a reload all
// agree on the view; one tab in the Tab order (the selected one); Left/Right, Home and End move
// to a tab and open its view at once. The view itself is the tabpanel (ViewPanel).
// Hand-made: PatternFly's Tabs component costs more bundle than this.
import "@patternfly/react-styles/css/components/Tabs/tabs.css";
import type { ComponentChildren } from "preact";
import { _ } from "../cockpit";
import { go } from "./location";

const VIEWS = [
    { key: "services", id: "nav-services", path: [] as string[], label: () => _("Services") },
    { key: "images", id: "nav-images", path: ["images"], label: () => _("Images") },
];
const PANEL_ID = "view-panel";

// the tab a key moves to from tab `i`, or null for a key the tabs do not handle
function target(key: string, i: number): number | null {
    switch (key) {
    case "ArrowRight": return (i + 1) % VIEWS.length;
    case "ArrowLeft": return (i + VIEWS.length - 1) % VIEWS.length;
    case "Home": return 0;
    case "End": return VIEWS.length - 1;
    case " ": return i;      // a link answers Enter itself, not Space
    default: return null;
    }
}

export function ViewTabs({ active }: { active: string }) {
    const open = (i: number) => {
        document.getElementById(VIEWS[i].id)?.focus();
        go(VIEWS[i].path);
    };
    return (
        <div className="pf-v6-c-tabs ss-tabs">
            <ul className="pf-v6-c-tabs__list" role="tablist" aria-label={_("Views")}>
                {VIEWS.map((v, i) => (
                    <li key={v.key} role="presentation"
                        className={"pf-v6-c-tabs__item" + (v.key === active ? " pf-m-current" : "")}>
                        <a id={v.id} className="pf-v6-c-tabs__link" role="tab" aria-selected={v.key === active}
                           aria-controls={PANEL_ID} tabIndex={v.key === active ? 0 : -1}
                           href={"#/" + v.path.join("/")}
                           onClick={e => { e.preventDefault(); go(v.path); }}
                           onKeyDown={e => {
                               const to = e.altKey || e.ctrlKey || e.metaKey || e.shiftKey ? null : target(e.key, i);
                               if (to !== null) {
                                   e.preventDefault();
                                   open(to);
                               }
                           }}>
                            <span className="pf-v6-c-tabs__item-text">{v.label()}</span>
                        </a>
                    </li>
                ))}
            </ul>
        </div>
    );
}

/** The view under the tabs, named by the selected tab. */
export function ViewPanel({ active, children }: { active: string; children: ComponentChildren }) {
    return (
        <div role="tabpanel" id={PANEL_ID} aria-labelledby={VIEWS.find(v => v.key === active)?.id}>
            {children}
        </div>
    );
}
