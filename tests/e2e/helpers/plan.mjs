// Helpers for the support plan (professional) and the interview screens
// (researcher). Elements are found by data-testid.
import { expect } from "@playwright/test";
import { byTestId } from "./citizen.mjs";
import { staffRecords } from "./app.mjs";

export { byTestId };

/** A typical plan: two goals, three small-step agreements. */
export const TYPICAL_PLAN = {
  question: "Ik krijg mijn post en rekeningen niet meer op orde.",
  burden: ["finances", "mental"],
  capacity: ["network"],
  clarification: "Drie schuldeisers. Zus helpt graag, woont dichtbij.",
  interventions: [1, 2],
  others: ["Budgetcursus in de bibliotheek"],
  goals: [
    { text: "Mijn post is elke week open en gesorteerd.", idea: "citizen", agreed: "yes" },
    { text: "Ik ga weer naar de koffieochtend in het buurthuis.", idea: "together", agreed: "yes" },
  ],
  steps: [
    { what: "Post openen en sorteren", how: "Elke maandag aan de keukentafel", who: "Mijn zus", date: "2026-12-07", goal: 1, idea: "citizen", agreed: "yes" },
    { what: "Schuldhulp bellen voor een afspraak", how: "Samen bellen", who: "De vrijwilliger", date: "2026-12-09", goal: 1, idea: "professional", agreed: "yes" },
    { what: "Een keer naar de koffieochtend", how: "Zelf lopen", who: "Alleen", date: "2026-12-15", goal: 2, idea: "together", agreed: "no" },
  ],
};

/** From the respondent page to their plan. */
export async function openPlan(page) {
  await byTestId(page, "open-plan").click();
  await expect(byTestId(page, "plan-page")).toBeVisible();
}

/** The card of goal `n` (1-based). */
export function goalCard(page, n) {
  return byTestId(page, "plan-goal").nth(n - 1);
}

/** The card of small step `n` (1-based). */
export function stepCard(page, n) {
  return byTestId(page, "plan-step").nth(n - 1);
}

/** Fills the plan page with `plan` (shape of TYPICAL_PLAN), as a person would. */
export async function fillPlan(page, plan) {
  await byTestId(page, "plan-question").fill(plan.question);
  for (const d of plan.burden) await byTestId(page, `plan-burden-${d}`).locator("input").check();
  for (const c of plan.capacity) await byTestId(page, `plan-capacity-${c}`).locator("input").check();
  await byTestId(page, "plan-clarification").fill(plan.clarification);
  for (const [i, goal] of plan.goals.entries()) {
    await byTestId(page, "plan-add-goal").click();
    const card = goalCard(page, i + 1);
    await expect(card).toBeVisible();
    await card.locator('[data-testid="goal-text"]').fill(goal.text);
    await card.locator('[data-testid="say-idea"]').selectOption(goal.idea);
    await card.locator('[data-testid="say-agreed"]').selectOption(goal.agreed);
  }
  for (const code of plan.interventions) {
    await byTestId(page, `plan-intervention-${code}`).locator("input").check();
  }
  for (const [i, other] of plan.others.entries()) {
    await byTestId(page, "plan-add-other").click();
    await byTestId(page, "plan-other-text").nth(i).fill(other);
  }
  for (const [i, step] of plan.steps.entries()) {
    await byTestId(page, "plan-add-step").click();
    const card = stepCard(page, i + 1);
    await expect(card).toBeVisible();
    await card.locator('[data-testid="step-what"]').fill(step.what);
    await card.locator('[data-testid="step-how"]').fill(step.how);
    await card.locator('[data-testid="step-who"]').fill(step.who);
    await card.locator('[data-testid="step-date"]').fill(step.date);
    await card.locator('[data-testid="step-goal"]').selectOption({ index: step.goal });
    await card.locator('[data-testid="say-idea"]').selectOption(step.idea);
    await card.locator('[data-testid="say-agreed"]').selectOption(step.agreed);
  }
}

/** The plan as stored on the device for respondent `code` (the one plan key). */
export async function storedPlan(page, code) {
  // Plans stay in localStorage (the citizen app sends the professional's
  // form with its plan); other staff records live in the staff database.
  const local = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  const records = { ...(await staffRecords(page)), ...local };
  const key = Object.keys(records).find((k) => k.startsWith("balans.pro.p.") && k.endsWith(`.${code}`));
  return key ? JSON.parse(records[key]) : null;
}

/** Prints the page to an A4 PDF (print CSS) and returns its number of pages. */
export async function printedPages(page) {
  await page.emulateMedia({ media: "print" });
  const raw = await page.pdf({ format: "A4", preferCSSPageSize: true });
  if (process.env.SAVE_PDF) (await import("node:fs")).writeFileSync(process.env.SAVE_PDF, raw);
  const pdf = raw.toString("latin1");
  await page.emulateMedia({ media: "screen" });
  // Every page object says "/Type /Page"; the page tree says "/Type /Pages".
  return (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Opens interview `n` (1 or 2) of respondent `code` from the interview list. */
export async function openInterview(page, code, n) {
  await byTestId(page, "nav-research-interview").click();
  await expect(byTestId(page, "interview-list")).toBeVisible();
  await page.locator(`[data-testid="interview-row"][data-code="${code}"] [data-testid="open-interview-${n}"]`).click();
  await expect(byTestId(page, "interview-page")).toHaveAttribute("data-moment", String(n));
}

/** Types a note for guide question `id` on the open interview. */
export async function writeNote(page, id, text) {
  await byTestId(page, `note-${id}`).fill(text);
}
