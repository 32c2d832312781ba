// Helpers for the citizen's screens. Elements are found by data-testid.
import { expect } from "@playwright/test";

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Opens the home page and the demo invitation, up to the welcome step. */
export async function openDemo(page) {
  await page.goto("/");
  await byTestId(page, "demo-invitation").click();
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
}

/** Opens an invitation fragment ('#i1…') directly. */
export async function openInvitation(page, fragment) {
  await page.goto(`/${fragment}`);
}

/** From the welcome step through readers and consent to question 1. */
export async function consent(page) {
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "invite-readers")).toBeVisible();
  await byTestId(page, "invite-next").click();
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  await expect(byTestId(page, "progress")).toHaveText(/(Vraag|Question) 1 (van|of) \d+/);
}

/** Chooses option `code` of item `itemId` on the current screen. */
export async function choose(page, itemId, code) {
  const option = byTestId(page, `opt-${itemId}-${code}`);
  await option.click();
  await expect(option.locator("input")).toBeChecked();
}

/** Types free text into a text item. */
export async function write(page, itemId, text) {
  await byTestId(page, `text-${itemId}`).fill(text);
}

/** The 1-based screen number in the address. */
export function screenNumber(page) {
  const match = new URL(page.url()).pathname.match(/\/page\/(\d+)$/);
  return match ? Number(match[1]) : null;
}

/** Presses next and waits for the following screen (or the review). */
export async function next(page) {
  const before = screenNumber(page);
  await byTestId(page, "next").click();
  await expect
    .poll(() => screenNumber(page) !== before || page.url().endsWith("/review"))
    .toBe(true);
}

/** Presses next until the review screen shows. */
export async function nextUntilReview(page) {
  while (!page.url().endsWith("/review")) {
    await next(page);
  }
  await expect(byTestId(page, "skipped-count")).toBeVisible();
}

/** The total number of screens, read from the progress text. */
export async function totalScreens(page) {
  const text = await byTestId(page, "progress").textContent();
  return Number(text.match(/(\d+)\s*$/)[1]);
}
