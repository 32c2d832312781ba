// The professional's own form speaks about the inwoner, not as the inwoner
// (issue 12): section titles, options, missing codes, hints, domain headings
// and buttons have the professional's wording, on a few screens of the T0
// form, each also checked with axe, for reflow and for 44 px targets.
import { test, expect } from "@playwright/test";
import { byTestId } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, openProfessionalForm,
} from "./helpers/workspace.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

// Screens (1-based) of the professional's T0 form.
const SCREEN = { ageGroup: 1, asker: 3, parenting: 29, mental: 31 };

// The citizen's voice: "ik", "mijn", "u", "uw" as whole words.
const CITIZEN_VOICE = /(^|[^\p{L}])(ik|ikzelf|mij|mijn|u|uw)(?=$|[^\p{L}])/iu;

/** The question screen's text (not the app's frame), checked for the citizen's voice. */
async function expectNoCitizenVoice(page, screen) {
  const text = await page.locator(".question-screen").innerText();
  expect(text.match(CITIZEN_VOICE)?.[0] ?? null, `${screen}: ${text}`).toBeNull();
}

test("the professional's form speaks about the inwoner", async ({ page }) => {
  test.setTimeout(120_000);
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0301");
  const id = await openProfessionalForm(page, "T0");

  await page.goto(`/q/${id}/page/${SCREEN.ageGroup}`);
  await expect(byTestId(page, "section-title")).toHaveText("Over de inwoner");
  await expect(byTestId(page, "question-heading")).toHaveText("Hoe oud is deze inwoner?");
  await expect(byTestId(page, "opt-intro.age_group-97")).toHaveText("Niet bekend");
  await expect(byTestId(page, "opt-intro.age_group-98")).toHaveText("Geen antwoord");
  await expectNoCitizenVoice(page, "age group");
  await checkScreen(page, "professional form (age group)");

  await page.goto(`/q/${id}/page/${SCREEN.asker}`);
  await expect(byTestId(page, "opt-intro.asker-1")).toHaveText("De inwoner zelf");
  await expect(byTestId(page, "opt-intro.asker-2")).toHaveText("Iemand uit de familie");
  await expectNoCitizenVoice(page, "asker");

  await page.goto(`/q/${id}/page/${SCREEN.parenting}`);
  await expect(byTestId(page, "section-title")).toHaveText("Hoe gaat het met de inwoner?");
  await expect(page.locator("#hint-dom-parenting-status")).toHaveText("Geen kinderen thuis? Kies dan: N.v.t.");
  await expect(byTestId(page, "opt-dom.parenting.status-99")).toHaveText("N.v.t.");
  await expect(byTestId(page, "opt-dom.parenting.helper-1")).toHaveText("De inwoner zelf");
  // Once answered, the screen says so without "Uw antwoord".
  await byTestId(page, "opt-dom.parenting.status-99").click();
  await expect(page.locator(".saved-indicator")).toHaveText("Antwoord bewaard.");
  await expectNoCitizenVoice(page, "parenting");
  await checkScreen(page, "professional form (parenting)");

  await page.goto(`/q/${id}/page/${SCREEN.mental}`);
  await expect(byTestId(page, "question-heading")).toHaveText("Geestelijke gezondheid");
  await expectNoCitizenVoice(page, "mental health");

  // The last screen's button leads to the overview, not to "mijn antwoorden".
  await page.goto(`/q/${id}/page/999`);
  await expect(byTestId(page, "next")).toHaveText("Klaar, naar het overzicht");
});
