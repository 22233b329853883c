import QUnit from "qunit";
import { adoptPlan, cleanupPlan, unitFacts } from "../../src/app/adopt";
import { parsePodmanImages } from "../../src/core/inventory";
import type { Image } from "../../src/core/model";
import { newRecord } from "../../src/core/record";
import { containerOfUnit, type ContainerUnit } from "../../src/core/unitFile";
import podmanImages from "../fixtures/podman-4.3-images.json";

const NOW = new Date(Date.UTC(2026, 10, 30, 9, 30));
const IMAGES = parsePodmanImages(JSON.stringify(podmanImages));
const DEMO = IMAGES.find(i => i.names[0] === "localhost/demo-service:latest") as Image;
// the unit test/images/demo-service's INSTALL writes for NAME=adopt-demo
const UNIT_TEXT = `[Unit]
Description=Demo system container adopt-demo
After=network-online.target

[Service]
ExecStartPre=-/usr/bin/podman rm -f adopt-demo
ExecStart=/usr/bin/podman run --rm --name adopt-demo --network=host localhost/demo-service:latest /bin/busybox httpd -f -p 127.0.0.1:8088 -h /www
ExecStop=/usr/bin/podman stop -t 2 adopt-demo

[Install]
WantedBy=multi-user.target
`;

QUnit.module("adopting a unit installed without a record", () => {
    const container = containerOfUnit(UNIT_TEXT, "adopt-demo.service");
    const unit: ContainerUnit | null = container && { unit: "adopt-demo.service", path: "/etc/systemd/system/adopt-demo.service", container, text: UNIT_TEXT };
    QUnit.test("the unit names its container and image", assert => {
        assert.ok(unit, "a container unit");
        if (!unit)
            return;
        assert.deepEqual(unitFacts(unit, IMAGES), { name: "adopt-demo", image: DEMO, imageRef: "localhost/demo-service:latest" });
    });
    QUnit.test("adopting writes the record an install would have, naming the unit; nothing else", assert => {
        if (!unit)
            return;
        const plan = adoptPlan(unit, unitFacts(unit, IMAGES), "podman", [], NOW);
        assert.deepEqual(plan?.kind === "steps" ? plan.steps : null, [{
            kind: "write-record", title: "Write the install record",
            record: newRecord({ name: "adopt-demo", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman", unit: "adopt-demo.service" }, NOW),
        }]);
    });
    QUnit.test("not over a record of the same name, and not without the image", assert => {
        if (!unit)
            return;
        const record = newRecord({ name: "adopt-demo", image: "localhost/demo-service:latest", imageId: DEMO.id, engine: "podman" }, NOW);
        const plan = adoptPlan(unit, unitFacts(unit, IMAGES), "podman", [record], NOW);
        assert.equal(plan?.kind === "refused" ? plan.code : null, "already-installed");
        assert.equal(adoptPlan(unit, unitFacts(unit, []), "podman", [], NOW), null);
    });
    QUnit.test("cleaning up runs the image's UNINSTALL and removes the unit, as Uninstall would", assert => {
        if (!unit)
            return;
        const plan = cleanupPlan(unit, unitFacts(unit, IMAGES), "podman", [], null, NOW);
        assert.deepEqual(plan.kind === "steps" ? plan.steps.map(s => s.kind) : null,
                         ["unit-disable", "exec", "remove-unit-file", "remove-unit-file", "daemon-reload"]);
        const main = plan.kind === "steps" ? plan.steps[1] : null;
        assert.true(main?.kind === "exec" && main.argv.join(" ").endsWith("-e NAME=adopt-demo -e IMAGE=localhost/demo-service:latest " +
            "--label io.github.system-services.label-run=adopt-demo localhost/demo-service:latest /bin/sh /uninstall.sh"));
    });
});
