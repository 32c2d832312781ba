// The citizen's questionnaire end to end, on a phone-sized screen (360×740):
// open the demo invitation, consent, answer, reload mid-way, finish, send
// (download), and decrypt the file with the standard `age` tool.
import { test, expect } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  byTestId, openDemo, consent, choose, write, next, nextUntilReview, screenNumber, totalScreens,
} from "./helpers/citizen.mjs";
import { ageDecrypt, ageDecryptStatus, OTHER_KEY } from "./helpers/files.mjs";

const FREE_TEXT = "Hulp met mijn <b>post</b> & \"rekeningen\"";

/** Clicks next until screen `n` (1-based) shows. */
async function goToScreen(page, n) {
  while (screenNumber(page) < n) await next(page);
  expect(screenNumber(page)).toBe(n);
}

test("answer, reload mid-way, finish, send and decrypt with age", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  expect(await totalScreens(page)).toBe(41);

  await choose(page, "intro.age_group", 4);
  await next(page);
  await choose(page, "intro.household", 2);
  await next(page);
  await next(page); // skip who asked for help
  await write(page, "intro.question", FREE_TEXT);
  await next(page);
  await choose(page, "comp.selfconfidence.1", 4);
  await next(page);
  await choose(page, "comp.selfconfidence.2", 97); // weet ik niet
  await next(page);
  await next(page); // skip
  await choose(page, "comp.selfknowledge.2", 5);

  // Reload mid-way: same screen, same answers.
  const before = page.url();
  await page.reload();
  await expect(byTestId(page, "question-heading")).toBeVisible();
  expect(page.url()).toBe(before);
  await expect(byTestId(page, "opt-comp.selfknowledge.2-5").locator("input")).toBeChecked();
  await byTestId(page, "back").click();
  await byTestId(page, "back").click();
  await expect(byTestId(page, "opt-comp.selfconfidence.2-97").locator("input")).toBeChecked();
  await page.goto(new URL(before).pathname.replace(/\d+$/, "4"));
  await expect(byTestId(page, "text-intro.question")).toHaveValue(FREE_TEXT);
  await page.goto(before);

  await goToScreen(page, 26); // money and debts: two questions on one screen
  await choose(page, "dom.finances.status", 2);
  await choose(page, "dom.finances.helper", 3);
  await goToScreen(page, 29); // parenting
  await choose(page, "dom.parenting.status", 99);
  await choose(page, "dom.parenting.helper", 99);
  await goToScreen(page, 34);
  await choose(page, "bal.worries", 7);
  await nextUntilReview(page);

  // Review: 49 items, 11 answered.
  await expect(byTestId(page, "skipped-count")).toHaveAttribute("data-count", "38");
  await expect(byTestId(page, "review-intro.asker")).toHaveAttribute("data-skipped", "true");
  await expect(byTestId(page, "review-intro.question")).toContainText(FREE_TEXT);
  await byTestId(page, "finish").click();

  // Too few answers for any score: said in words, not shown as zero.
  await expect(byTestId(page, "bar-summary.competences")).not.toHaveAttribute("data-value", /.*/);
  await expect(byTestId(page, "bar-summary.competences")).toContainText("te weinig antwoorden");
  await expect(byTestId(page, "balance-sentence")).toHaveAttribute("data-key", "summary.balance_unknown");
  await byTestId(page, "to-send").click();

  const downloadPromise = page.waitForEvent("download");
  await byTestId(page, "download").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("balans_balans-demo_DEMO-001_citizen_T0.age");
  const file = join(mkdtempSync(join(tmpdir(), "balans-")), download.suggestedFilename());
  await download.saveAs(file);
  await expect(byTestId(page, "send-saved")).toBeVisible();

  const envelope = ageDecrypt(file);
  expect(envelope.format).toBe("balans-export");
  expect(envelope.respondent).toBe("DEMO-001");
  expect(envelope.role).toBe("citizen");
  expect(envelope.moment).toBe("T0");
  expect(envelope.consent.text_version).toBe("consent-1");
  expect(envelope.answers).toEqual({
    "intro.age_group": { value: 4 },
    "intro.household": { value: 2 },
    "intro.question": { text: FREE_TEXT },
    "comp.selfconfidence.1": { value: 4 },
    "comp.selfconfidence.2": { missing: "dont_know" },
    "comp.selfknowledge.2": { value: 5 },
    "dom.finances.status": { value: 2 },
    "dom.finances.helper": { value: 3 },
    "dom.parenting.status": { missing: "not_applicable" },
    "dom.parenting.helper": { missing: "not_applicable" },
    "bal.worries": { value: 7 },
  });

  // Only the study's key opens it.
  const wrongKey = ageDecryptStatus(file, OTHER_KEY);
  expect(wrongKey.status).not.toBe(0);
  expect(wrongKey.stderr).toMatch(/no identity matched/i);

  // Saved, not sent (issue 12): the file still has to leave the device.
  await expect(byTestId(page, "send-saved")).toBeVisible();
  await expect(byTestId(page, "sent-before")).toHaveCount(0);
  await page.goto("/");
  await expect(byTestId(page, "questionnaire-row").locator(".status")).toHaveAttribute("data-status", "Saved");
});

test("consent is an active opt-in", async ({ page }) => {
  await openDemo(page);
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "reader-researcher")).toContainText("onderzoek@balans.example");
  await expect(byTestId(page, "reader-professional")).toHaveCount(0);
  await byTestId(page, "invite-next").click();
  await byTestId(page, "consent-confirm").click();
  await expect(page.locator("#consent-needed")).toContainText("vinkje");
  await expect(byTestId(page, "consent-checkbox")).toBeFocused();
  await expect(page).toHaveURL(/\/\?step=consent#i\d/);
});

test("clearing an answer makes it skipped again, and delete removes everything", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  await choose(page, "intro.age_group", 2);
  await byTestId(page, "clear-answer").click();
  await expect(byTestId(page, "opt-intro.age_group-2").locator("input")).not.toBeChecked();
  await page.reload();
  await expect(byTestId(page, "opt-intro.age_group-2").locator("input")).not.toBeChecked();

  const id = new URL(page.url()).pathname.split("/")[2];
  await page.goto(`/q/${id}/send`);
  await byTestId(page, "delete").click();
  await expect(byTestId(page, "delete-confirm")).toBeVisible();
  await byTestId(page, "delete-no").click();
  await expect(byTestId(page, "delete-confirm")).toHaveCount(0);
  await byTestId(page, "delete").click();
  await byTestId(page, "delete-yes").click();
  await expect(byTestId(page, "notice")).toBeVisible();
  await expect(byTestId(page, "empty-hint")).toBeVisible();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("balans.q.")));
  expect(keys).toEqual([]);
});
