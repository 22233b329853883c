import QUnit from "qunit";
import { compareVersions, parseVersion } from "../../src/core/engineVersion";

QUnit.module("engine versions", () => {
    QUnit.test("parses podman's client version line", assert => {
        assert.strictEqual(parseVersion("4.3.1\n"), "4.3.1");
        assert.strictEqual(parseVersion("5.4.0-dev\n"), "5.4.0-dev");
        assert.strictEqual(parseVersion("28.2.2"), "28.2.2");
        assert.strictEqual(parseVersion("podman version 4.3.1\n"), "4.3.1");
    });
    QUnit.test("parses docker's client version line (docker 20.10 of Debian 12)", assert => {
        assert.strictEqual(parseVersion("Docker version 20.10.24+dfsg1, build 297e128\n"), "20.10.24+dfsg1");
        assert.strictEqual(parseVersion("Docker version 20.10.24+dfsg1"), null);
    });
    QUnit.test("refuses output that is no version", assert => {
        assert.strictEqual(parseVersion(""), null);
        assert.strictEqual(parseVersion("Error: cannot connect to Podman"), null);
        assert.strictEqual(parseVersion("<no value>"), null);
    });
    QUnit.test("compares numerically, not as text", assert => {
        assert.true(compareVersions("4.10.0", "4.4") > 0);
        assert.true(compareVersions("4.3.1", "4.4") < 0);
        assert.strictEqual(compareVersions("4.4", "4.4.0"), 0);
        assert.true(compareVersions("5.0.0-rc1", "4.9.9") > 0);
    });
});
