// Issue 12: respondent codes were case-sensitive, so "r-0107" and "R-0107"
// became two respondents and file names lowercased the code. A code is
// upper case wherever it is kept, and any case finds it.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, consent } from "./helpers/citizen.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, momentCard, importFiles, publicKey, respondentCodes,
} from "./helpers/workspace.mjs";
import { invitationFragment, DEMO_PUBLIC_KEY } from "./helpers/links.mjs";
import { ageDecrypt, ageEncrypt, exportEnvelope, ROOT } from "./helpers/files.mjs";

const STUDY = {
  n: "Balans demo", c: "onderzoek@balans.example", k: DEMO_PUBLIC_KEY, g: "Voorbeeldstad", t: "Wijkteam Noord",
};


test("a citizen's file from an old lower-case link lands on R-0107; r-0107 is no new respondent", async ({ page, browser, baseURL }) => {
  const dir = mkdtempSync(join(tmpdir(), "balans-codes-"));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const pro = await publicKey(page);
  await addRespondent(page, "R-0107");

  // The citizen opens an invitation made before codes were upper case.
  const citizenContext = await browser.newContext({ baseURL, locale: "nl-NL", acceptDownloads: true });
  const citizen = await citizenContext.newPage();
  await citizen.goto(`/${invitationFragment({ s: STUDY, r: "r-0107", m: "T0", l: "nl", p: pro, pn: "Sanne de Vries" })}`);
  await consent(citizen);
  const id = new URL(citizen.url()).pathname.split("/")[2];
  await citizen.goto(`/q/${id}/review`);
  await byTestId(citizen, "finish").click();
  if (await byTestId(citizen, "to-send").isVisible().catch(() => false)) {
    await byTestId(citizen, "to-send").click();
  }
  const downloadPromise = citizen.waitForEvent("download");
  await byTestId(citizen, "download").click();
  const download = await downloadPromise;
  // The file name keeps the code's upper case.
  expect(download.suggestedFilename()).toBe("balans_balans-demo_R-0107_citizen_T0.age");
  const citizenFile = join(dir, download.suggestedFilename());
  await download.saveAs(citizenFile);
  expect(ageDecrypt(citizenFile).respondent).toBe("R-0107");
  await citizenContext.close();

  // Both that file and one an older app wrote ("r-0107" inside) are R-0107's.
  // What an app from before wrote for a link with "r-0107": the code as the link had it.
  const oldFile = ageEncrypt(exportEnvelope({ respondent: "r-0107" }), [pro]);
  const file = (name, buffer) => ({ name, mimeType: "application/octet-stream", buffer });
  const results = await importFiles(page, [
    file("nieuw.age", readFileSync(citizenFile)),
    file("oud-r-0107.age", oldFile),
  ]);
  await expect(results.nth(0)).toHaveAttribute("data-outcome", "imported");
  await expect(results.nth(1)).toHaveAttribute("data-outcome", "imported");
  await expect(momentCard(page, "T0").locator('[data-step="citizen"]')).toHaveAttribute("data-reached", "true");

  // One respondent; adding "r-0107" is refused as existing.
  await byTestId(page, "back-to-workspace").click();
  expect(await respondentCodes(page)).toEqual(["R-0107"]);
  await byTestId(page, "respondent-code").fill("r-0107");
  await byTestId(page, "add-respondent-button").click();
  await expect(byTestId(page, "respondent-error").locator("[data-error]"))
    .toHaveAttribute("data-error", "pro.respondent.error.exists");
  expect(await respondentCodes(page)).toEqual(["R-0107"]);
  // A new code typed in lower case is kept in upper case.
  await byTestId(page, "respondent-code").fill("r-0108");
  await byTestId(page, "add-respondent-button").click();
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", "R-0108");
  // An address with the code in lower case opens the same respondent.
  const upper = new URL(page.url()).pathname;
  await page.goto(upper.replace("R-0108", "r-0108"));
  await expect(byTestId(page, "respondent-page")).toHaveAttribute("data-code", "R-0108");
});

test("a questionnaire kept under a lower-case code moves once to the upper-case id, every answer kept", async ({ page }) => {
  const fixture = readFileSync(join(ROOT, "tests/fixtures/storage/schema_v3_lowercase_code.json"), "utf8");
  const old = JSON.parse(fixture);
  // The id the link gives now, for "R-0107" (tests/core/questionnaire.rs).
  const NEW_ID = "63ba907ebf812553";
  await page.goto("/");
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`balans.q.${old.id}`, fixture]);
  await page.reload();
  await expect(page.locator(`[data-testid=questionnaire-row][data-id="${NEW_ID}"]`)).toHaveCount(1);
  await expect(byTestId(page, "questionnaire-row")).toHaveCount(1);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("balans.q.")));
  expect(stored).toEqual([`balans.q.${NEW_ID}`]);
  const moved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `balans.q.${NEW_ID}`));
  expect(moved.invitation.r).toBe("R-0107");
  expect(moved.answers).toEqual(old.answers);
  expect(moved.schema).toBe(4);
  // Once moved, a second start changes nothing.
  await page.reload();
  await expect(byTestId(page, "questionnaire-row")).toHaveCount(1);
  expect(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `balans.q.${NEW_ID}`))).toEqual(moved);
});
