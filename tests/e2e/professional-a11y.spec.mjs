// Accessibility of the professional's screens (issue 6 covers every screen):
// axe-core (WCAG 2.2 AA), no sideways scrolling and 44 px touch targets, at
// 360 px and at desktop width — from the start screen through the workspace,
// the respondent, the invitation with its QR code, the professional's own
// form with its approach section, an import with a refused file, and the
// comparison.
import { test, expect } from "@playwright/test";
import { choose } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, momentCard, openProfessionalForm, importFiles,
} from "./helpers/workspace.mjs";
import { makeInvitation } from "./helpers/invitation.mjs";
import { byTestId } from "./helpers/citizen.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

const CODE = "R-0201";
const APPROACH_SCREEN = 44;

async function auditProfessionalScreens(page) {
  await page.goto("/pro");
  await expect(byTestId(page, "demo-study")).toBeVisible();
  await checkScreen(page, "professional start");

  await byTestId(page, "demo-study").click();
  await expect(byTestId(page, "create-workspace")).toBeVisible();
  // The form's own message when nothing is filled in yet.
  await byTestId(page, "create-workspace-button").click();
  await checkScreen(page, "new workspace (with its messages)");

  await createDemoWorkspace(page);
  await checkScreen(page, "key backup step");
  await toWorkspace(page);
  await checkScreen(page, "workspace (no respondents)");

  // A name as code is refused, with its message on screen.
  await byTestId(page, "respondent-code").fill("Jansen");
  await byTestId(page, "add-respondent-button").click();
  await expect(byTestId(page, "respondent-error")).toBeVisible();
  await checkScreen(page, "workspace (code refused)");
  await addRespondent(page, CODE);
  await checkScreen(page, "respondent");

  await momentCard(page, "T0").locator('[data-testid="invite"]').click();
  await expect(byTestId(page, "invite-page")).toBeVisible();
  await checkScreen(page, "invitation (choices)");
  await makeInvitation(page, { moment: "T0", withKey: true });
  await checkScreen(page, "invitation (link and QR code)");

  await page.goto("/pro");
  await byTestId(page, "open-workspace").click();
  await expect(byTestId(page, "workspace")).toBeVisible();
  await checkScreen(page, "workspace (one respondent)");
  await byTestId(page, "open-respondent").click();
  const formId = await openProfessionalForm(page, "T0");
  await page.goto(`/q/${formId}/page/${APPROACH_SCREEN}`);
  await choose(page, "approach.say_goals", 4);
  await checkScreen(page, "professional form (approach)");

  await page.goto("/pro");
  await byTestId(page, "open-workspace").click();
  await byTestId(page, "open-respondent").click();
  const results = await importFiles(page, {
    name: "boodschappen.txt", mimeType: "text/plain", buffer: Buffer.from("melk, brood"),
  });
  await expect(results).toHaveAttribute("data-outcome", /.+/);
  await checkScreen(page, "respondent (a refused import)");

  await byTestId(page, "open-respondent").count(); // still on the respondent page
  await momentCard(page, "T0").locator('[data-testid="compare"]').click();
  await expect(byTestId(page, "compare-page")).toBeVisible();
  await checkScreen(page, "comparison (professional's answers only)");
}

test("the professional's screens pass axe, reflow and touch targets at 360 px", async ({ page }) => {
  test.setTimeout(120_000);
  await auditProfessionalScreens(page);
});

test("the professional's screens pass axe, reflow and touch targets at desktop width", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await auditProfessionalScreens(page);
});
