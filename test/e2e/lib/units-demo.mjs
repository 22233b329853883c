// A service as an install would leave it, for the specs that need one with a unit: a copy of
// the demo image tagged localhost/units-demo, its record and a unit serving on 127.0.0.1:8091
// (a port of its own: the demo image's RUN would clash with services.spec's).
import { exec } from "./testbed.mjs";
import { RECORDS, writeHostFile } from "./ops.mjs";

export const UNITS_DEMO = "localhost/units-demo:latest";

/** Resolves with the image ID the record names. */
export async function installUnitsDemo(description) {
    await exec(`podman tag localhost/demo-service:latest ${UNITS_DEMO}`);
    const id = (await exec(`podman image inspect --format '{{.Id}}' ${UNITS_DEMO}`)).stdout.trim();
    const record = {
        version: 1, name: "units-demo", image: UNITS_DEMO, imageId: id, engine: "podman",
        installedAt: "2026-01-01T00:00:00Z", unit: "units-demo.service", options: {}, extraArgs: [], previousImageId: null,
    };
    const unit = `[Unit]
Description=${description}
[Service]
ExecStartPre=-/usr/bin/podman rm -f units-demo
ExecStart=/usr/bin/podman run --rm --name units-demo --network=host ${UNITS_DEMO} /bin/busybox httpd -f -p 127.0.0.1:8091 -h /www
ExecStop=/usr/bin/podman stop -t 1 units-demo
SuccessExitStatus=137 143
[Install]
WantedBy=multi-user.target
`;
    await exec(`mkdir -p ${RECORDS}/units-demo`);
    await writeHostFile(`${RECORDS}/units-demo/service.json`, JSON.stringify(record, null, 4) + "\n");
    await writeHostFile("/etc/systemd/system/units-demo.service", unit);
    await exec("systemctl daemon-reload");
    return id;
}
