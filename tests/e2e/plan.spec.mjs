// Issue 8 end to end, in Chromium: the professional builds a support plan
// with two goals and three small-step agreements (saved as typed), prints it
// on one A4 page, and exports it with their own form; the researcher imports
// that file, opens interview 1 with the plan and the questionnaires shown,
// takes notes, and finds them (and the plan) in the downloaded dataset.
// The plan and interview screens pass axe at 360 px and desktop width.
import { test, expect } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { choose } from "./helpers/citizen.mjs";
import { ageDecrypt, DEMO_KEY, ROOT } from "./helpers/files.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { createDemoWorkspace, toWorkspace, addRespondent, openProfessionalForm } from "./helpers/workspace.mjs";
import { openImport, loadKeyFile, importFiles, outcomeRows, download, parseCsv } from "./helpers/research.mjs";
import {
  byTestId, TYPICAL_PLAN, openPlan, fillPlan, goalCard, stepCard, storedPlan, printedPages,
  openInterview, writeNote,
} from "./helpers/plan.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

const CODE = "R-0108";

/** A workspace with respondent CODE whose professional T0 form is started. */
async function workspaceWithForm(page) {
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, CODE);
  const formId = await openProfessionalForm(page, "T0");
  await page.goto(`/q/${formId}/page/5`);
  await choose(page, "comp.selfconfidence.1", 4);
  await page.goto("/pro");
  await byTestId(page, "open-workspace").click();
  await byTestId(page, "open-respondent").click();
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", CODE);
  return formId;
}

test("plan with two goals and three small steps: printed on one page, exported, interviewed, in the dataset", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "balans-plan-"));
  await workspaceWithForm(page);

  // The professional builds the plan with the citizen; every change is saved at once.
  await openPlan(page);
  await fillPlan(page, TYPICAL_PLAN);
  const stored = await storedPlan(page, CODE);
  expect(stored.schema).toBe(4);
  expect(stored.goals.filter((g) => !g.removed)).toHaveLength(2);
  expect(stored.steps.map((s) => s.what)).toEqual(TYPICAL_PLAN.steps.map((s) => s.what));
  expect(stored.goals[0].say).toEqual({ idea: "citizen", agreed: true });
  expect(stored.steps[2].say).toEqual({ idea: "together", agreed: false });

  // After a reload everything is still there, in the right places.
  await page.reload();
  await expect(byTestId(page, "plan-question")).toHaveValue(TYPICAL_PLAN.question);
  await expect(goalCard(page, 2).locator('[data-testid="goal-text"]')).toHaveValue(TYPICAL_PLAN.goals[1].text);
  await expect(goalCard(page, 2).locator('[data-testid="say-idea"]')).toHaveValue("together");
  await expect(stepCard(page, 3).locator('[data-testid="step-date"]')).toHaveValue("2026-12-15");
  await expect(stepCard(page, 3).locator('[data-testid="step-goal"] option:checked')).toContainText("Doel 2");
  await expect(byTestId(page, "plan-burden-finances").locator("input")).toBeChecked();
  await expect(byTestId(page, "plan-other-text")).toHaveValue(TYPICAL_PLAN.others[0]);

  // Goal 1 is partly reached at T1, once T1 is there (the professional
  // began their T1 form); a removed extra goal does not come back.
  await expect(goalCard(page, 1).locator('[data-testid="goal-t1"]')).toHaveCount(0);
  await byTestId(page, "plan-page").getByRole("link", { name: "Terug naar de respondent" }).click();
  await openProfessionalForm(page, "T1");
  await page.goBack();
  await openPlan(page);
  await goalCard(page, 1).locator('[data-testid="goal-t1"]').selectOption("partly");
  await byTestId(page, "plan-add-goal").click();
  await goalCard(page, 3).locator('[data-testid="goal-text"]').fill("Weg ermee");
  await goalCard(page, 3).locator('[data-testid="remove-goal"]').click();
  await expect(byTestId(page, "plan-goal")).toHaveCount(2);

  // The printed plan: plain Dutch, one A4 page.
  const sheet = byTestId(page, "plan-sheet");
  await expect(sheet).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(sheet).toBeVisible();
  await expect(byTestId(page, "plan-page").locator(".no-print")).toBeHidden();
  await expect(sheet.locator("h2")).toHaveText("Uw plan");
  await expect(byTestId(page, "sheet-goal")).toHaveCount(2);
  await expect(byTestId(page, "sheet-step")).toHaveCount(3);
  await expect(byTestId(page, "sheet-goal").first()).toContainText("Bedacht door: uzelf");
  await expect(byTestId(page, "sheet-goal").first()).toContainText("Na een half jaar: deels gelukt");
  await expect(sheet).toContainText("Sanne de Vries");
  // Dates in words for citizens (issue 12).
  await expect(sheet).toContainText("7 december 2026");
  // What the print preview shows, at A4's 210 × 297 mm (96 px per inch).
  // The @page margins as padding: the screenshot shows the page as printed.
  await page.setViewportSize({ width: 794, height: 1123 });
  const margins = await page.addStyleTag({ content: "body { padding: 14mm 16mm; }" });
  const preview = await page.screenshot();
  await margins.evaluate((style) => style.remove());
  if (process.env.BALANS_DOCS === "1") writeFileSync(join(ROOT, "docs/plan-print.png"), preview);
  await page.emulateMedia({ media: "screen" });
  expect(await printedPages(page)).toBe(1);
  await page.setViewportSize({ width: 360, height: 740 });

  // The plan goes with the professional's own form, encrypted.
  await byTestId(page, "plan-send-T0").click();
  await expect(byTestId(page, "send-plan")).toHaveAttribute("data-goals", "2");
  await expect(byTestId(page, "send-plan")).toHaveAttribute("data-steps", "3");
  const exported = await download(page, "download", dir);
  const envelope = ageDecrypt(exported.path, DEMO_KEY);
  // Version 3: the professional's id travels with the plan (issue 12).
  expect(envelope.version).toBe(3);
  expect(envelope.professional_id).toMatch(/^[0-9a-f]{10}$/);
  expect(envelope.role).toBe("professional");
  expect(envelope.plan.respondent).toBe(CODE);
  expect(envelope.plan.goals.map((g) => g.text)).toEqual(TYPICAL_PLAN.goals.map((g) => g.text));
  expect(envelope.plan.goals.some((g) => g.removed)).toBe(false);
  expect(envelope.plan.goals[0].reached_t1).toBe("partly");
  expect(envelope.plan.steps).toHaveLength(3);
  expect(envelope.plan.head.interventions).toEqual([1, 2]);

  // The researcher imports it and opens interview 1: the plan is shown.
  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  await importFiles(page, [exported.path]);
  expect((await outcomeRows(page)).map((r) => r.outcome)).toEqual(["imported"]);
  // Each interview link names its respondent for screen readers (issue 12).
  await byTestId(page, "nav-research-interview").click();
  await expect(page.getByRole("link", { name: `Interview 1 (na T0) van ${CODE}`, exact: true })).toBeVisible();
  await openInterview(page, CODE, 1);
  const facts = byTestId(page, "interview-page").locator('[data-testid="plan-sheet"]');
  await expect(facts).toBeVisible();
  await expect(facts).toContainText(TYPICAL_PLAN.question);
  await expect(facts.locator('[data-testid="sheet-goal"]')).toHaveCount(2);
  await expect(facts.locator('[data-testid="sheet-step"]')).toHaveCount(3);
  await expect(facts.locator('[data-testid="sheet-goal"]').first()).toContainText("Van de inwoner zelf");
  // The professional's T0 form is there; the citizen's is not imported.
  await expect(byTestId(page, "interview-compare")).toBeVisible();
  await expect(page.locator('[data-testid="interview-topic"][data-topic="competences"]')).toBeVisible();
  await checkScreen(page, "interview 1 with the plan and the questionnaires");

  // Notes are saved as they are typed, and survive leaving the screen.
  const notes = {
    "approach.goals": "Doelen samen met de inwoner en haar zus opgeschreven.",
    "continuity.caseload": "42 inwoners; \"te veel\", zegt ze.\nGeen wisseling.",
  };
  for (const [id, text] of Object.entries(notes)) await writeNote(page, id, text);
  await byTestId(page, "nav-research-dataset").click();
  await openInterview(page, CODE, 1);
  await expect(byTestId(page, "note-approach.goals")).toHaveValue(notes["approach.goals"]);

  // The dataset: the notes in their own table, and the plan's tables.
  await byTestId(page, "nav-research-dataset").click();
  await expect(byTestId(page, "dataset-plans")).toHaveAttribute("data-plans", "1");
  const interview = await download(page, "download-interview", dir);
  expect(interview.name).toBe("balans_interview.csv");
  expect(parseCsv(interview.text)).toEqual([
    { respondent: CODE, moment: "1", question: "approach.goals", note: notes["approach.goals"] },
    { respondent: CODE, moment: "1", question: "continuity.caseload", note: "42 inwoners; \"te veel\", zegt ze. / Geen wisseling." },
  ]);
  const plans = parseCsv((await download(page, "download-plans", dir)).text);
  expect(plans).toHaveLength(1);
  expect(plans[0]).toMatchObject({ respondent: CODE, goals: "2", goals_own_idea: "2", goals_agreed: "2", steps: "3", steps_agreed: "2", burden_finances: "1", intervention_7: "1" });
  const goals = parseCsv((await download(page, "download-plan-goals", dir)).text);
  expect(goals.map((g) => [g.goal, g.idea, g.agreed, g.reached_t1])).toEqual([["1", "1", "1", "2"], ["2", "2", "1", ""]]);
  const steps = parseCsv((await download(page, "download-plan-steps", dir)).text);
  expect(steps.map((s) => [s.step, s.goal, s.with_whom, s.date, s.agreed])).toEqual([
    ["1", "1", "Mijn zus", "2026-12-07", "1"],
    ["2", "1", "De vrijwilliger", "2026-12-09", "1"],
    ["3", "2", "Alleen", "2026-12-15", "0"],
  ]);
  const codebook = parseCsv((await download(page, "download-codebook", dir)).text);
  const note = codebook.find((r) => r.file === "balans_interview.csv" && r.variable === "note");
  expect(note.label_nl).toBe("Notitie van de onderzoeker");
});

/** Axe, reflow and touch targets on the plan and interview screens. */
async function auditPlanScreens(page) {
  await workspaceWithForm(page);
  await openPlan(page);
  await checkScreen(page, "support plan (empty)");
  await fillPlan(page, TYPICAL_PLAN);
  await checkScreen(page, "support plan (two goals, three steps)");
  await page.goto("/research/interview");
  await expect(byTestId(page, "interview-list")).toBeVisible();
  await checkScreen(page, "interview list");
  await byTestId(page, "interview-code").fill(CODE);
  await byTestId(page, "interview-open").click();
  await expect(byTestId(page, "interview-page")).toBeVisible();
  await expect(byTestId(page, "interview-no-plan")).toBeVisible();
  await writeNote(page, "approach.goals", "Een notitie.");
  await checkScreen(page, "interview 1 (nothing imported)");
}

test("the plan and interview screens pass axe at 360 px", async ({ page }) => {
  test.setTimeout(120_000);
  await auditPlanScreens(page);
});

test("the plan and interview screens pass axe at desktop width", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await auditPlanScreens(page);
});

// Issue 12: at the intake a goal could be marked "reached at T1", and the
// small steps showed in the order they were added, not by date.
test("at the intake T1 and T2 cannot be assessed yet; small steps go by date", async ({ page }) => {
  test.setTimeout(120_000);
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, CODE);
  await openPlan(page);
  await byTestId(page, "plan-add-goal").click();
  const goal = goalCard(page, 1);
  await expect(goal.locator('[data-testid="goal-t1"]')).toHaveCount(0);
  await expect(goal.locator('[data-testid="goal-t2"]')).toHaveCount(0);
  await expect(goal.locator('[data-testid="goal-t1-later"]')).toContainText("Dat vult u in als T1 er is");
  await expect(goal.locator('[data-testid="goal-t2-later"]')).toContainText("als T2 er is");

  // Two steps, the later date first.
  for (const [n, what, date] of [[1, "Later", "2026-12-20"], [2, "Eerst", "2026-12-05"]]) {
    await byTestId(page, "plan-add-step").click();
    await stepCard(page, n).locator('[data-testid="step-what"]').fill(what);
    await stepCard(page, n).locator('[data-testid="step-date"]').fill(date);
  }
  // Saved as typed: the card stays where it is while its date is typed.
  await expect(stepCard(page, 2).locator('[data-testid="step-what"]')).toHaveValue("Eerst");
  await page.emulateMedia({ media: "print" });
  await expect(byTestId(page, "sheet-step").first()).toContainText("Eerst");
  await expect(byTestId(page, "sheet-step").last()).toContainText("Later");
  await page.emulateMedia({ media: "screen" });
  await page.reload();
  await expect(stepCard(page, 1).locator('[data-testid="step-what"]')).toHaveValue("Eerst");
  await expect(stepCard(page, 1).locator("h3")).toContainText("1");
  await expect(stepCard(page, 2).locator('[data-testid="step-what"]')).toHaveValue("Later");
  await checkScreen(page, "support plan at the intake");
});
