// Issue 12, what a new citizen met: the 0–10 scale, the question count,
// Back through the invitation's steps, saying no, and the summary's
// "te weinig antwoorden" with links to the questions that complete it.
import { test, expect } from "@playwright/test";
import { byTestId, openDemo, consent, next, totalScreens, choose } from "./helpers/citizen.mjs";
import { questionnaireId } from "./helpers/app.mjs";
import { checkScreen } from "./helpers/a11y.mjs";

// axe is injected inline, which the app's CSP forbids.
test.use({ bypassCSP: true });

/** Clicks next until item `itemId` is on the screen. */
async function nextUntilItem(page, itemId) {
  for (let i = 0; i < 60 && !(await byTestId(page, `item-${itemId}`).isVisible()); i += 1) {
    await next(page);
  }
  await expect(byTestId(page, `item-${itemId}`)).toBeVisible();
}

/**
 * The number of text lines of every label of the 0–10 scale: the two end
 * labels and the eleven number tiles. Lines = content height / line height.
 */
function scaleLines(page, itemId) {
  return page.evaluate((id) => {
    const item = document.querySelector(`[data-testid="item-${id}"]`);
    const texts = [
      ...item.querySelectorAll('[data-testid="scale-end"]'),
      ...item.querySelectorAll(".options-scale .option span"),
    ];
    return texts.map((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // "normal" line height is about 1.2 × the font size.
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const range = document.createRange();
      range.selectNodeContents(el);
      // One rect per line box of the text; merge those on the same line.
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return {
        text: el.textContent,
        lines: Math.round(box.height / lineHeight),
        lineBoxes: tops.size,
      };
    });
  }, itemId);
}

// Issue 12: "0 – helemaal niet" wrapped one letter per line in 4.5 rem
// tiles. 320 px is the narrowest phone; 160 px CSS wide is the same window
// at 200 % browser zoom (zoom halves the CSS viewport; sizes are in rem).
test("the 0–10 scale reads at 320 px and at 200 % zoom, in Dutch and English", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openDemo(page);
  await consent(page);
  await nextUntilItem(page, "bal.worries");
  const radio = byTestId(page, "opt-bal.worries-0").locator("input");
  await expect(radio).toHaveAccessibleName("0 – helemaal niet");
  await expect(byTestId(page, "opt-bal.worries-10").locator("input")).toHaveAccessibleName("10 – heel veel");
  for (const lang of ["nl", "en"]) {
    await byTestId(page, `lang-${lang}`).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    for (const width of [320, 160]) {
      await page.setViewportSize({ width, height: 640 });
      const labels = await scaleLines(page, "bal.worries");
      expect(labels).toHaveLength(13);
      for (const l of labels) {
        expect(l.lines, `${lang} @${width}px: "${l.text}" takes ${l.lines} lines`).toBeLessThanOrEqual(2);
        expect(l.lineBoxes, `${lang} @${width}px: "${l.text}"`).toBeLessThanOrEqual(2);
      }
    }
  }
  await expect(byTestId(page, "opt-bal.worries-0").locator("input")).toHaveAccessibleName("0 – not at all");
  await page.setViewportSize({ width: 320, height: 640 });
  await byTestId(page, `lang-nl`).click();
  await choose(page, "bal.worries", 7);
  await checkScreen(page, "0–10 question");
  await page.screenshot({ path: "test-results/scale-0-10-320.png", fullPage: false });
});

// Issue 12: the home screen said 49 questions, the questions 41.
test("the home screen counts the questions as the question screens do", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const total = await totalScreens(page);
  await choose(page, "intro.age_group", 4);
  await page.goto("/");
  const row = byTestId(page, "questionnaire-row");
  await expect(row.locator(".status")).toContainText(`1 van ${total} vragen`);
});

// Issue 12: Back from the readers or consent step left the invitation, and
// page 1 was twice in the history.
test("Back goes one step back through the invitation and the questions", async ({ page }) => {
  await openDemo(page);
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "invite-readers")).toBeVisible();
  await page.goBack();
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
  await page.goForward();
  await expect(byTestId(page, "invite-readers")).toBeVisible();
  await byTestId(page, "invite-next").click();
  await expect(byTestId(page, "invite-consent")).toBeVisible();
  await page.goBack();
  await expect(byTestId(page, "invite-readers")).toBeVisible();
  await byTestId(page, "invite-next").click();
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  await expect(byTestId(page, "progress")).toHaveText(/Vraag 1 van/);
  await next(page);
  await expect(byTestId(page, "progress")).toHaveText(/Vraag 2 van/);
  await page.goBack();
  await expect(byTestId(page, "progress")).toHaveText(/Vraag 1 van/);
  // One step further back is the consent step (given, with its date in
  // words), not page 1 again.
  await page.goBack();
  await expect(byTestId(page, "invite-consent-given")).toBeVisible();
  await expect(byTestId(page, "invite-consent-given")).toContainText(
    /U gaf toestemming op \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\./,
  );
  await page.goBack();
  await expect(byTestId(page, "invite-readers")).toBeVisible();
  await page.goBack();
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
  await byTestId(page, "invite-start").click();
  await byTestId(page, "invite-next").click();
  // On to the questions where the person last was (page 1, after Back).
  await byTestId(page, "consent-resume").click();
  await expect(byTestId(page, "progress")).toHaveText(/Vraag 1 van/);
});

// Issue 12: there was no clear way to say no, nor to read more first.
test("saying no stores nothing and closes kindly; more information is there", async ({ page }) => {
  await page.goto("/");
  const before = await page.evaluate(() => Object.keys(localStorage).sort());
  await byTestId(page, "demo-invitation").click();
  await byTestId(page, "invite-start").click();
  await byTestId(page, "invite-next").click();
  const more = byTestId(page, "consent-more");
  await more.locator("summary").click();
  await expect(byTestId(page, "consent-contact")).toBeVisible();
  await expect(byTestId(page, "consent-contact")).toContainText("@");
  await checkScreen(page, "consent with more information");
  await byTestId(page, "consent-decline").click();
  await expect(byTestId(page, "invite-declined")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U doet niet mee");
  await checkScreen(page, "declined");
  const after = await page.evaluate(() =>
    Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)]),
  );
  expect(after.map(([k]) => k)).toEqual(before);
  expect(after.filter(([k]) => k.startsWith("balans.q."))).toEqual([]);
  // A reload of the closing screen still stores nothing.
  await page.reload();
  await expect(byTestId(page, "invite-declined")).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).sort())).toEqual(before);
});

// Issue 12: "te weinig antwoorden" said nothing about what would help.
test("the summary names the questions that complete a score, and links to them", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const id = questionnaireId(page);
  await page.goto(`/q/${id}/summary`);
  const burden = page.locator('[data-testid="to-complete"][data-part="summary.burden"]');
  await expect(burden).toBeVisible();
  await expect(burden).toContainText("Beantwoord nog 4 van deze vragen");
  await checkScreen(page, "summary with questions to complete");
  await byTestId(page, "complete-dom.housing.status").click();
  await expect(byTestId(page, "item-dom.housing.status")).toBeVisible();
  await expect(page.locator("#question-heading")).toBeFocused();
  await byTestId(page, "back-to-review").click();
  await expect(page).toHaveURL(/\/review$/);
});
