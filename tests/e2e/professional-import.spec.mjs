// Importing files that do not belong: each gets its own plain message, and
// nothing is filed. Study links: a second visit opens the same workspace, a
// broken link is refused. A workspace can be set up from a key backup.
import { test, expect } from "@playwright/test";
import { byTestId } from "./helpers/citizen.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, addMember, momentCard, importFiles, publicKey,
} from "./helpers/workspace.mjs";
import { makeInvitation } from "./helpers/invitation.mjs";
import { DEMO_KEY, OTHER_KEY, RESEARCHER, ageEncrypt, exportEnvelope } from "./helpers/files.mjs";
import { readLink } from "./helpers/links.mjs";

// The public key of tests/fixtures/other-identity.txt.
const OTHER_PUBLIC = "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx";



const file = (name, buffer) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(buffer) });

test("files that do not belong are refused, each with its own message", async ({ page }) => {
  await createDemoWorkspace(page);
  await toWorkspace(page);
  // Without a backup the workspace keeps asking for one.
  await expect(byTestId(page, "backup-warning")).toBeVisible();
  const pro = await publicKey(page);
  await addRespondent(page, "R-0107");
  await byTestId(page, "back-to-workspace").click();
  await addRespondent(page, "R-0200");

  const good = ageEncrypt(exportEnvelope({ respondent: "R-0200" }), [RESEARCHER, pro]).toString();
  const files = [
    file("van-r0107.age", ageEncrypt(exportEnvelope({ respondent: "R-0107" }), [pro])),
    file("brief.txt", "Beste Sanne, hierbij mijn antwoorden."),
    file("alleen-onderzoeker.age", ageEncrypt(exportEnvelope({ respondent: "R-0200" }), [RESEARCHER])),
    file("half.age", good.slice(0, Math.floor(good.length / 2))),
    file("professional.age", ageEncrypt(exportEnvelope({ respondent: "R-0200", role: "professional" }), [pro])),
    file("goed.age", good),
  ];
  const results = await importFiles(page, files);
  const outcome = (name) => results.filter({ hasText: name });
  await expect(outcome("van-r0107.age")).toHaveAttribute("data-outcome", "pro.import.error.other_respondent");
  await expect(outcome("van-r0107.age")).toContainText("respondent R-0107, niet van deze respondent");
  await expect(outcome("brief.txt")).toHaveAttribute("data-outcome", "pro.import.error.not_balans");
  await expect(outcome("alleen-onderzoeker.age")).toHaveAttribute("data-outcome", "pro.import.error.wrong_key");
  await expect(outcome("alleen-onderzoeker.age")).toContainText("niet voor uw sleutel");
  await expect(outcome("half.age")).toHaveAttribute("data-outcome", "pro.import.error.damaged");
  await expect(outcome("professional.age")).toHaveAttribute("data-outcome", "pro.import.error.not_citizen");
  await expect(outcome("goed.age")).toHaveAttribute("data-outcome", "imported");
  // Only the good file was filed: R-0200 at T0, nothing for R-0107.
  await expect(momentCard(page, "T0").locator('[data-step="citizen"]')).toHaveAttribute("data-reached", "true");
  await byTestId(page, "back-to-workspace").click();
  const r0107 = byTestId(page, "respondent-row").filter({ hasText: "R-0107" });
  await expect(r0107.locator('[data-testid="chip-T0"]')).toHaveAttribute("data-steps", "");

  // On the workspace page: a respondent this workspace does not follow.
  const stranger = await importFiles(page, file("onbekend.age", ageEncrypt(exportEnvelope({ respondent: "R-0999" }), [pro])));
  await expect(stranger).toHaveAttribute("data-outcome", "pro.import.error.unknown_respondent");
  await expect(stranger).toContainText("R-0999");
});

test("a study link opens its workspace again; a broken one is refused", async ({ page }) => {
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0300");
  await addMember(page, "partner");
  await expect(byTestId(page, "person")).toHaveCount(2);

  // An invitation for the partner without the professional's key.
  await momentCard(page, "T0", "partner").locator('[data-testid="invite"]').click();
  await expect(byTestId(page, "invite-member")).toHaveValue("partner");
  const link = await makeInvitation(page, { moment: "T0", withKey: false });
  await expect(byTestId(page, "invitation-result")).toContainText("alleen de onderzoeker");
  const payload = readLink(link);
  expect(payload).toMatchObject({ r: "R-0300", m: "T0", h: "partner" });
  expect(payload.p).toBeUndefined();
  await page.goBack();
  await expect(momentCard(page, "T0", "partner").locator('[data-step="invited"]')).toContainText("zonder uw sleutel");
  await expect(momentCard(page, "T0").locator('[data-step="invited"]')).toHaveAttribute("data-reached", "false");

  // The study link a second time: the same workspace, nothing new made.
  await page.goto("/pro");
  const studyLink = await byTestId(page, "demo-study").getAttribute("href");
  await page.goto(studyLink);
  await expect(byTestId(page, "workspace")).toBeVisible();
  await expect(byTestId(page, "notice")).toContainText("al een werkruimte");
  await page.goto("/pro");
  await expect(byTestId(page, "workspace-row")).toHaveCount(1);

  // A study link cut short.
  await page.goto(studyLink.slice(0, -12));
  await expect(byTestId(page, "error-panel")).toHaveAttribute("data-error", "link.error.damaged");
});

test("a workspace can be set up again from the key backup", async ({ page }) => {
  await page.goto("/pro");
  await byTestId(page, "demo-study").click();
  await byTestId(page, "display-name").fill("Sanne de Vries");
  await page.locator("details.restore summary").click();
  await byTestId(page, "restore-key").setInputFiles(OTHER_KEY);
  await expect(byTestId(page, "restore-status")).toContainText(OTHER_PUBLIC);
  // With a restored key there is nothing new to understand or back up.
  await expect(byTestId(page, "key-understood")).toHaveCount(0);
  await byTestId(page, "create-workspace-button").click();
  await expect(byTestId(page, "key-backup-step")).toBeVisible();
  await expect(byTestId(page, "public-key")).toHaveText(OTHER_PUBLIC);
  await byTestId(page, "to-workspace").click();
  await expect(byTestId(page, "backup-warning")).toHaveCount(0);
  expect(await publicKey(page)).toBe(OTHER_PUBLIC);
});

// Issue 12: the study's own (researcher's) key was taken as the
// professional's backup without a word.
test("the study's key is refused as a workspace backup, with a reason", async ({ page }) => {
  await page.goto("/pro");
  await byTestId(page, "demo-study").click();
  await byTestId(page, "display-name").fill("Sanne de Vries");
  await page.locator("details.restore summary").click();
  await byTestId(page, "restore-key").setInputFiles(DEMO_KEY);
  const error = byTestId(page, "restore-error");
  await expect(error).toHaveAttribute("data-error", "pro.restore.error.study_key");
  await expect(error).toContainText("sleutel van het onderzoek");
  await expect(byTestId(page, "restore-status")).toBeEmpty();
  // Nothing restored: the new key must still be understood first.
  await expect(byTestId(page, "key-understood")).toHaveCount(1);
  // The right file afterwards is taken, and the message goes.
  await byTestId(page, "restore-key").setInputFiles(OTHER_KEY);
  await expect(byTestId(page, "restore-status")).toContainText(OTHER_PUBLIC);
  await expect(error).toHaveCount(0);
});
