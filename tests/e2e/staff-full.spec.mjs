// Issue 14: "a full storage while adding a respondent says the storage is
// full" (it once said "workspace not found" and a citizen's sentence). The
// staff database (IndexedDB) is made to refuse writes the way a full quota
// does: the browser's own `IDBObjectStore.put` throws a QuotaExceededError
// while `window.__balansFull` is set. Nothing the professional did is lost:
// the respondent stays on screen, and is written with the next change once
// there is room again.
import { test, expect } from "@playwright/test";
import { byTestId } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { createDemoWorkspace, toWorkspace, addRespondent, respondentCodes } from "./helpers/workspace.mjs";
import { staffRecords } from "./helpers/app.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

test("a full staff database while adding a respondent: told in staff words, nothing lost", async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__balansFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const workspacePath = new URL(page.url()).pathname;

  await page.evaluate(() => { window.__balansFull = true; });
  await addRespondent(page, "R-0001");
  const warning = byTestId(page, "storage-warning");
  await expect(warning).toHaveAttribute("data-problem", "full");
  // The staff sentence, not the citizen's "your last answer".
  await expect(warning).toContainText("De opslag van deze browser is vol");
  await expect(warning).not.toContainText("antwoord");
  // The respondent's page is there (not "workspace not found").
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", "R-0001");
  await checkScreen(page, "respondent page with a full staff database");
  const written = async () => Object.values(await staffRecords(page)).filter((v) => String(v).includes("R-0001")).length;
  expect(await written()).toBe(0);

  // Room again: the next change writes both respondents, the warning goes.
  await page.evaluate(() => { window.__balansFull = false; });
  await byTestId(page, "back-to-workspace").click();
  await addRespondent(page, "R-0002");
  await expect(warning).toHaveCount(0);
  await expect.poll(written).toBeGreaterThan(0);
  await page.waitForFunction(() => !document.documentElement.hasAttribute("data-saving"));
  await page.goto(workspacePath);
  await expect.poll(() => respondentCodes(page)).toEqual(["R-0001", "R-0002"]);
});
