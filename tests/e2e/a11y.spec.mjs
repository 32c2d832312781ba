// WCAG 2.2 AA on every citizen screen: axe-core with zero violations at
// 360 px and at desktop width, no sideways scrolling, 44 px touch targets;
// plus read-aloud, larger text and a keyboard-only run.
import { test, expect } from "@playwright/test";
import { byTestId, openDemo, openInvitation, consent, choose } from "./helpers/citizen.mjs";
import { checkScreen, expectNoHorizontalScroll } from "./helpers/a11y.mjs";
import { linkFixture } from "./helpers/files.mjs";

test.use({ bypassCSP: true });

async function visitEveryCitizenScreen(page) {
  await page.goto("/");
  await checkScreen(page, "home");
  await openDemo(page);
  await checkScreen(page, "invitation welcome");
  await byTestId(page, "invite-start").click();
  await checkScreen(page, "who reads your answers");
  await byTestId(page, "invite-next").click();
  await byTestId(page, "consent-confirm").click();
  await expect(page.locator("#consent-needed")).not.toBeEmpty();
  await checkScreen(page, "consent (with the 'tick first' message)");
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  await expect(byTestId(page, "question-heading")).toBeVisible();
  await choose(page, "intro.age_group", 3);
  await checkScreen(page, "question (one item, answered)");
  const base = new URL(page.url()).pathname.replace(/\d+$/, "");
  for (const [n, name] of [[4, "question (free text)"], [26, "question (life domain, two items)"], [34, "question (0 to 10)"]]) {
    await page.goto(`${base}${n}`);
    await expect(byTestId(page, "question-heading")).toBeVisible();
    await checkScreen(page, name);
  }
  await page.goto(base.replace(/page\/$/, "review"));
  await expect(byTestId(page, "skipped-count")).toBeVisible();
  await checkScreen(page, "review");
  await byTestId(page, "finish").click();
  await expect(byTestId(page, "balance-chart")).toBeVisible();
  await checkScreen(page, "summary");
  await byTestId(page, "to-send").click();
  await expect(byTestId(page, "download")).toBeVisible();
  await checkScreen(page, "send");
  await byTestId(page, "delete").click();
  await checkScreen(page, "delete confirmation");
  await openInvitation(page, linkFixture("fail_tampered.txt"));
  await expect(byTestId(page, "error-panel")).toBeVisible();
  await checkScreen(page, "broken link");
  await page.goto("/no/such/page");
  await expect(byTestId(page, "error-panel")).toBeVisible();
  await checkScreen(page, "page not found");
}

test("every citizen screen passes axe at 360 px", async ({ page }) => {
  await visitEveryCitizenScreen(page);
});

test("every citizen screen passes axe at desktop width", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await visitEveryCitizenScreen(page);
});

test("at 320 px and with larger text nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openDemo(page);
  await byTestId(page, "larger-text").click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(size).toBe("20px");
  await expectNoHorizontalScroll(page, "welcome, larger text, 320 px");
  await consent(page);
  await expectNoHorizontalScroll(page, "question, larger text, 320 px");
  const base = new URL(page.url()).pathname.replace(/\d+$/, "");
  await page.goto(`${base}34`);
  await expect(byTestId(page, "question-heading")).toBeVisible();
  await expectNoHorizontalScroll(page, "0 to 10 scale, larger text, 320 px");
  // Remembered across a reload.
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect(byTestId(page, "larger-text")).toHaveAttribute("aria-pressed", "true");
});

/** Replaces the browser's speech synthesis with a recorder (this test only). */
async function stubSpeech(page, voices) {
  await page.addInitScript((voiceList) => {
    window.__speech = { spoken: [], cancels: 0 };
    window.SpeechSynthesisUtterance = class {
      constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; }
    };
    const fake = {
      getVoices: () => voiceList.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name })),
      speak: (u) => window.__speech.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
      cancel: () => { window.__speech.cancels += 1; },
    };
    Object.defineProperty(window, "speechSynthesis", { get: () => fake, configurable: true });
  }, voices);
}

test("read-aloud speaks the question and its options in the page's language", async ({ page }) => {
  await stubSpeech(page, [
    { name: "Google US English", lang: "en-US" },
    { name: "Xander", lang: "nl-NL" },
  ]);
  await openDemo(page);
  await consent(page);
  await byTestId(page, "read-aloud-intro.age_group").click();
  const first = await page.evaluate(() => window.__speech.spoken.at(-1));
  expect(first.lang).toBe("nl-NL");
  expect(first.voice).toBe("Xander");
  expect(first.text).toContain("Hoe oud bent u?");
  expect(first.text).toContain("65 tot 80 jaar.");
  expect(first.text).toContain("Wil ik niet zeggen.");

  // Moving on stops the reading.
  const cancelsBefore = await page.evaluate(() => window.__speech.cancels);
  await byTestId(page, "next").click();
  await expect.poll(() => page.evaluate(() => window.__speech.cancels)).toBeGreaterThan(cancelsBefore);

  await byTestId(page, "lang-en").click();
  await byTestId(page, "read-aloud-intro.household").click();
  const english = await page.evaluate(() => window.__speech.spoken.at(-1));
  expect(english.lang).toBe("en-US");
  expect(english.text).toContain("Who do you live with?");
});

test("read-aloud says so when the device has no Dutch voice", async ({ page }) => {
  await stubSpeech(page, [{ name: "Google US English", lang: "en-US" }]);
  await openDemo(page);
  await consent(page);
  await byTestId(page, "read-aloud-intro.age_group").click();
  await expect(byTestId(page, "read-aloud-problem")).toContainText("geen stem");
  expect(await page.evaluate(() => window.__speech.spoken.length)).toBe(0);
});

test("the whole questionnaire can be done with the keyboard alone", async ({ page }) => {
  const link = linkFixture("ok_demo.txt");
  await page.goto(`/${link}`);
  const press = (key) => page.keyboard.press(key);
  /** Tabs forward until the focused element matches `selector`. */
  async function tabTo(selector) {
    for (let i = 0; i < 150; i++) {
      await press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`could not reach ${selector} with Tab`);
  }
  await tabTo("[data-testid=invite-start]");
  await press("Enter");
  await tabTo("[data-testid=invite-next]");
  await press("Enter");
  await tabTo("[data-testid=consent-checkbox]");
  await press("Space");
  await tabTo("[data-testid=consent-confirm]");
  await press("Enter");
  await expect(byTestId(page, "question-heading")).toBeFocused();

  let screens = 0;
  while (!page.url().endsWith("/review")) {
    const heading = await byTestId(page, "question-heading").textContent();
    // Answer the first question on the screen: Tab into its options, pick one.
    const radio = page.locator("main input[type=radio]").first();
    if (await radio.count()) {
      await tabTo("main input[type=radio]");
      await press("ArrowDown"); // moves to and selects the second option
    }
    await tabTo("[data-testid=next]");
    await press("Enter");
    await expect(byTestId(page, "question-heading").or(byTestId(page, "skipped-count"))).not.toHaveText(heading);
    if (!page.url().endsWith("/review")) await expect(byTestId(page, "question-heading")).toBeFocused();
    screens += 1;
  }
  expect(screens).toBe(41);
  const answered = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("balans.q."));
    return Object.keys(JSON.parse(localStorage.getItem(key)).answers).length;
  });
  expect(answered).toBe(40); // every screen but the free-text one
  await tabTo("[data-testid=finish]");
  await press("Enter");
  // The second option everywhere: agreement 2 of 5 is 25 (75 for the two
  // reverse-keyed items), so competences (9×25 + 75) / 10 = 30; every domain
  // "slecht" is a burden of 75; the balance is clearly negative.
  await expect(byTestId(page, "bar-summary.competences")).toHaveAttribute("data-value", "30.0");
  await expect(byTestId(page, "bar-summary.burden")).toHaveAttribute("data-value", "75.0");
  await expect(byTestId(page, "balance-sentence")).toHaveAttribute("data-key", "summary.balance_negative");
  await tabTo("[data-testid=to-send]");
  await press("Enter");
  const download = page.waitForEvent("download");
  await tabTo("[data-testid=download]");
  await press("Enter");
  expect((await download).suggestedFilename()).toMatch(/\.age$/);
});
