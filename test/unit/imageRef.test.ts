import QUnit from "qunit";
import { validateImageReference } from "../../src/core/imageRef";

QUnit.module("validateImageReference", () => {
    const valid = [
        "busybox",
        "localhost/demo-service",
        "localhost/demo-service:latest",
        "quay.io/fedora/sssd:latest",
        "registry.example.com:5000/team/sssd:2.9.4",
        "docker.io/library/debian:bookworm-slim",
        "localhost:5000/x/y@sha256:" + "a".repeat(64),
        "freeipa/freeipa-server:almalinux-9",
        "Registry.Example.com/lower/case",
    ];
    for (const ref of valid)
        QUnit.test(`accepts ${ref}`, assert => { assert.strictEqual(validateImageReference(ref), null); });

    const invalid: [string, RegExp][] = [
        ["", /Enter an image reference/],
        ["   ", /Enter an image reference/],
        ["-v", /cannot start with/],
        ["--privileged", /cannot start with/],
        ["quay.io/fedora/sssd latest", /spaces/],
        [" busybox", /spaces/],
        ["busybox\n", /spaces/],
        ["quay.io//sssd", /not a valid image reference/],
        ["quay.io/sssd/", /not a valid image reference/],
        ["Fedora/SSSD", /lower case/],
        ["a".repeat(5000), /too long/],
        ["busybox;rm -rf /", /spaces/],
        ["busybox$(id)", /not a valid image reference/],
    ];
    for (const [ref, why] of invalid)
        QUnit.test(`refuses ${JSON.stringify(ref.slice(0, 40))}`, assert => {
            assert.true(why.test(validateImageReference(ref) ?? ""), validateImageReference(ref) ?? "accepted");
        });
});
