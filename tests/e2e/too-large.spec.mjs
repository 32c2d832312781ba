// Issue 14: a stored value too large to read (far larger than any Balans
// writes under its key) is set aside exactly, unread, like an unreadable
// one, and the person is told in their own words; nothing else is lost.
// The bounds are `core::questionnaire::MAX_STORED_LOCAL` (1 MiB, for
// localStorage) and `MAX_STORED_STAFF` (16 MiB, the staff database).
import { test, expect } from "@playwright/test";
import { join } from "node:path";
import { byTestId, openDemo, consent, choose, next } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { createDemoWorkspace, toWorkspace, addRespondent } from "./helpers/workspace.mjs";
import { staffRecords } from "./helpers/app.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

const MiB = 1024 * 1024;

/** Both widths, for a person to look at (when BALANS_SHOTS names a folder). */
async function shoot(page, name) {
  if (!process.env.BALANS_SHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(process.env.BALANS_SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

test("a citizen's stored questionnaire too large to read is set aside exactly, and the citizen is told", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // A real questionnaire with an answer: it must stay as it is.
  await openDemo(page);
  await consent(page);
  await choose(page, "intro.age_group", 4);
  await next(page);
  const id = new URL(page.url()).pathname.split("/")[2];
  const realKey = `balans.q.${id}`;
  const real = await page.evaluate((k) => localStorage.getItem(k), realKey);
  expect(JSON.parse(real).answers["intro.age_group"].value).toBe(4);

  // A second questionnaire: the same valid record, padded with spaces to
  // just over the bound, so only its size keeps it from being read.
  const bigKey = "balans.q.00000000000000aa";
  const length = await page.evaluate(([k, text, bound]) => {
    const record = JSON.parse(text);
    record.id = k.slice("balans.q.".length);
    const json = JSON.stringify(record);
    localStorage.setItem(k, json + " ".repeat(bound + 1 - json.length));
    return localStorage.getItem(k).length;
  }, [bigKey, real, 1 * MiB]);
  expect(length).toBe(1 * MiB + 1);

  await page.goto("/");
  const warning = byTestId(page, "unreadable-warning");
  await expect(warning).toBeVisible();
  const item = warning.locator('[data-testid="set-aside-item"]');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute("data-reason", "too_large");
  await expect(item).toHaveAttribute("data-key", `balans.quarantine.${bigKey}`);
  await expect(item).toContainText("Deze gegevens zijn te groot om te lezen. Ze zijn apart gezet en niet gewist.");
  await expect(item).toContainText("Ze zijn veel groter dan antwoorden in Balans ooit zijn.");
  // No file can be made of it, so none is offered; deleting it can be.
  await expect(item.locator('[data-testid="rescue"]')).toHaveCount(0);
  await expect(item.locator('[data-testid="set-aside-delete"]')).toBeVisible();
  // Nothing lost: the real questionnaire is listed and stored as it was,
  // the large one kept exactly where it was set aside.
  await expect(byTestId(page, "questionnaire-row")).toHaveCount(1);
  await expect(byTestId(page, "questionnaire-row")).toHaveAttribute("data-id", id);
  const after = await page.evaluate(([realKey, bigKey, text, bound]) => {
    const record = JSON.parse(text);
    record.id = bigKey.slice("balans.q.".length);
    const json = JSON.stringify(record);
    const expected = json + " ".repeat(bound + 1 - json.length);
    return {
      real: localStorage.getItem(realKey) === text,
      original: localStorage.getItem(bigKey),
      setAside: localStorage.getItem(`balans.quarantine.${bigKey}`) === expected,
    };
  }, [realKey, bigKey, real, 1 * MiB]);
  expect(after).toEqual({ real: true, original: null, setAside: true });
  await checkScreen(page, "home with a value too large to read");
  await shoot(page, "too-large-citizen");
  expect(errors).toEqual([]);
});

test("a value too large to read that cannot be moved aside (storage full) is still told about, and can be deleted", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openDemo(page);
  await consent(page);
  await choose(page, "intro.age_group", 4);
  await next(page);
  const id = new URL(page.url()).pathname.split("/")[2];
  const realKey = `balans.q.${id}`;
  const real = await page.evaluate((k) => localStorage.getItem(k), realKey);
  // The large value, then another site part's data filling the storage,
  // so that its copy (which comes before the original goes) cannot fit.
  const bigKey = "balans.q.00000000000000bb";
  const filled = await page.evaluate(([k, bound]) => {
    localStorage.setItem(k, "{" + " ".repeat(bound));
    let n = 0;
    for (const size of [512 * 1024, 64 * 1024, 4 * 1024]) {
      try {
        for (;;) { localStorage.setItem(`other.fill.${n}`, "x".repeat(size)); n += 1; }
      } catch (e) { /* full at this size: try a smaller piece */ }
    }
    return n;
  }, [bigKey, 1 * MiB]);
  expect(filled).toBeGreaterThan(0);

  await page.goto("/");
  const item = byTestId(page, "unreadable-warning").locator('[data-testid="set-aside-item"]');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute("data-key", bigKey);
  await expect(item).toHaveAttribute("data-reason", "too_large");
  await expect(item).toContainText("Deze gegevens zijn te groot om te lezen.");
  await checkScreen(page, "home with a value too large that could not be moved");
  // Still where it was (never half moved), and the real one untouched.
  const before = await page.evaluate(([bigKey, realKey]) => ({
    big: localStorage.getItem(bigKey)?.length,
    copies: Object.keys(localStorage).filter((k) => k.startsWith("balans.quarantine.")).length,
    real: localStorage.getItem(realKey),
  }), [bigKey, realKey]);
  expect(before).toEqual({ big: 1 * MiB + 1, copies: 0, real });
  // The person may delete it, after saying yes.
  await item.locator('[data-testid="set-aside-delete"]').click();
  await byTestId(page, "set-aside-delete-yes").click();
  await expect(byTestId(page, "unreadable-warning")).toHaveCount(0);
  const after = await page.evaluate(([bigKey, realKey]) => ({
    big: localStorage.getItem(bigKey),
    real: localStorage.getItem(realKey),
  }), [bigKey, realKey]);
  expect(after).toEqual({ big: null, real });
  await expect(byTestId(page, "questionnaire-row")).toHaveAttribute("data-id", id);
  expect(errors).toEqual([]);
});

test("a professional's workspace too large to read is set aside exactly, and the professional is told", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0701");
  const workspaceUrl = new URL(page.url()).pathname.replace(/\/r\/.*$/, "");
  const records = await staffRecords(page);
  const key = Object.keys(records).find((k) => k.startsWith("balans.pro.w."));
  expect(key).toBeTruthy();
  const others = Object.keys(records).filter((k) => k !== key).sort();

  // The workspace record, padded to just over 16 MiB, in the database.
  const put = await page.evaluate(([k, bound]) => new Promise((resolve, reject) => {
    const open = indexedDB.open("balans-staff");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records", "readwrite");
      const store = tx.objectStore("records");
      const get = store.get(k);
      get.onsuccess = () => {
        const big = get.result + " ".repeat(bound + 1 - get.result.length);
        store.put(big, k);
        tx.oncomplete = () => { db.close(); resolve(big.length); };
      };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, 16 * MiB]);
  expect(put).toBe(16 * MiB + 1);

  await page.goto(workspaceUrl);
  const panel = page.locator('[data-testid="error-panel"][data-code="workspace_too_large"]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("Deze werkruimte is te groot om te lezen");
  await expect(panel).toContainText("Zet de werkruimte terug met uw sleutelback-up");
  await checkScreen(page, "workspace too large to read");
  await shoot(page, "too-large-workspace");

  // Set aside exactly, under its quarantine key; every other record stays.
  const after = await staffRecords(page);
  expect(after[key]).toBeUndefined();
  const kept = after[`balans.quarantine.${key}`];
  expect(kept.length).toBe(16 * MiB + 1);
  expect(kept.trimEnd()).toBe(records[key]);
  for (const other of others) expect(after[other], other).toBe(records[other]);
  expect(errors).toEqual([]);
});
