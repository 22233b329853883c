import QUnit from "qunit";
import { imageMatches, imageSearchText } from "../../src/core/imageFilter";
import type { Image } from "../../src/core/model";

const sssd: Image = {
    id: "bf2217d9514811aa00112233445566778899aabbccddeeff0011223344556677",
    names: ["quay.io/fedora/sssd:latest"], digest: "",
    labels: { INSTALL: "podman run --rm --privileged ${IMAGE} /usr/bin/install.sh", "com.example.Bench-Group": "Seven" },
    created: 1767225600,
    size: 1000,
    containers: 0,
};
const matches = (query: string) => imageMatches(sssd, imageSearchText(sssd), query);

QUnit.module("imageMatches", () => {
    QUnit.test("an empty or blank filter matches every image", assert => {
        assert.true(matches(""));
        assert.true(matches("   "));
    });
    QUnit.test("matches a part of the name, in any case", assert => {
        assert.true(matches("Fedora/SSSD"));
        assert.false(matches("debian"));
    });
    QUnit.test("matches a label key and a label value, in any case", assert => {
        assert.true(matches("bench-group"));
        assert.true(matches("seven"));
        assert.true(matches("install.sh"));
    });
    QUnit.test("matches a prefix of the ID, with or without sha256:", assert => {
        assert.true(matches("bf2217"));
        assert.true(matches("sha256:BF2217D9"));
        assert.false(matches("2217d9"));
    });
});
