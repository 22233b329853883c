import "./fonts.css";
import "@patternfly/patternfly/patternfly-base.css";
import "./app.css";
import { render } from "preact";
import { followLanguage } from "./cockpit/language";
import { followShellTheme } from "./cockpit/theme";
import { realHost } from "./host";
import { App } from "./ui/App";

followLanguage();
followShellTheme();
const host = realHost();
// podman's store layout is asked for while the page renders and probes the engine, not after
host.prepareStoreLayout();
render(<App host={host} />, document.getElementById("app")!);
