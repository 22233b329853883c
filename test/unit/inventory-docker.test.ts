import QUnit from "qunit";
import { imageInfo, isSystemImage, parseDockerContainerInspect, parseDockerImageInspect } from "../../src/core/inventory";
import images from "../fixtures/docker-20.10-image-inspect.json";
import containers from "../fixtures/docker-20.10-container-inspect.json";

// Real output of docker 20.10.24 in the testbed: the test images copied from podman
// (`podman save | docker load`), a running and a created container.
QUnit.module("inventory: docker 20.10, real output", () => {
    QUnit.test("docker image inspect: IDs without sha256:, names as docker keeps them, every label", assert => {
        const [demo, runOnly] = parseDockerImageInspect(JSON.stringify(images));
        assert.deepEqual(demo.names, ["localhost/demo-service:latest"]);
        assert.deepEqual(runOnly.names, ["localhost/run-only:latest"]);
        for (const image of [demo, runOnly]) {
            assert.true(/^[0-9a-f]{64}$/.test(image.id), image.id);
            assert.equal(image.containers, -1, "docker does not count an image's containers");
            assert.true(image.size > 0);
            assert.true(image.created > 1.7e9, String(image.created));
            assert.true(isSystemImage(image));
        }
        assert.equal(demo.labels.STOP, "podman stop -t 2 ${NAME}");
        assert.equal(runOnly.labels.RUN, "podman run -d --name ${NAME} --network=host ${IMAGE} /bin/busybox httpd -f -p 127.0.0.1:8089 -h /www");
        assert.equal(imageInfo(demo).title, "Demo service");
    });

    QUnit.test("docker container inspect: names without the slash, the image's ID, running and created", assert => {
        const [demo, runOnly] = parseDockerImageInspect(JSON.stringify(images));
        const found = parseDockerContainerInspect(JSON.stringify(containers));
        assert.deepEqual(found.map(c => [c.name, c.image, c.imageId, c.state, c.running]), [
            ["fx-running", "localhost/run-only:latest", runOnly.id, "running", true],
            ["fx-created", "localhost/demo-service:latest", demo.id, "created", false],
        ]);
        assert.equal(found[0].labels.RUN, runOnly.labels.RUN, "a container carries its image's labels");
    });
});
