// Several questionnaires on one device (household members, moments), each
// listed on the home screen and resumable; the language choice is kept.
import { test, expect } from "@playwright/test";
import { byTestId, openInvitation, consent, choose, next } from "./helpers/citizen.mjs";
import { linkFixture } from "./helpers/files.mjs";

test("two questionnaires are listed and each resumes with its answers", async ({ page }) => {
  await openInvitation(page, linkFixture("ok_demo.txt"));
  await consent(page);
  await choose(page, "intro.age_group", 3);
  await next(page);

  await openInvitation(page, linkFixture("ok_with_professional.txt"));
  await consent(page);
  await choose(page, "comp.selfconfidence.1", 5);

  await page.goto("/");
  const rows = byTestId(page, "questionnaire-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "R-0042" })).toContainText("Gezinslid: Partner");

  await rows.filter({ hasText: "DEMO-001" }).locator("[data-testid=resume]").click();
  await expect(page).toHaveURL(/\/page\/2$/);
  await byTestId(page, "back").click();
  await expect(byTestId(page, "opt-intro.age_group-3").locator("input")).toBeChecked();

  await page.goto("/");
  await rows.filter({ hasText: "R-0042" }).locator("[data-testid=resume]").click();
  await expect(byTestId(page, "opt-comp.selfconfidence.1-5").locator("input")).toBeChecked();
});

test("the language switch is remembered and sets the page language", async ({ page }) => {
  await page.goto("/");
  await byTestId(page, "lang-en").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(byTestId(page, "demo-invitation")).toHaveText("Try the example");
  await page.reload();
  await expect(byTestId(page, "demo-invitation")).toHaveText("Try the example");
  await expect(byTestId(page, "lang-en")).toHaveAttribute("aria-pressed", "true");
});
