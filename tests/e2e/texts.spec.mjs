// The catalogue split (src/core/i18n/mod.rs): the citizen app carries only
// the common and citizen texts, so a staff text it looked up would show as a
// bracketed key. The professional's own form, loaded afresh at /q/…, runs in
// the citizen app: every one of its screens, in both languages, shows only
// real texts. (tests/catalogue_keys.rs proves the same from the source.)
import { test, expect } from "@playwright/test";
import { byTestId, totalScreens } from "./helpers/citizen.mjs";
import { booted } from "./helpers/app.mjs";
import { createDemoWorkspace, toWorkspace, addRespondent, openProfessionalForm } from "./helpers/workspace.mjs";

/** A key shown in place of its text, e.g. "[plan.send.with]". */
const BRACKETED_KEY = /\[[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+\]/;

/** Loads `path` in a fresh page load and checks its text. */
async function expectOnlyTexts(page, path) {
  await page.goto(path);
  await booted(page);
  await expect(page.locator("main h1").first()).toBeVisible();
  const text = await page.locator("body").innerText();
  expect(text, `${path} shows a key instead of its text`).not.toMatch(BRACKETED_KEY);
}

test("the professional's own form, reloaded in the citizen app, shows no bracketed key", async ({ page }) => {
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0109");
  const formId = await openProfessionalForm(page, "T0");
  const screens = await totalScreens(page);
  expect(screens).toBeGreaterThan(30);
  for (const lang of ["nl", "en"]) {
    await page.goto("/");
    await byTestId(page, `lang-${lang}`).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectOnlyTexts(page, "/");
    for (let n = 1; n <= screens; n++) {
      await expectOnlyTexts(page, `/q/${formId}/page/${n}`);
    }
    for (const screen of ["review", "summary", "send"]) {
      await expectOnlyTexts(page, `/q/${formId}/${screen}`);
    }
  }
});
