// Issue 12: household members are chosen from a list of roles with a
// number (never a typed name), and respondents and members can be renamed
// and removed, each after a confirmation; a rename takes the person's
// stored forms along.
import { test, expect } from "@playwright/test";
import { byTestId } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, addMember, momentCard, openProfessionalForm,
  respondentCodes,
} from "./helpers/workspace.mjs";

// axe is injected as a script tag, which the app's CSP would block.
test.use({ bypassCSP: true });

/** Opens a folded tools panel and waits until it is open (the respondent
 * page draws itself anew right after a rename, which may swallow a click). */
async function openTools(details) {
  await expect(async () => {
    if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
    await expect(details).toHaveJSProperty("open", true, { timeout: 1000 });
  }).toPass();
}

const person = (page, label) => page.locator(`[data-testid="person"][data-member="${label}"]`);
const formButton = (page, moment, label) => momentCard(page, moment, label).locator('[data-testid="pro-form"]');

test("members come from a role list; renaming and removing ask first and keep the forms", async ({ page }) => {
  test.setTimeout(240_000);
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0410");

  // No text field for a member: a list of roles, numbered where needed.
  await expect(byTestId(page, "add-member").locator('input[type="text"]')).toHaveCount(0);
  expect(await addMember(page, "kind")).toBe("kind-1");
  expect(await addMember(page, "kind")).toBe("kind-2");
  expect(await addMember(page, "partner")).toBe("partner");
  await expect(person(page, "kind-2").locator("h2")).toHaveText("Gezinslid: Kind 2");
  await expect(byTestId(page, "member-added")).toHaveText("Toegevoegd: Partner.");
  // A household has one partner: a second is refused, and says why.
  await byTestId(page, "member-role").selectOption("partner");
  await byTestId(page, "add-member-button").click();
  await expect(byTestId(page, "add-member").locator('[role="alert"]')).toContainText("al een gezinslid met deze rol");
  await expect(byTestId(page, "person")).toHaveCount(4);

  // The professional starts their own form for Kind 1 at T0.
  await openProfessionalForm(page, "T0", "kind-1");
  await page.goBack();
  await expect(byTestId(page, "respondent-page")).toBeVisible();
  const started = (await formButton(page, "T0", "kind-1").textContent()).trim();
  expect(started).not.toBe("Mijn lijst invullen");

  await page.screenshot({ path: test.info().outputPath("household-360.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath("household-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });

  // Kind 1 was a mistake: they are the respondent's parent. "No" first
  // changes nothing; "yes" moves the person with their form.
  const tools = person(page, "kind-1").locator('[data-testid="member-tools"]');
  await openTools(tools);
  await tools.locator('[data-testid="member-new-role"]').selectOption("ouder");
  await tools.locator('[data-testid="member-rename"]').click();
  await expect(tools.locator('[role="alertdialog"]')).toContainText("Kind 1 wordt Ouder");
  await checkScreen(page, "member tools with a confirmation");
  await tools.locator('[data-testid="member-confirm-no"]').click();
  await expect(person(page, "kind-1")).toHaveCount(1);
  await tools.locator('[data-testid="member-rename"]').click();
  await tools.locator('[data-testid="member-confirm-yes"]').click();
  await expect(person(page, "kind-1")).toHaveCount(0);
  await expect(person(page, "ouder-1").locator("h2")).toHaveText("Gezinslid: Ouder 1");
  await expect(formButton(page, "T0", "ouder-1")).toHaveText(started);

  // Kind 2 leaves the household.
  const kind2 = person(page, "kind-2").locator('[data-testid="member-tools"]');
  await openTools(kind2);
  await kind2.locator('[data-testid="member-remove"]').click();
  await expect(kind2.locator('[role="alertdialog"]')).toContainText("Kind 2 verwijderen");
  await kind2.locator('[data-testid="member-confirm-yes"]').click();
  await expect(person(page, "kind-2")).toHaveCount(0);
  await expect(byTestId(page, "person")).toHaveCount(3);

  // The code was mistyped: R-0401. The household and the form move along.
  const respondentTools = byTestId(page, "respondent-tools");
  await openTools(respondentTools);
  await byTestId(page, "respondent-new-code").fill("r-0401 x");
  await byTestId(page, "respondent-rename").click();
  await byTestId(page, "respondent-confirm-yes").click();
  await expect(byTestId(page, "respondent-tools").locator('[role="alert"]')).not.toBeEmpty();
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", "R-0410");
  await byTestId(page, "respondent-new-code").fill("R-0401");
  await byTestId(page, "respondent-rename").click();
  await expect(respondentTools.locator('[role="alertdialog"]')).toContainText("R-0410 wordt R-0401");
  await byTestId(page, "respondent-confirm-yes").click();
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", "R-0401");
  expect(page.url()).toContain("/r/R-0401");
  await expect(byTestId(page, "person")).toHaveCount(3);
  await expect(formButton(page, "T0", "ouder-1")).toHaveText(started);

  // Removed, after a confirmation: the workspace no longer lists them,
  // also after a reload.
  await openTools(byTestId(page, "respondent-tools"));
  await byTestId(page, "respondent-remove").click();
  await expect(byTestId(page, "respondent-tools").locator('[role="alertdialog"]')).toContainText("R-0401 met alle gezinsleden");
  await byTestId(page, "respondent-confirm-yes").click();
  await expect(byTestId(page, "respondent-list").or(byTestId(page, "respondent-code"))).not.toHaveCount(0);
  expect(await respondentCodes(page)).not.toContain("R-0401");
  await page.reload();
  expect(await respondentCodes(page)).toEqual([]);
});
