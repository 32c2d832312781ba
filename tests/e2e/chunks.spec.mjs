// The screens in WebAssembly chunks of their own (issue 15,
// src/ui/pages/lazy.rs): a chunk that cannot be fetched — the phone lost
// its connection when the idle-time preload ran — never takes the page
// down (the release build aborts on a panic). The preload's failure is
// logged, the questions go on, the screen that needs the chunk says what
// happened, and its button loads the page again, which then shows it.
import { test, expect } from "@playwright/test";
import { byTestId, choose, consent, next, openInvitation } from "./helpers/citizen.mjs";
import { DEMO_PUBLIC_KEY, invitationFragment } from "./helpers/links.mjs";
import { booted, questionnaireId } from "./helpers/app.mjs";
import { inAppGo, shoot } from "./helpers/own-say.mjs";
import { auditAxe } from "./helpers/a11y.mjs";

// Requests a service worker answers never reach the page's routes.
test.use({ serviceWorkers: "block" });

/** Refuses the citizen app's chunks while `state.offline` is set. */
async function chunksOffline(context) {
  const state = { offline: true, refused: [] };
  await context.route(/\/balans\.split_[^/]*\.wasm$/, (route) => {
    if (!state.offline) return route.continue();
    state.refused.push(new URL(route.request().url()).pathname);
    return route.abort("internetdisconnected");
  });
  return state;
}

test("a screen whose chunk could not be fetched says so, keeps the answers, and shows after a reload", async ({ page, context }) => {
  const chunks = await chunksOffline(context);
  const crashes = [];
  page.on("pageerror", (error) => crashes.push(error.message));
  const warnings = [];
  page.on("console", (message) => warnings.push(message.text()));
  // An invitation, not the demo: the home page (the device's overview) is
  // in the chunk too.
  await openInvitation(page, invitationFragment({ s: { n: "Studie", c: "a@x.example", k: DEMO_PUBLIC_KEY }, r: "P-001", m: "T0", l: "nl" }));
  await consent(page);
  // The idle-time preload failed; boot.js logged it and went on.
  await booted(page);
  expect(warnings.filter((text) => text.includes("a screen did not preload"))).toHaveLength(1);
  expect(chunks.refused.length, "the preload asked for a chunk").toBeGreaterThan(0);
  await choose(page, "intro.age_group", 4);
  await next(page);
  const id = questionnaireId(page);

  // The review screen needs the chunk: its load fails again, and says so.
  await inAppGo(page, `/q/${id}/review`);
  const panel = byTestId(page, "error-panel");
  await expect(panel).toHaveAttribute("data-code", "screen_not_loaded");
  await expect(panel).toContainText("Uw antwoorden zijn bewaard");
  await shoot(page, "chunk-missing");
  // The page is alive: back to the questions, the answer is there.
  await inAppGo(page, `/q/${id}/page/1`);
  await expect(byTestId(page, "opt-intro.age_group-4").locator("input")).toBeChecked();

  // Online again: the button loads the page at the review, which shows.
  await inAppGo(page, `/q/${id}/review`);
  chunks.offline = false;
  await byTestId(page, "screen-reload").click();
  await expect(byTestId(page, "skipped-count")).toBeVisible();
  expect(crashes).toEqual([]);
});

test.describe("the screen's message", () => {
  // axe is injected inline, which the page's policy forbids.
  test.use({ bypassCSP: true });

  test("passes axe at 360 px and at desktop width", async ({ page, context }) => {
    await chunksOffline(context);
    await openInvitation(page, invitationFragment({ s: { n: "Studie", c: "a@x.example", k: DEMO_PUBLIC_KEY }, r: "P-001", m: "T0", l: "nl" }));
    await consent(page);
    await inAppGo(page, `/q/${questionnaireId(page)}/review`);
    await expect(byTestId(page, "error-panel")).toHaveAttribute("data-code", "screen_not_loaded");
    await auditAxe(page, "screen not loaded");
    await page.setViewportSize({ width: 1280, height: 800 });
    await auditAxe(page, "screen not loaded");
  });
});
