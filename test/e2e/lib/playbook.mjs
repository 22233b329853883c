// The page's "Download playbook": opens a dialog's playbook section, chooses where the hosts get
// the image, and returns the file the browser downloaded ({ name, text }).
import fs from "node:fs/promises";

export async function downloadPlaybook(page, frame, id, { archive = null } = {}) {
    const section = frame.locator(`#${id}`);
    if (await frame.locator(`#${id}-download`).count() === 0)
        await section.getByRole("button", { name: "Ansible playbook for other hosts" }).click();
    if (archive !== null) {
        await frame.locator(`#${id}-archive`).check();
        await frame.locator(`#${id}-archive-path`).fill(archive);
    }
    const [download] = await Promise.all([page.waitForEvent("download"), frame.locator(`#${id}-download`).click()]);
    return { name: download.suggestedFilename(), text: await fs.readFile(await download.path(), "utf8") };
}
