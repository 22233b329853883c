import "./fonts.css";
import "@patternfly/patternfly/patternfly-base.css";
import "./app.css";
import { render } from "preact";
import { followShellTheme } from "./cockpit/theme";
import { App } from "./ui/App";

followShellTheme();
render(<App />, document.getElementById("app")!);
