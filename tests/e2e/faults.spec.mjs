// Faults injected into a questionnaire in progress (issue 5). Each test ends
// by asserting that every answer given is still there: shown on its screen,
// and in the export decrypted with the standard `age` tool.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId, openDemo, openInvitation, consent, choose, next } from "./helpers/citizen.mjs";
import { ageDecrypt, linkFixture, ROOT } from "./helpers/files.mjs";
import {
  answerFirstScreens, back, download, expectAllShown, expectShown, exportedAnswers, fillStorage,
  freeStorage, questionnaireId, reloadAndExport, storedQuestionnaire, storedText, SCREEN,
} from "./helpers/app.mjs";

test("reload mid-form keeps the screen and every answer", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const given = await answerFirstScreens(page);
  await choose(page, "comp.selfconfidence.1", 5);
  given["comp.selfconfidence.1"] = { value: 5 };
  const id = questionnaireId(page);

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expectShown(page, "comp.selfconfidence.1", { value: 5 });
  await expectAllShown(page, id, given);
  expect(await reloadAndExport(page, id)).toEqual(given);
});

// Guards a bug found here: going back between two answered radio screens
// re-used the radios and unchecked the earlier answer on screen (it was
// still stored). Every answer must show wherever the person goes.
test("going back and forth between answered screens shows every answer", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const id = questionnaireId(page);
  await page.goto(`/q/${id}/page/${SCREEN["comp.selfconfidence.1"]}`);
  await choose(page, "comp.selfconfidence.1", 4);
  await next(page);
  await choose(page, "comp.selfconfidence.2", 97);
  await back(page);
  await expectShown(page, "comp.selfconfidence.1", { value: 4 });
  await next(page);
  await expectShown(page, "comp.selfconfidence.2", { missing: "dont_know" });
});

test("closing the page and opening the app in a new one keeps every answer", async ({ page, context }) => {
  await openDemo(page);
  await consent(page);
  const given = await answerFirstScreens(page);
  const id = questionnaireId(page);
  await page.close();

  const again = await context.newPage();
  await again.goto("/");
  await again.locator(`[data-testid=questionnaire-row][data-id="${id}"] [data-testid=resume]`).click();
  await expect(again).toHaveURL(new RegExp(`/q/${id}/page/${SCREEN["comp.selfconfidence.1"]}$`));
  await expectAllShown(again, id, given);
  expect(await reloadAndExport(again, id)).toEqual(given);
});

test("two tabs on one questionnaire: no answer lost, both show the latest", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  // A person uses one tab at a time; a tab in the background is throttled.
  const use = async (tab) => {
    await tab.bringToFront();
    return tab;
  };
  await openDemo(await use(a));
  await consent(a);
  const id = questionnaireId(a);
  await (await use(b)).goto(`/q/${id}/page/1`);
  await expect(byTestId(b, "question-heading")).toBeVisible();

  // A answers; B, on the same screen, shows it and is told.
  await choose(await use(a), "intro.age_group", 3);
  await expectShown(await use(b), "intro.age_group", { value: 3 });
  await expect(byTestId(b, "notice")).toContainText("ander venster");

  // The same question in both: the later answer wins, in both tabs.
  await choose(b, "intro.age_group", 5);
  await expectShown(await use(a), "intro.age_group", { value: 5 });

  // Different screens at the same moment: both answers are kept.
  await next(a);
  await (await use(b)).goto(`/q/${id}/page/${SCREEN["comp.selfconfidence.1"]}`);
  await Promise.all([
    choose(a, "intro.household", 2),
    choose(b, "comp.selfconfidence.1", 4),
  ]);
  // Neither tab reloads from here: each open copy takes in the other's
  // answers as they come (the storage event) and keeps its own.
  await next(b);
  await choose(b, "comp.selfconfidence.2", 97);
  await use(a);
  for (let screen = 2; screen < SCREEN["comp.selfconfidence.2"]; screen++) await next(a);
  await expectShown(a, "comp.selfconfidence.2", { missing: "dont_know" });
  await back(a);
  await expectShown(a, "comp.selfconfidence.1", { value: 4 });
  await use(b);
  for (let screen = SCREEN["comp.selfconfidence.2"]; screen > 2; screen--) await back(b);
  await expectShown(b, "intro.household", { value: 2 });
  await back(b);
  await expectShown(b, "intro.age_group", { value: 5 });

  const given = {
    "intro.age_group": { value: 5 },
    "intro.household": { value: 2 },
    "comp.selfconfidence.1": { value: 4 },
    "comp.selfconfidence.2": { missing: "dont_know" },
  };
  expect((await storedQuestionnaire(b, id)).answers).toEqual(given);
  expect(await reloadAndExport(b, id)).toEqual(given);
  expect(await reloadAndExport(await use(a), id)).toEqual(given);
});

test("a full storage quota: told, answer kept in memory, offered to send now", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const given = await answerFirstScreens(page);
  const id = questionnaireId(page);
  expect(await fillStorage(page)).toBeGreaterThan(0);

  // This answer cannot be saved: the app says so and keeps it.
  await choose(page, "comp.selfconfidence.1", 5);
  given["comp.selfconfidence.1"] = { value: 5 };
  const warning = byTestId(page, "storage-warning");
  await expect(warning).toHaveAttribute("data-problem", "full");
  await expect(warning).toContainText("vol");
  expect((await storedQuestionnaire(page, id)).answers["comp.selfconfidence.1"]).toBeUndefined();
  await next(page);
  await back(page);
  await expectShown(page, "comp.selfconfidence.1", { value: 5 });

  // The offer: straight to sending, with every answer in the file.
  await warning.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/q/${id}/send$`));
  expect(await exportedAnswers(page)).toEqual(given);

  // Once there is room again, the next save stores everything.
  await freeStorage(page);
  await page.goBack();
  await choose(page, "comp.selfconfidence.1", 4);
  given["comp.selfconfidence.1"] = { value: 4 };
  await expect(warning).toHaveCount(0);
  await expectAllShown(page, id, given);
  expect(await reloadAndExport(page, id)).toEqual(given);
});

test("a corrupted stored value is moved aside, shown, and can still leave encrypted", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const given = await answerFirstScreens(page);
  const id = questionnaireId(page);
  const key = `balans.q.${id}`;
  // Damage the stored value the way a broken write would: trailing garbage.
  const corrupted = (await storedText(page, key)) + '{"half';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, corrupted]);

  await page.reload();
  await expect(byTestId(page, "error-panel")).toHaveAttribute("data-error", "storage.unreadable.corrupt");
  // Moved aside, unchanged; never overwritten.
  expect(await storedText(page, key)).toBeNull();
  expect(await storedText(page, `balans.quarantine.${key}`)).toBe(corrupted);

  await page.goto("/");
  const item = byTestId(page, "set-aside-item");
  await expect(item).toHaveAttribute("data-reason", "corrupt");
  const path = await download(page, "rescue");
  await expect(byTestId(page, "rescue-done")).toBeVisible();
  const rescue = ageDecrypt(path);
  expect(rescue.format).toBe("balans-rescue");
  expect(rescue.key).toBe(key);
  expect(rescue.stored).toBe(corrupted);
  const recovered = JSON.parse(rescue.stored.slice(0, -'{"half'.length));
  expect(recovered.answers).toEqual(given);

  // Starting again does not touch what was set aside…
  await openDemo(page);
  await consent(page);
  await choose(page, "intro.age_group", 2);
  expect(await storedText(page, `balans.quarantine.${key}`)).toBe(corrupted);
  // …and a second damaged value gets a slot of its own. Opening the link
  // says that the answers were set aside.
  const second = `${await storedText(page, key)}garbage`;
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, second]);
  await openInvitation(page, linkFixture("ok_demo.txt"));
  await expect(byTestId(page, "notice")).toContainText("konden niet worden gelezen");
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
  expect(await storedText(page, `balans.quarantine.${key}`)).toBe(corrupted);
  expect(await storedText(page, `balans.quarantine.${key}~1`)).toBe(second);

  // Once saved, the person may delete what was set aside.
  await page.goto("/");
  const items = byTestId(page, "set-aside-item");
  await expect(items).toHaveCount(2);
  await items.first().locator("[data-testid=set-aside-delete]").click();
  await byTestId(page, "set-aside-delete-yes").click();
  await expect(items).toHaveCount(1);
});

test("a questionnaire stored by the first release (schema 1) loads with every answer", async ({ page }) => {
  const fixture = readFileSync(join(ROOT, "tests/fixtures/storage/schema_v1.json"), "utf8");
  const old = JSON.parse(fixture);
  await page.goto("/");
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`balans.q.${old.id}`, fixture]);
  await page.reload();

  await page.locator(`[data-testid=questionnaire-row][data-id="${old.id}"] [data-testid=resume]`).click();
  await expect(page).toHaveURL(new RegExp(`/q/${old.id}/page/13$`));
  const { "dom.parenting.status": parenting, ...shownFirst } = old.answers;
  await expectAllShown(page, old.id, shownFirst);
  expect(parenting).toEqual({ missing: "not_applicable" });
  expect(await reloadAndExport(page, old.id)).toEqual(old.answers);
  // Saved again as schema 4, each answer with its change time.
  const now = await storedQuestionnaire(page, old.id);
  expect(now.schema).toBe(4);
  expect(Object.keys(now.changed).sort()).toEqual(Object.keys(old.answers).sort());
});

test("storage blocked (private mode): warned, and the questionnaire still works", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await openDemo(page);
  const warning = byTestId(page, "storage-warning");
  await expect(warning).toHaveAttribute("data-problem", "unavailable");
  await expect(warning).toContainText("weg als u deze pagina sluit");
  await consent(page);
  const given = await answerFirstScreens(page);
  await back(page);
  await expectShown(page, "intro.question", given["intro.question"]);
  await warning.getByRole("link").click();
  expect(await exportedAnswers(page)).toEqual(given);
});

test("the home screen says whether the browser keeps the answers, and asks on consent", async ({ page }) => {
  // The browser's answer is its own business (Chromium decides by how much
  // the site is used); here it says no until asked, then yes.
  await page.addInitScript(() => {
    let granted = false;
    StorageManager.prototype.persisted = async () => granted;
    StorageManager.prototype.persist = async () => {
      granted = true;
      return true;
    };
  });
  await page.goto("/");
  const status = byTestId(page, "storage-status");
  // Nothing stored yet, so nothing to warn about (issue 12).
  await expect(byTestId(page, "empty-hint")).toBeVisible();
  await expect(status).toHaveCount(0);
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
  await byTestId(page, "demo-invitation").click();
  await consent(page);
  await byTestId(page, "home-link").click();
  await expect(status).toHaveAttribute("data-persistent", "true");
  await expect(status).toContainText("tot u ze zelf wist");
});

test("answers waiting unsent for days get a reminder to send them", async ({ page }) => {
  const fixture = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/storage/schema_v2.json"), "utf8"));
  await page.goto("/");
  const stored = await page.evaluate((q) => {
    const fourDaysAgo = Date.now() - 4 * 24 * 60 * 60 * 1000;
    const changed = Object.fromEntries(Object.keys(q.changed).map((item) => [item, fourDaysAgo]));
    const waiting = { ...q, sent_at: [], changed };
    const fresh = { ...waiting, id: "0000000000000001", changed: { "net.talk": Date.now() } };
    localStorage.setItem(`balans.q.${waiting.id}`, JSON.stringify(waiting));
    localStorage.setItem(`balans.q.${fresh.id}`, JSON.stringify(fresh));
    return [waiting.id, fresh.id];
  }, fixture);
  await page.reload();
  const row = (id) => page.locator(`[data-testid=questionnaire-row][data-id="${id}"]`);
  await expect(row(stored[0]).locator("[data-testid=send-reminder]")).toContainText("4 dagen");
  await expect(row(stored[1]).locator("[data-testid=send-reminder]")).toHaveCount(0);
  await row(stored[0]).locator("[data-testid=send-reminder] a").click();
  await expect(page).toHaveURL(new RegExp(`/q/${stored[0]}/send$`));
});
