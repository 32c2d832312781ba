// Issue 12, the professional's screens: the respondent page names each
// action by moment and person, the next step waits for the professional's
// own form, the same file imported twice says so, and the comparison
// prints on one or two A4 pages, explains its brackets only when there is
// a change, and never scrolls sideways on a phone.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId } from "./helpers/citizen.mjs";
import { RESEARCHER, ROOT, ageFile, exportEnvelope } from "./helpers/files.mjs";
import { answerStored } from "./helpers/own-say.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { printedPages } from "./helpers/plan.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, addMember, momentCard, openProfessionalForm, importFiles,
  publicKey,
} from "./helpers/workspace.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

const CODE = "R-0512";
const answers = (name) => JSON.parse(readFileSync(join(ROOT, "tests/fixtures/answers", name), "utf8")).answers;
const BALANCED = answers("balanced.json");
const HEAVY = answers("heavy_burden.json");




/** Both screens at phone and desktop width, for a person to look at. */
async function shoot(page, name) {
  if (!process.env.BALANS_SHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(process.env.BALANS_SHOTS, `${name}-${width}.png`), fullPage: true });
    await page.screenshot({ path: join(process.env.BALANS_SHOTS, `${name}-${width}-top.png`) });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

/** No sideways scrolling on a phone (issue 12: 2 px), nor at desktop width. */
async function expectNoSidewaysScroll(page, screen) {
  for (const width of [360, 320, 1280]) {
    await page.setViewportSize({ width, height: 740 });
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${screen} at ${width} px`).toBeLessThanOrEqual(client);
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

test("respondent page and comparison: named actions, next step, re-import, print, reflow", async ({ page }) => {
  test.setTimeout(180_000);
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const pro = await publicKey(page);
  await addRespondent(page, CODE);
  const respondentUrl = page.url();
  await addMember(page, "partner");
  await expect(byTestId(page, "person")).toHaveCount(2);

  // Every "Uitnodiging" says for which moment and person (issue 12: six
  // links here, nine with two members, all named "Uitnodiging").
  await expect(page.getByRole("link", { name: "Uitnodiging", exact: true })).toHaveCount(0);
  for (const m of ["T0", "T1", "T2"]) {
    await expect(page.getByRole("link", { name: `Uitnodiging ${m} – Partner`, exact: true })).toHaveCount(1);
    await expect(page.getByRole("link", { name: `Uitnodiging ${m} – De respondent zelf`, exact: true })).toHaveCount(1);
    await expect(page.getByRole("button", { name: `Mijn lijst invullen ${m} – Partner`, exact: true })).toHaveCount(1);
  }

  // The professional's own T0 form is open: T0 is still the next step.
  const t0Form = await openProfessionalForm(page, "T0");
  await page.goto(respondentUrl);
  const next = page.locator('[data-testid="person"][data-member=""] [data-testid="next-moment"]');
  await expect(next).toHaveAttribute("data-moment", "T0");
  await expect(next).toContainText("Uw eigen lijst voor T0 is nog niet af.");
  // On a line of its own, not run on after the date.
  const line = await next.boundingBox();
  const sentence = await next.locator('[data-testid="own-form-open"]').boundingBox();
  expect(Math.abs(sentence.x - line.x), "the sentence starts at the line's left edge").toBeLessThan(1);
  expect(sentence.y, "the sentence is below the next step").toBeGreaterThan(line.y + 10);
  await shoot(page, "respondent-own-form-open");
  // Dates in words, as on the citizen's screens, never 2026-12-02.
  // (\s: the date is held together by non-breaking spaces.)
  await expect(next).toHaveText(/ · \d{1,2}\s(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s\d{4}/);
  await expect(page.locator("main")).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  const t1Form = await openProfessionalForm(page, "T1");
  await page.goto(respondentUrl);
  await answerStored(page, t0Form, HEAVY);
  await answerStored(page, t1Form, BALANCED);

  // The citizen's T0 and T1 files; then the T0 file a second time.
  const t0File = ageFile("t0.age", exportEnvelope({ respondent: CODE, moment: "T0", answers: { ...BALANCED, "intro.question": { text: "Hulp met mijn post." } } }), [RESEARCHER, pro]);
  const t1File = ageFile("t1.age", exportEnvelope({ respondent: CODE, moment: "T1", answers: HEAVY }), [RESEARCHER, pro]);
  let results = await importFiles(page, [t0File, t1File]);
  await expect(results.filter({ hasText: "t0.age" })).toHaveAttribute("data-kind", "new");
  await expect(results.filter({ hasText: "t1.age" })).toHaveAttribute("data-kind", "new");
  results = await importFiles(page, t0File);
  await expect(results).toHaveAttribute("data-kind", "already");
  await expect(results).toContainText("Dit bestand was al ingelezen");
  await expect(results).not.toContainText("vervangt");
  await shoot(page, "respondent-import");

  // The page as it opens (the file picker no longer focused).
  await page.goto(respondentUrl);
  await expect(byTestId(page, "person")).toHaveCount(2);
  await checkScreen(page, "respondent page with two people");
  await shoot(page, "respondent");

  // T0 has no earlier moment: no word about brackets.
  await momentCard(page, "T0").locator('[data-testid="compare"]').click();
  await expect(byTestId(page, "source-previous")).toHaveAttribute("data-moment", "");
  await expect(byTestId(page, "group-competences").locator(".scores")).toBeVisible();
  await expect(byTestId(page, "compare-page")).not.toContainText("tussen haakjes");
  await expectNoSidewaysScroll(page, "comparison T0");

  // T1 against T0: the brackets are explained where they show a change.
  await page.goto(respondentUrl);
  await momentCard(page, "T1").locator('[data-testid="compare"]').click();
  await expect(byTestId(page, "source-previous")).toHaveAttribute("data-moment", "T0");
  const scores = byTestId(page, "group-competences").locator(".scores");
  await expect(scores).toContainText("(");
  await expect(scores).toContainText("tussen haakjes de verandering");

  // The questions in the professional's wording, never the citizen's
  // "u", "uw", "ik" or "mijn" (issue 12).
  const questions = await byTestId(page, "compare-page").locator('tbody th[scope="row"]').allTextContents();
  expect(questions.length).toBeGreaterThan(20);
  const personWords = /(^|[^\p{L}])(ik|mijn|u|uw|uzelf)(?=[^\p{L}]|$)/iu;
  expect(questions.filter((q) => personWords.test(q))).toEqual([]);

  await expectNoSidewaysScroll(page, "comparison T1");
  await checkScreen(page, "comparison T1 with change");
  await shoot(page, "compare");

  // On paper: one or two A4 pages (issue 12: ten), marked topics first.
  if (process.env.BALANS_SHOTS) {
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(process.env.BALANS_SHOTS, "compare-print.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ media: "screen" });
  }
  expect(await printedPages(page)).toBeLessThanOrEqual(2);
});
