// "Onder welke condities" end to end: import a generated set with a planted
// condition effect (1 500 files, seed 16: professionals' plans, and people
// whose goals were mostly their own idea see their capacity rise 0.35 latent
// units more per moment), then the screen shows the planted condition with a
// Holm-adjusted p below 0.05 and a condition without an effect above it, and
// every table downloads as CSV. Also axe and reflow on the screen.
import { test, expect } from "@playwright/test";
import { join } from "node:path";
import {
  byTestId, genExports, openImport, loadKeyFile, importFiles, download, parseCsv,
} from "./helpers/research.mjs";
import { DEMO_KEY, ROOT } from "./helpers/files.mjs";
import { openInterview } from "./helpers/plan.mjs";

test.describe.configure({ timeout: 300_000 });

const PLANTED = { count: 1500, seed: 16, ownGoalsEffect: 0.35 };

/** The Holm-adjusted Welch p of draagkracht T0→T2 for the chosen condition. */
async function holmP(page, condition) {
  await byTestId(page, "cond-condition").selectOption(condition);
  const row = page.locator('[data-testid="cond-change-row"][data-measure="draagkracht"][data-comparison="T0-T2"]');
  const cell = row.locator('[data-testid="p-welch-holm"]');
  await expect(cell).toHaveAttribute("data-p", /\d/);
  return Number(await cell.getAttribute("data-p"));
}

test("a planted condition effect shows with Holm p < 0.05, a null condition does not; CSVs download", async ({ page }) => {
  const gen = genExports(PLANTED);
  expect(gen.planted.own_goals_effect).toBe(PLANTED.ownGoalsEffect);
  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  await importFiles(page, gen.paths);
  await byTestId(page, "nav-research-conditions").click();
  await expect(byTestId(page, "conditions-page")).toBeVisible();
  // The models by moment are there when the screen opens.
  await expect(page.locator('[data-testid="moment-model-row"]')).toHaveCount(15);

  expect(await holmP(page, "goals_own_share")).toBeLessThan(0.05);
  // The model with the condition: its T2 interaction is positive and clear.
  const interaction = page.locator('[data-testid="model-row"][data-term="momentT2:cond2"]');
  await expect(interaction).toBeVisible();
  expect(Number(await interaction.locator("td[data-p]").getAttribute("data-p"))).toBeLessThan(0.05);
  await expect(byTestId(page, "trajectory-chart")).toBeVisible();
  await expect(page.locator('[data-testid="trajectory-row"]')).toHaveCount(6);

  const change = parseCsv((await download(page, "download-cond-change")).text);
  const planted = change.find((r) => r.measure === "draagkracht" && r.to === "T2" && r.group === "2");
  expect(planted.condition).toBe("goals_own_share");
  expect(Number(planted.p_welch_holm)).toBeLessThan(0.05);
  expect(Number(planted.diff)).toBeGreaterThan(0);
  const conditions = parseCsv((await download(page, "download-cond-conditions")).text);
  expect(Object.keys(conditions[0]).slice(0, 3)).toEqual(["respondent", "member", "goals_own_share"]);
  expect(conditions.length).toBeGreaterThan(200);
  for (const what of ["trajectories", "models", "forest"]) {
    const csv = parseCsv((await download(page, `download-cond-${what}`)).text);
    expect(csv.length, what).toBeGreaterThan(2);
  }

  expect(await holmP(page, "intervention_1")).toBeGreaterThan(0.05);
  // A condition everyone shares says why instead of giving numbers.
  await byTestId(page, "cond-condition").selectOption("municipality");
  await expect(page.locator('[data-testid="cond-reason"]').first()).toBeVisible();
  await expect(byTestId(page, "model-reason")).toBeVisible();
});

test.describe("accessibility", () => {
  test.use({ bypassCSP: true });

  test("the conditions screen passes axe and reflows at 320 px", async ({ page }) => {
    const gen = genExports({ count: 120, seed: 5, ownGoalsEffect: 0.3 });
    await openImport(page);
    await loadKeyFile(page, DEMO_KEY);
    await importFiles(page, gen.paths);
    // Through the navigation: a reload would drop the imported data.
    await byTestId(page, "nav-research-conditions").click();
    await expect(byTestId(page, "conditions-page")).toBeVisible();
    await byTestId(page, "cond-condition").selectOption("goals_own_share");
    await expect(page.locator('[data-testid="moment-model-row"]')).toHaveCount(15);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(ROOT, `target/conditions-${width}.png`), fullPage: true });
    }
    await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
    const problems = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 320, height: 700 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide, "the conditions screen is wider than 320 px").toBe(false);

    // The interview's closed continuity answers: typed, chosen, then in the
    // conditions table.
    await page.setViewportSize({ width: 360, height: 900 });
    await openInterview(page, "R-0001", 2);
    await byTestId(page, "note-continuity.caseload_number").fill("45");
    await byTestId(page, "note-continuity.changed_worker-yes").check();
    await byTestId(page, "note-continuity.caseload_number").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, "target/interview-closed-360.png") });
    await byTestId(page, "nav-research-conditions").click();
    const conditions = parseCsv((await download(page, "download-cond-conditions")).text);
    const first = conditions.find((r) => r.respondent === "R-0001" && r.member === "");
    expect(first.changed_worker).toBe("1");
    expect(first.caseload).toBe("45");
    expect(first.caseload_group).toBe("2");
  });
});
