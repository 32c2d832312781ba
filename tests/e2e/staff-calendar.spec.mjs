// Calendar reminders and a full storage on the staff screens (issue 14):
// the workspace's T1/T2 dates and the researcher's interview moments come
// as iCalendar files holding only codes; adding a respondent while the
// browser's storage is full says so, in staff words, on the same screen.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { staffRecords } from "./helpers/app.mjs";
import { DEMO_KEY, ROOT } from "./helpers/files.mjs";
import { openImport, loadKeyFile, importFiles as importExports, tempDir } from "./helpers/research.mjs";
import { createDemoWorkspace, toWorkspace, addRespondent } from "./helpers/workspace.mjs";
import { execFileSync } from "node:child_process";

const RESEARCHER = "age15cpmx82kxmge6v60djzghzrhjejs9vsprvz8unhspape3c86z5yqg0pndd";

/** Clicks a download button; returns the file's name and text. */
async function downloaded(page, testid) {
  const started = page.waitForEvent("download");
  await byTestId(page, testid).click();
  const file = await started;
  const path = join(tempDir("balans-ics-"), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** The VEVENTs of an iCalendar text: their unfolded properties. */
function events(text) {
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  expect(unfolded.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(unfolded.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  return unfolded.split("BEGIN:VEVENT\r\n").slice(1).map((block) =>
    Object.fromEntries(block.split("\r\n").filter((l) => l.includes(":") && !l.startsWith("END:VEVENT"))
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)])));
}

// axe is injected as an inline script.
test.use({ bypassCSP: true });

/** Each changed screen at 360 and 1280 px: axe, reflow, touch targets, a picture. */
async function pictures(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await checkScreen(page, name);
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

test("the workspace's T1 and T2 dates as a calendar, for all and for one respondent", async ({ page }) => {
  await createDemoWorkspace(page, "Sanne de Vries");
  await toWorkspace(page);
  await addRespondent(page, "R-0107");
  const one = await downloaded(page, "calendar-one");
  expect(one.name).toMatch(/\.ics$/);
  const mine = events(one.text);
  expect(mine.map((e) => e.SUMMARY)).toEqual(["Balans: T1 van respondent R-0107", "Balans: T2 van respondent R-0107"]);
  expect(one.text).toContain("TRIGGER:-P7D");
  expect(one.text).not.toContain("Sanne");
  await pictures(page, "calendar-respondent");
  await byTestId(page, "back-to-workspace").click();
  await addRespondent(page, "R-0200");
  await byTestId(page, "back-to-workspace").click();
  const all = await downloaded(page, "calendar-all");
  expect(events(all.text)).toHaveLength(4);
  // T1 is 182 days after the intake (today), T2 365.
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  expect(events(all.text)[0]["DTSTART;VALUE=DATE"]).toBe(day(182));
  await pictures(page, "calendar-workspace");
});

test("the interview moments per respondent, editable, kept after a reload, as a calendar", async ({ page }) => {
  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  // Kept on the device, so the respondent is still there after a reload.
  await byTestId(page, "keep-data").check();
  const envelope = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/exports/ok_v1_citizen.json"), "utf8"));
  const dir = tempDir();
  const path = join(dir, "t0.age");
  execFileSync("sh", ["-c", `age -a -r ${RESEARCHER} > ${path}`], { input: JSON.stringify(envelope) });
  await importExports(page, [path]);
  // Through the menu: the data read in lives in this page.
  await byTestId(page, "nav-research-interview").click();
  const row = byTestId(page, "interview-dates").filter({ hasText: "R-0042" });
  // T0 began 2026-01-01: interview 1 four weeks later, interview 2 four weeks before T2.
  await expect(row.locator('[data-testid="interview-day-1"]')).toHaveValue("2026-01-29");
  await expect(row.locator('[data-testid="interview-day-2"]')).toHaveValue("2026-12-04");
  await row.locator('[data-testid="interview-day-1"]').fill("2026-02-03");
  await pictures(page, "interview-calendar");
  const file = await downloaded(page, "interview-calendar-download");
  const planned = events(file.text);
  expect(planned.map((e) => e["DTSTART;VALUE=DATE"])).toEqual(["20260203", "20261204"]);
  expect(planned[0].SUMMARY).toBe("Balans: interview 1 over respondent R-0042");

  // Issue 14: the changed day is kept with the interview's record (so it is
  // in the researcher's backup too) and is still there after a reload.
  await row.locator('[data-testid="interview-day-2"]').fill("2026-11-20");
  const kept = async () => {
    const records = await staffRecords(page);
    return [1, 2].map((n) => {
      const text = records[`balans.research.interview.R-0042.${n}`];
      return text ? JSON.parse(text).value?.day?.text ?? JSON.parse(text).day?.text : undefined;
    });
  };
  await expect.poll(kept).toEqual(["2026-02-03", "2026-11-20"]);
  await page.reload();
  const again = byTestId(page, "interview-dates").filter({ hasText: "R-0042" });
  await expect(again.locator('[data-testid="interview-day-1"]')).toHaveValue("2026-02-03");
  await expect(again.locator('[data-testid="interview-day-2"]')).toHaveValue("2026-11-20");
  const after = events((await downloaded(page, "interview-calendar-download")).text);
  expect(after.map((e) => e["DTSTART;VALUE=DATE"])).toEqual(["20260203", "20261120"]);
  // Cleared, a day goes back to the planned one, and that is kept too.
  await again.locator('[data-testid="interview-day-2"]').fill("");
  await expect(again.locator('[data-testid="interview-day-2"]')).toHaveValue("2026-12-04");
  await expect.poll(kept).toEqual(["2026-02-03", ""]);
});
