// Helpers for the professional's workspace screens: start, setting up a
// workspace (key and backup), the workspace and respondent pages, import.
import { expect } from "@playwright/test";
import { byTestId } from "./citizen.mjs";

/** From the home page to a new workspace for the demo study, up to the backup step. */
export async function createDemoWorkspace(page, name = "Sanne de Vries") {
  await page.goto("/");
  await byTestId(page, "to-professional").click();
  await byTestId(page, "demo-study").click();
  await expect(byTestId(page, "create-workspace")).toBeVisible();
  await byTestId(page, "display-name").fill(name);
  await byTestId(page, "key-understood").check();
  await byTestId(page, "create-workspace-button").click();
  await expect(byTestId(page, "key-backup-step")).toBeVisible();
}

/** Downloads the key backup and saves it as `file`; returns the public key shown. */
export async function downloadKeyBackup(page, file) {
  const downloadPromise = page.waitForEvent("download");
  await byTestId(page, "download-key").first().click();
  const download = await downloadPromise;
  await download.saveAs(file);
  await expect(byTestId(page, "key-saved").first()).toBeVisible();
  return download.suggestedFilename();
}

/** From the backup step to the workspace page. */
export async function toWorkspace(page) {
  await byTestId(page, "to-workspace").click();
  await expect(byTestId(page, "workspace")).toBeVisible();
}

/** Adds a respondent on the workspace page and lands on their page. */
export async function addRespondent(page, code) {
  await byTestId(page, "respondent-code").fill(code);
  await byTestId(page, "add-respondent-button").click();
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", code);
}

/** Adds a household member by role from the list ("partner", "kind", …);
 * returns the label the workspace gave them ("kind-2"). */
export async function addMember(page, role) {
  const before = await byTestId(page, "person").count();
  await byTestId(page, "member-role").selectOption(role);
  await byTestId(page, "add-member-button").click();
  await expect(byTestId(page, "person")).toHaveCount(before + 1);
  return byTestId(page, "person").last().getAttribute("data-member");
}

/** The card of one moment of one person on the respondent page. */
export function momentCard(page, moment, member = "") {
  return page.locator(`[data-testid="person"][data-member="${member}"] [data-testid="moment-${moment}"]`);
}

/** Opens (or resumes) the professional's own form for a moment; returns its id. */
export async function openProfessionalForm(page, moment, member = "") {
  await momentCard(page, moment, member).locator('[data-testid="pro-form"]').click();
  await expect(byTestId(page, "progress")).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2];
}

/** Imports files (paths or {name, mimeType, buffer}) and waits for one result per file. */
export async function importFiles(page, files) {
  await byTestId(page, "import-file").setInputFiles(files);
  await expect(byTestId(page, "import-result")).toHaveCount(Array.isArray(files) ? files.length : 1);
  return byTestId(page, "import-result");
}

/** The workspace's public key, as the workspace page shows it. */
export async function publicKey(page) {
  return (await byTestId(page, "public-key").textContent()).trim();
}

/** The respondent codes the workspace page lists, in its order. */
export async function respondentCodes(page) {
  return byTestId(page, "respondent-row").evaluateAll((rows) => rows.map((r) => r.dataset.code));
}
