// The page's two views as PatternFly tabs that are plain links (#/ and #/images), so the
// URL, the back button and a reload all agree on the view.
import "@patternfly/react-styles/css/components/Tabs/tabs.css";
import { _ } from "../cockpit";
import { go } from "./location";

const VIEWS = [
    { key: "services", id: "nav-services", path: [] as string[], label: () => _("Services") },
    { key: "images", id: "nav-images", path: ["images"], label: () => _("Images") },
];

export function ViewTabs({ active }: { active: string }) {
    return (
        <nav className="pf-v6-c-tabs ss-tabs" aria-label={_("Views")}>
            <ul className="pf-v6-c-tabs__list" role="tablist">
                {VIEWS.map(v => (
                    <li key={v.key} role="presentation"
                        className={"pf-v6-c-tabs__item" + (v.key === active ? " pf-m-current" : "")}>
                        <a id={v.id} className="pf-v6-c-tabs__link" role="tab" aria-selected={v.key === active}
                           href={"#/" + v.path.join("/")}
                           onClick={e => { e.preventDefault(); go(v.path); }}>
                            <span className="pf-v6-c-tabs__item-text">{v.label()}</span>
                        </a>
                    </li>
                ))}
            </ul>
        </nav>
    );
}
