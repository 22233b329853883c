// The testbed as a docker host, for the specs in test/e2e/docker/: Debian's docker.io installed and
// started (test/testbed/docker.sh: what dockerd needs in systemd-nspawn is in DOCKER.md), the test
// images the specs use copied from podman's store into docker's, and then podman removed, so that
// the page finds docker as the host's engine as it would on a host that has only docker.
// Idempotent: a testbed that is a docker host already is left as it is. There is no way back
// short of `testbed.sh reset`: run the docker specs last (run-specs.mjs does).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { exec } from "./testbed.mjs";

const DOCKER_SH = fileURLToPath(new URL("../../testbed/docker.sh", import.meta.url));
export const DOCKER_IMAGES = ["localhost/demo-service:latest", "localhost/run-only:latest"];

function dockerSh(args, timeout = 600_000) {
    return new Promise((resolve, reject) => {
        execFile(DOCKER_SH, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
            error ? reject(new Error(`docker.sh ${args.join(" ")}: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout + stderr));
    });
}

/** Makes the testbed a docker host (see above); resolves with dockerd's version. */
export async function useDocker() {
    const t0 = Date.now();
    const podman = (await exec("command -v podman || true")).stdout.trim() !== "";
    if (podman) {
        await dockerSh(["install"]);
        // what earlier specs left running under podman must not hold the ports the docker specs use
        await exec("podman rm -a -f -t 0 >/dev/null 2>&1; true");
        const have = (await exec("docker images --format '{{.Repository}}:{{.Tag}}'")).stdout.split("\n");
        const missing = DOCKER_IMAGES.filter(i => !have.includes(i));
        if (missing.length > 0)
            await dockerSh(["load", ...missing]);
        await exec("DEBIAN_FRONTEND=noninteractive dpkg -r podman >/dev/null");
    } else {
        await dockerSh(["status"]);
    }
    const version = (await exec("docker version --format '{{.Server.Version}}'")).stdout.trim();
    console.log(`# the testbed is a docker host: dockerd ${version}, no podman (${Math.round((Date.now() - t0) / 1000)} s)`);
    return version;
}
