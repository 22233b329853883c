// Accessibility: axe-core (lib/axe.mjs) on every view and every dialog of the page, with the
// demo service installed through the Install dialog and uninstalled through the Uninstall
// dialog, a failing install undone, and with limited access; none may show a serious or
// critical violation. Each view's count is printed; the test fails at the end, naming them all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withCockpit } from "./lib/session.mjs";
import { axeViolations, describeViolations } from "./lib/axe.mjs";
import { loadImages, removeImages } from "./lib/images.mjs";
import { exec } from "./lib/testbed.mjs";
import { RECORDS, cleanService, loadPage, openImage, openService, readRecord, writeHostFile } from "./lib/ops.mjs";

const DEMO = "localhost/demo-service:latest";
const RUN_ONLY = "localhost/run-only:latest";
const FAILING = "localhost/failing-install:latest";
const BAD_LABEL = "localhost/bad-label:latest";
// an image that offers all three ways to join a domain (only its dialog is opened, never run)
const ENROLL_PREFIX = "localhost/a11y-enroll";
const ENROLL = `${ENROLL_PREFIX}:latest`;
const ENROLL_LABELS = {
    INSTALL: "podman run --rm ${IMAGE} /bin/install.sh",
    RUN: "podman run -d --name ${NAME} ${IMAGE} /bin/run.sh",
    "io.github.system-services.enroll": "ipa realm ldap",
    "io.github.system-services.enroll-secret": "/run/secrets/enroll-password",
};

// a service installed behind the page's back (no record): offered for adoption
const ADOPT = "a11y-adopt";

// Findings that are not the page's own, each with the reason it cannot be fixed here.
const ALLOW = [];

async function cleanDemo() {
    await cleanService("demo-service", "/etc/demo-service");
    await cleanService("failing-install", "/etc/failing-install");
    await cleanService(ADOPT);
}

async function checkPage(page, what, found) {
    const all = await axeViolations(page, { allow: ALLOW, impacts: new Set(["minor", "moderate", "serious", "critical"]) });
    const violations = all.filter(v => v.impact === "serious" || v.impact === "critical");
    // the milder ones are listed, not failed
    const milder = all.filter(v => !violations.includes(v)).map(v => `${v.id} (${v.impact}): ${v.targets.join(" | ")}`);
    console.log(`# axe: ${what}: ${violations.length} serious or critical${milder.length ? `; milder: ${milder.join(", ")}` : ""}`);
    if (violations.length > 0) {
        found.push(`${what}:\n    ${describeViolations(violations)}`);
        console.log(`#   ${describeViolations(violations).replaceAll("\n", "\n#   ")}`);
    }
}

test("every view and dialog: no serious or critical axe violation", async t => {
    await cleanDemo();
    await removeImages(ENROLL_PREFIX, { check: false });
    await loadImages([{ tag: ENROLL, labels: ENROLL_LABELS }]);
    await exec(`podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=${ADOPT} -e IMAGE=${DEMO} ${DEMO} /bin/sh /install.sh && ` +
               "systemctl daemon-reload");
    const found = [];
    try {
        await withCockpit(t, { admin: true, timeout: 60_000 }, async ({ page, frame }) => {
            const check = what => checkPage(page, what, found);
            const dialog = async (opener, id, what, ready = null) => {
                for (const button of [opener].flat())
                    await frame.locator(button).click();
                await frame.locator(`#${id}`).waitFor();
                if (ready)
                    await frame.locator(ready).first().waitFor();
                await check(what);
            };
            const close = async id => {
                await page.keyboard.press("Escape");
                await frame.locator(`#${id}`).waitFor({ state: "detached" });
            };

            // Services list, empty of the demo, with the Join button (the enroll image is here)
            await frame.locator("#nav-services").click();
            await frame.locator("#services-view, #services-empty").first().waitFor();
            await frame.locator("#services-enroll").waitFor();
            await check("Services list");

            await frame.locator(`tr[data-service="${ADOPT}"][data-adopted="true"] a`).click();
            await frame.locator("#adopted-adopt").waitFor();
            await check("Unit page of a service without a record");
            await dialog("#adopted-adopt", "adopt-dialog", "Adopt dialog", "#adopt-dialog-preview");
            await close("adopt-dialog");
            await dialog("#adopted-cleanup", "cleanup-dialog", "Clean up dialog", "#cleanup-dialog-preview");
            await close("cleanup-dialog");
            await frame.locator("#nav-services").click();

            await dialog("#pull-image", "pull-image-dialog", "Pull image dialog");
            await close("pull-image-dialog");

            // Join a domain: each directory, and the form's problems after a Join with empty fields
            await dialog("#services-enroll", "enroll-dialog", "Enroll dialog (Services list)");
            // more than one image that can join: the dialog asks which
            if (await frame.locator("#enroll-image").count() > 0)
                await frame.locator("#enroll-image").selectOption({ label: ENROLL });
            for (const mode of ["realm", "ipa", "ldap"]) {
                await frame.locator(`#enroll-mode-${mode}`).check();
                await check(`Enroll dialog: ${mode}`);
            }
            await frame.locator("#enroll-submit").click();
            await frame.locator("#enroll-problems").waitFor();
            await check("Enroll dialog: the form's problems");
            await close("enroll-dialog");

            // Images list, then an image without INSTALL: Generate a unit
            await frame.locator("#nav-images").click();
            await frame.locator("#images-view").waitFor();
            await check("Images list");
            await openImage(frame, RUN_ONLY);
            await check("Image details (RUN only)");
            await dialog("#image-generate-unit", "generate-unit-dialog", "Generate unit dialog (image)", "#generate-unit-text");
            await close("generate-unit-dialog");

            await openImage(frame, ENROLL);
            await dialog("#image-enroll", "enroll-dialog", "Enroll dialog (image details)");
            await close("enroll-dialog");
            await openImage(frame, BAD_LABEL);
            await frame.locator("#label-error").waitFor();
            await check("Image details (a label that does not parse)");

            // a failed install, undone: in its dialog, then in the page's own operation panel
            await openImage(frame, FAILING);
            await dialog("#image-install", "install-dialog", "Install dialog (failing install)", '#install-preview li[data-step="backup"]');
            await frame.locator("#install-consent").check();
            await frame.locator("#install-submit").click();
            await frame.locator("#install-dialog #operation-undone").waitFor({ timeout: 90_000 });
            await check("Install dialog: a failed operation");
            await frame.locator("#install-close").click();
            await frame.locator("#install-dialog").waitFor({ state: "detached" });
            await frame.locator('#operation[data-status="failed"] #operation-undone').waitFor();
            await check("Operation panel of a failed install");
            await frame.locator("#operation-dismiss").click();
            await frame.locator('#operation[data-status="failed"]').waitFor({ state: "detached" });

            // the demo image: its details, the Install dialog before and after the install
            await openImage(frame, DEMO);
            await frame.locator('#host-data-list-card[data-source="image"] tr[data-entry]').first().waitFor();
            await check("Image details (demo service)");
            await dialog("#image-install", "install-dialog", "Install dialog", '#install-preview li[data-step="backup"]');
            await frame.locator("#install-consent").check();
            await check("Install dialog, consent given");
            await frame.locator("#install-submit").click();
            await frame.locator('#install-dialog #operation-status[data-status="succeeded"]').waitFor({ timeout: 90_000 });
            await check("Install dialog: the finished operation");
            await frame.locator("#install-close").click();
            await frame.locator("#install-dialog").waitFor({ state: "detached" });

            // a previous image makes Roll back… possible (the page reads the record again on a reload)
            const record = await readRecord("demo-service");
            await writeHostFile(`${RECORDS}/demo-service/service.json`,
                                JSON.stringify({ ...record, previousImageId: record.imageId }, null, 4) + "\n");
            await loadPage(page);

            // Services list with the service, its page, the host-data-list editor
            await frame.locator("#nav-services").click();
            await frame.locator('tr[data-service="demo-service"]').waitFor();
            await check("Services list with the demo service");
            await openService(frame, "demo-service");
            await frame.locator("#unit-card").waitFor();
            await frame.locator("#backups-table tr[data-backup]").first().waitFor();
            await check("Service page (demo service)");
            await frame.locator("#service-menu").click();
            await frame.locator('#service-rollback:not([aria-disabled="true"])').waitFor();
            await check("Service actions menu");
            await page.keyboard.press("Escape");
            await frame.locator("#service-rollback").waitFor({ state: "detached" });
            await frame.locator('#host-data-list-card tr[data-entry="etc/demo-service/"]').waitFor();
            await frame.locator("#hdl-add").click();
            await frame.locator("#hdl-entry-1").fill("../etc/shadow");
            await frame.locator('tr[data-entry-index="1"] [data-note="dot-dot"]').waitFor();
            await check("Host-data-list editor with a refused entry");
            await frame.locator("#hdl-revert").click();

            await dialog(["#service-menu", "#service-update"], "update-dialog", "Update dialog");
            await close("update-dialog");
            await dialog(["#service-menu", "#service-rollback"], "rollback-dialog", "Roll back dialog");
            await close("rollback-dialog");
            await dialog("#backups-table .backup-restore", "restore-dialog", "Restore backup dialog", "#restore-nothing, #restore-submit");
            await close("restore-dialog");

            // without a unit, Run and Stop run the labels: the same service, recorded without one
            await writeHostFile(`${RECORDS}/demo-service/service.json`,
                                JSON.stringify({ ...record, previousImageId: record.imageId, unit: null }, null, 4) + "\n");
            await loadPage(page);
            await openService(frame, "demo-service");
            await dialog("#service-run", "run-dialog", "Run dialog", "#run-dialog-preview, #run-dialog-refusal");
            await close("run-dialog");
            await dialog("#service-stop", "stop-dialog", "Stop dialog", "#stop-dialog-preview, #stop-dialog-refusal");
            await close("stop-dialog");

            // uninstall through its dialog; the backup it leaves is listed on a page of its own
            await dialog(["#service-menu", "#service-uninstall"], "uninstall-dialog", "Uninstall dialog", "#uninstall-dialog-preview");
            await frame.locator("#uninstall-dialog-consent").check();
            await frame.locator("#uninstall-dialog-submit").click();
            await frame.locator('#uninstall-dialog #operation-status[data-status="succeeded"]').waitFor({ timeout: 90_000 });
            await check("Uninstall dialog: the finished operation");
            await frame.locator("#uninstall-dialog-close").click();
            await frame.locator("#nav-services").click();
            await frame.locator('#orphan-backups [data-orphan="demo-service"] a').click();
            await frame.locator('#orphan-backups-page[data-service="demo-service"]').waitFor();
            await check("Backups of a service that is not installed");
        });
    } finally {
        await cleanDemo();
        await removeImages(ENROLL_PREFIX, { check: false });
    }
    assert.equal(found.length, 0, `axe found serious or critical violations in:\n  ${found.join("\n  ")}`);
});

test("limited access: the lists, read-only", async t => {
    const found = [];
    await withCockpit(t, { admin: false }, async ({ page, frame }) => {
        await frame.locator("#limited-access-alert").waitFor();
        await frame.locator("#services-view, #services-empty").first().waitFor();
        await checkPage(page, "Services list, limited access", found);
        await frame.locator("#nav-images").click();
        await frame.locator("#images-view, #images-empty").first().waitFor();
        await checkPage(page, "Images list, limited access", found);
    });
    assert.equal(found.length, 0, `axe found serious or critical violations in:\n  ${found.join("\n  ")}`);
});
