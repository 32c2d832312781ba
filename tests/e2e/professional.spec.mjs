// The professional's side end to end, with two browser contexts: the
// professional sets up a workspace with their own key, invites a citizen
// (link and QR code), the citizen answers in another context and sends the
// file, the professional fills in their own form, imports the citizen's file
// and sees the differences this test planted, marked and ordered first.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, choose, write } from "./helpers/citizen.mjs";
import { ageDecrypt, DEMO_KEY } from "./helpers/files.mjs";
import {
  createDemoWorkspace, downloadKeyBackup, toWorkspace, addRespondent, momentCard,
  openProfessionalForm, importFiles, respondentCodes,
} from "./helpers/workspace.mjs";
import { makeInvitation, decodeQrOnScreen } from "./helpers/invitation.mjs";
import { row, rowIds } from "./helpers/compare.mjs";

// Screens (1-based) of the T0 forms; the professional's adds the approach.
const SCREEN = {
  "intro.question": 4, "comp.selfconfidence.1": 5, "comp.assertiveness.2": 14, "net.talk": 15,
  "dom.finances": 26, "bal.worries": 34, "beh.paperwork": 37, "approach.say_goals": 44,
};

// What each side answers: the differences the comparison must find.
const CITIZEN = {
  "comp.selfconfidence.1": 5, "comp.assertiveness.2": 4, "net.talk": 4,
  "dom.finances.status": 4, "dom.finances.helper": 1, "bal.worries": 3, "beh.paperwork": 2,
};
const PROFESSIONAL = {
  "comp.selfconfidence.1": 2, // −3: marked
  "comp.assertiveness.2": 2, // −2: marked
  "net.talk": 4, // the same
  "dom.finances.status": 1, // −3: marked
  "dom.finances.helper": 4, // who helps differs: shown, not marked
  "bal.worries": 8, // +5: marked
  "beh.paperwork": 0, // −2: marked
};
const OWN_WORDS = "Ik wil hulp met mijn post.";

/** Answers `answers` on form `id`, going to each item's screen by address. */
async function answer(page, id, answers) {
  for (const [item, code] of Object.entries(answers)) {
    const screen = SCREEN[item] ?? SCREEN[item.replace(/\.(status|helper)$/, "")];
    await page.goto(`/q/${id}/page/${screen}`);
    await choose(page, item, code);
  }
}

/** From anywhere in a form: review, finish, and download the encrypted file. */
async function finishAndDownload(page, id, dir) {
  await page.goto(`/q/${id}/review`);
  await byTestId(page, "finish").click();
  if (await byTestId(page, "to-send").isVisible().catch(() => false)) {
    await byTestId(page, "to-send").click();
  }
  await expect(byTestId(page, "download")).toBeVisible();
  const downloadPromise = page.waitForEvent("download");
  await byTestId(page, "download").click();
  const download = await downloadPromise;
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await expect(byTestId(page, "send-saved")).toBeVisible();
  return file;
}

test("invite with own key, citizen answers elsewhere, import and compare", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "balans-pro-"));

  // The professional sets up a workspace; the loss of the key is explained first.
  await createDemoWorkspace(page);
  const keyFile = join(dir, "key.txt");
  const keyName = await downloadKeyBackup(page, keyFile);
  expect(keyName).toMatch(/^balans-key_balans-demo_\d{4}-\d\d-\d\d\.txt$/);
  expect(readFileSync(keyFile, "utf8")).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
  await toWorkspace(page);
  await expect(byTestId(page, "backup-warning")).toHaveCount(0);

  // Names are refused as respondent codes.
  await byTestId(page, "respondent-code").fill("Jansen");
  await byTestId(page, "add-respondent-button").click();
  await expect(byTestId(page, "respondent-error")).toContainText("nooit een naam");
  await addRespondent(page, "R-0107");

  // The invitation: with the professional's key, a link and its QR code.
  await momentCard(page, "T0").locator('[data-testid="invite"]').click();
  const link = await makeInvitation(page, { moment: "T0", withKey: true });
  // Version 2 (issue 12): short enough for paper.
  expect(link.startsWith(`${baseURL}/#i2.`)).toBe(true);
  expect(link.split("#")[1].length).toBeLessThanOrEqual(120);
  await expect(byTestId(page, "link-length")).toHaveAttribute("data-length", String(link.length));
  expect(link.length).toBeLessThanOrEqual(213); // LINK_PRINT_BUDGET: QR version 10 at most
  await expect(byTestId(page, "link-too-long")).toHaveCount(0);
  // The QR code on the phone-sized screen decodes to exactly the link.
  expect(await decodeQrOnScreen(page, dir)).toEqual([link]);
  // Copy puts exactly the link on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await byTestId(page, "copy-link").click();
  await expect(byTestId(page, "copy-status")).not.toBeEmpty();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The citizen, in another browser context, opens the link and answers.
  const citizenContext = await browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: "nl-NL", acceptDownloads: true,
  });
  const citizen = await citizenContext.newPage();
  await citizen.goto(link);
  await byTestId(citizen, "invite-start").click();
  await expect(byTestId(citizen, "reader-professional")).toContainText("Sanne de Vries");
  await byTestId(citizen, "invite-next").click();
  await byTestId(citizen, "consent-checkbox").check();
  await byTestId(citizen, "consent-confirm").click();
  await expect(byTestId(citizen, "progress")).toBeVisible();
  const citizenId = new URL(citizen.url()).pathname.split("/")[2];
  await citizen.goto(`/q/${citizenId}/page/${SCREEN["intro.question"]}`);
  await write(citizen, "intro.question", OWN_WORDS);
  await answer(citizen, citizenId, CITIZEN);
  const citizenFile = await finishAndDownload(citizen, citizenId, dir);
  expect(citizenFile).toMatch(/balans_balans-demo_R-0107_citizen_T0\.age$/);
  await citizenContext.close();

  // The professional fills in their own form (approach section included).
  await page.goto("/pro");
  await byTestId(page, "open-workspace").click();
  await byTestId(page, "open-respondent").click();
  const formId = await openProfessionalForm(page, "T0");
  await answer(page, formId, { ...PROFESSIONAL, "approach.say_goals": 5 });
  const ownFile = await finishAndDownload(page, formId, dir);
  expect(ownFile).toMatch(/balans_balans-demo_R-0107_professional_T0\.age$/);
  // Encrypted to the researcher and to the professional's own key (its backup).
  expect(ageDecrypt(ownFile, DEMO_KEY).role).toBe("professional");
  expect(ageDecrypt(ownFile, keyFile).answers["approach.say_goals"]).toEqual({ value: 5 });
  // The citizen's file opens with the professional's backup key too.
  expect(ageDecrypt(citizenFile, keyFile).respondent).toBe("R-0107");

  // Import the citizen's file on the respondent's page.
  await byTestId(page, "send-back").click();
  const results = await importFiles(page, citizenFile);
  await expect(results).toHaveAttribute("data-outcome", "imported");
  await expect(momentCard(page, "T0").locator('[data-step="citizen"]')).toHaveAttribute("data-reached", "true");

  // The comparison shows the planted differences, marked and first.
  await byTestId(page, "import-compare").click();
  await expect(byTestId(page, "compare-page")).toBeVisible();
  await expect(byTestId(page, "source-citizen")).toHaveAttribute("data-present", "true");
  await expect(byTestId(page, "source-professional")).toHaveAttribute("data-present", "true");
  await expect(byTestId(page, "marked-count")).toHaveAttribute("data-count", "5");
  const competences = await rowIds(page, "competences");
  expect(competences.slice(0, 2)).toEqual(["comp.selfconfidence.1", "comp.assertiveness.2"]);
  await expect(row(page, "comp.selfconfidence.1")).toHaveAttribute("data-difference", "-3");
  await expect(row(page, "comp.selfconfidence.1").locator('[data-testid="citizen"]')).toHaveText("Helemaal mee eens");
  await expect(row(page, "comp.selfconfidence.1").locator('[data-testid="professional"]')).toHaveText("Niet mee eens");
  await expect(row(page, "comp.assertiveness.2")).toHaveAttribute("data-marked", "true");
  await expect(row(page, "net.talk")).toHaveAttribute("data-marked", "false");
  await expect(row(page, "net.talk")).toHaveAttribute("data-difference", "0");
  // Behaviour sits beside competences, the planted difference first.
  expect(competences.indexOf("beh.paperwork")).toBe(10);
  await expect(row(page, "beh.paperwork")).toHaveAttribute("data-marked", "true");
  expect((await rowIds(page, "finances"))[0]).toBe("dom.finances.status");
  await expect(row(page, "dom.finances.status")).toHaveAttribute("data-difference", "-3");
  await expect(row(page, "dom.finances.helper")).toHaveAttribute("data-marked", "false");
  await expect(row(page, "dom.finances.helper").locator('[data-testid="difference"]')).toHaveText("anders");
  await expect(row(page, "bal.worries")).toHaveAttribute("data-difference", "5");
  await expect(byTestId(page, "group-network")).toHaveAttribute("data-marked", "0");
  await expect(byTestId(page, "own-words")).toHaveText(OWN_WORDS);
  await expect(byTestId(page, "source-previous")).toHaveAttribute("data-moment", "");

  // The workspace shows every step of T0 at a glance, and T1 as next.
  await page.goto("/pro");
  await byTestId(page, "open-workspace").click();
  const card = byTestId(page, "respondent-row").filter({ hasText: "R-0107" });
  await expect(card.locator('[data-testid="chip-T0"]')).toHaveAttribute("data-steps", "invited citizen professional sent");
  await expect(card.locator('[data-testid="next-moment"]')).toHaveAttribute("data-moment", "T1");
  await expect(card.locator('[data-testid="next-moment"]')).toHaveAttribute("data-urgency", "upcoming");
});

// Issue "one autosave mechanism": two windows on one workspace each added a
// respondent and the last save won, so one respondent was lost.
test("two windows on one workspace: each adds a respondent, both are kept", async ({ page, context }) => {
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const path = new URL(page.url()).pathname;
  const other = await context.newPage();
  // A person uses one window at a time; a window in the background is throttled.
  const use = async (tab) => {
    await tab.bringToFront();
    return tab;
  };
  await (await use(other)).goto(path);
  await expect(byTestId(other, "no-respondents")).toBeVisible();

  await addRespondent(await use(page), "R-0201");
  await addRespondent(await use(other), "R-0202");
  for (const tab of [page, other]) {
    await (await use(tab)).goto(path);
    await expect.poll(() => respondentCodes(tab)).toEqual(["R-0201", "R-0202"]);
    await tab.reload();
    await expect.poll(() => respondentCodes(tab)).toEqual(["R-0201", "R-0202"]);
  }

  // Both on the workspace page: one window's new respondent shows in the
  // other as it is saved, without reloading, and the person is told.
  await addRespondent(await use(other), "R-0203");
  await use(page);
  await expect.poll(() => respondentCodes(page)).toEqual(["R-0201", "R-0202", "R-0203"]);
  await expect(byTestId(page, "notice")).toContainText("ander venster");
  await page.reload();
  await expect.poll(() => respondentCodes(page)).toEqual(["R-0201", "R-0202", "R-0203"]);
});
