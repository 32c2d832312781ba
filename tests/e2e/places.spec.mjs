// Issue 12, "who and where in the data": the researcher lists municipalities
// and teams in the study; a professional who pasted the study link picks
// theirs; the invitation's print says study, moment, contact person and the
// researcher's contact; the citizen sends; the researcher imports and finds
// municipality, team and professional id in the long CSV and the interview
// list.
import { test, expect } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId } from "./helpers/citizen.mjs";
import { ageDecrypt, DEMO_KEY, ROOT } from "./helpers/files.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { addRespondent, toWorkspace, momentCard } from "./helpers/workspace.mjs";
import { makeInvitation } from "./helpers/invitation.mjs";
import { openImport, loadKeyFile, importFiles, outcomeRows, download, parseCsv } from "./helpers/research.mjs";

// axe is added as a script tag.
test.use({ bypassCSP: true });

test("municipality, team and professional id go from the study link to the long CSV", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "balans-places-"));

  // The professional got the demo study's link as text and pastes it on /pro.
  await page.goto("/pro");
  const studyHref = await byTestId(page, "demo-study").getAttribute("href");
  await byTestId(page, "study-link-input").fill("https://elders.example/nope#s1.kapot.xx");
  await byTestId(page, "study-link-open").click();
  await expect(byTestId(page, "study-link-error")).toBeVisible();
  await expect(byTestId(page, "study-link-input")).toBeFocused();
  await byTestId(page, "study-link-input").fill(`  ${baseURL}${studyHref}  `);
  await byTestId(page, "study-link-open").click();
  await expect(byTestId(page, "create-workspace")).toBeVisible();

  // They pick their municipality and team from the study's list.
  await byTestId(page, "place-municipality").selectOption("Oefendorp");
  await byTestId(page, "display-name").fill("Sanne de Vries");
  await byTestId(page, "key-understood").check();
  await byTestId(page, "create-workspace-button").click();
  // The team is still to be chosen: the form says so at the list.
  await expect(byTestId(page, "place-needed")).not.toBeEmpty();
  await checkScreen(page, "workspace set-up with places");
  await byTestId(page, "place-team").selectOption("Sociaal team");
  await byTestId(page, "create-workspace-button").click();
  await expect(byTestId(page, "key-backup-step")).toBeVisible();
  await toWorkspace(page);
  await addRespondent(page, "R-0311");

  // The invitation, and its print: study, moment, contact person, contact.
  await momentCard(page, "T0").locator('[data-testid="invite"]').click();
  const link = await makeInvitation(page, { moment: "T0", withKey: false });
  await expect(byTestId(page, "qr-size")).toHaveText(/QR-code is eenvoudig/);
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  await expect(byTestId(page, "print-study")).toHaveText("Balans demo");
  await expect(byTestId(page, "print-moment")).toHaveText("Intake");
  await expect(byTestId(page, "print-professional")).toHaveText("Sanne de Vries");
  await expect(byTestId(page, "print-contact")).toHaveText("onderzoek@balans.example");
  await expect(byTestId(page, "invite-qr")).toBeVisible();
  // No long link to type over under the code.
  await expect(byTestId(page, "invite-link")).toBeHidden();
  await page.screenshot({ path: join(ROOT, "docs/invitation-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 360, height: 740 });

  // The citizen answers in another browser and sends the file.
  const citizenContext = await browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: "nl-NL", acceptDownloads: true,
  });
  const citizen = await citizenContext.newPage();
  await citizen.goto(link);
  await byTestId(citizen, "invite-start").click();
  await byTestId(citizen, "invite-next").click();
  await byTestId(citizen, "consent-checkbox").check();
  await byTestId(citizen, "consent-confirm").click();
  await expect(byTestId(citizen, "progress")).toBeVisible();
  const id = new URL(citizen.url()).pathname.split("/")[2];
  await citizen.goto(`/q/${id}/review`);
  await byTestId(citizen, "finish").click();
  if (await byTestId(citizen, "to-send").isVisible().catch(() => false)) {
    await byTestId(citizen, "to-send").click();
  }
  const sent = await download(citizen, "download", dir);
  await citizenContext.close();
  const envelope = ageDecrypt(sent.path, DEMO_KEY);
  expect(envelope.version).toBe(3);
  expect(envelope.professional_id).toMatch(/^[0-9a-f]{10}$/);

  // The researcher imports it: the long CSV says where and through whom.
  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  await importFiles(page, [sent.path]);
  expect((await outcomeRows(page)).map((r) => r.outcome)).toEqual(["imported"]);
  await byTestId(page, "nav-research-dataset").click();
  const long = await download(page, "download-long", dir);
  const header = long.text.split(/\r?\n/)[0].split(",");
  expect(header.indexOf("professional_id")).toBe(header.indexOf("team") + 1);
  const rows = parseCsv(long.text);
  expect(rows).toHaveLength(1);
  expect(rows[0].respondent).toBe("R-0311");
  expect(rows[0].municipality).toBe("Oefendorp");
  expect(rows[0].team).toBe("Sociaal team");
  expect(rows[0].professional_id).toBe(envelope.professional_id);

  // The interview list shows the professional's id per respondent.
  await byTestId(page, "nav-research-interview").click();
  const card = page.locator('[data-testid="interview-row"][data-code="R-0311"]');
  await expect(card.locator('[data-testid="interview-professional"]')).toContainText(envelope.professional_id);
});

test("the researcher lists places; the study link carries them and copies", async ({ page }) => {
  await page.goto("/research/study");
  await byTestId(page, "study-name").fill("Balans Plaatsen 2026");
  await byTestId(page, "study-contact").fill("onderzoek@plaatsen.example");
  // A team without its municipality is refused at the field.
  await byTestId(page, "study-places").fill(": Wijkteam Noord");
  await byTestId(page, "study-create").click();
  await expect(byTestId(page, "study-error")).toHaveAttribute("data-error", "research.study.error.place_no_municipality");
  await expect(byTestId(page, "study-places")).toBeFocused();
  await checkScreen(page, "study form with a places error");
  await byTestId(page, "study-places").fill("Voorbeeldstad: Wijkteam Noord, Wijkteam Zuid\nOefendorp");
  await byTestId(page, "study-create").click();
  await download(page, "key-download");
  await byTestId(page, "study-continue").click();
  await byTestId(page, "study-finish").click();
  await expect(byTestId(page, "study-ready")).toBeVisible();
  await expect(byTestId(page, "ready-places").locator("li")).toHaveText([
    "Voorbeeldstad: Wijkteam Noord, Wijkteam Zuid", "Oefendorp",
  ]);
  // The copy button puts exactly the study link on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await byTestId(page, "study-link-copy").click();
  await expect(byTestId(page, "study-copy-status")).toContainText("gekopieerd");
  const link = (await byTestId(page, "study-link").inputValue()).trim();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await checkScreen(page, "study ready with places");

  // The link opens the workspace set-up with this study's places.
  await page.goto(link);
  await expect(byTestId(page, "create-workspace")).toBeVisible();
  await expect(byTestId(page, "place-municipality").locator("option")).toHaveText(["Kies…", "Voorbeeldstad", "Oefendorp"]);
});
