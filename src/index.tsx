import "./fonts.css";
import "@patternfly/patternfly/patternfly-base.css";
import "./app.css";
import { render } from "preact";
import { followShellTheme } from "./cockpit/theme";
import { realHost } from "./host";
import { App } from "./ui/App";

followShellTheme();
render(<App host={realHost()} />, document.getElementById("app")!);
