// Invitation links: broken, tampered and newer links get a plain message and
// create nothing; good links open in their language with the right readers.
import { test, expect } from "@playwright/test";
import { byTestId, openInvitation, consent } from "./helpers/citizen.mjs";
import { linkFixture } from "./helpers/files.mjs";

const refused = [
  ["fail_truncated.txt", "link.error.damaged"],
  ["fail_tampered.txt", "link.error.damaged"],
  ["fail_newer_version.txt", "link.error.newer"],
  ["fail_bad_key.txt", "link.error.bad_key"],
  ["fail_name_as_code.txt", "link.error.bad_respondent"],
  ["fail_not_balans.txt", "link.error.not_balans"],
  // A study's list of keys (link version 3): empty, a key twice, too many, not age.
  ["fail_keys_empty.txt", "link.error.no_key"],
  ["fail_keys_twice.txt", "link.error.key_twice"],
  ["fail_keys_too_many.txt", "link.error.too_many_keys"],
  ["fail_keys_not_age.txt", "link.error.bad_key"],
];

for (const [fixture, error] of refused) {
  test(`refuses ${fixture} with a plain message`, async ({ page }) => {
    await openInvitation(page, linkFixture(fixture));
    const panel = byTestId(page, "error-panel");
    await expect(panel).toHaveAttribute("data-error", error);
    await expect(panel.locator("h1")).toHaveText("Deze link werkt niet");
    await expect(panel.locator(".hint")).not.toBeEmpty();
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("balans.q.")));
    expect(stored).toEqual([]);
  });
}

test("an invitation of a study with two keys names the study and opens", async ({ page }) => {
  await openInvitation(page, linkFixture("ok_v3_two_keys.txt"));
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "invite-readers")).toContainText("Balans twee sleutels");
});

test("an invitation with a professional opens in English at T1", async ({ page }) => {
  await openInvitation(page, linkFixture("ok_with_professional.txt"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(byTestId(page, "invite-welcome")).toContainText("Welcome");
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "reader-professional")).toContainText("Sanne de Vries");
  await byTestId(page, "invite-next").click();
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  // T1 has no intake questions: the first screen is about competences.
  await expect(byTestId(page, "section-title")).toHaveText("What you can do yourself");
});

test("opening the same link again resumes where the person was", async ({ page }) => {
  const link = linkFixture("ok_demo.txt");
  await openInvitation(page, link);
  await consent(page);
  await byTestId(page, "next").click();
  await byTestId(page, "next").click();
  await expect(page).toHaveURL(/\/page\/3$/);
  await page.goto("/");
  await openInvitation(page, link);
  await expect(page).toHaveURL(/\/page\/3$/);
  await expect(byTestId(page, "notice")).toContainText("Welkom terug");
});
