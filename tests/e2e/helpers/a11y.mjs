// Accessibility checks shared by the e2e specs: axe-core audits, reflow
// (no horizontal scrolling) and touch-target sizes.
import { expect } from "@playwright/test";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

/** WCAG 2.0, 2.1 and 2.2 levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the page, prints the count, and fails on any violation.
 * The page's context must have `bypassCSP: true` (axe is injected inline).
 */
export async function auditAxe(page, screen) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  }, WCAG_TAGS);
  const width = page.viewportSize().width;
  console.log(`axe ${screen} @${width}px: ${violations.length} violations`);
  expect(violations, `axe violations on ${screen} at ${width}px`).toEqual([]);
}

/** The page scrolls only vertically (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalScroll(page, screen) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** Every visible control is at least 44×44 CSS px (links inside text excepted). */
export async function expectTouchTargets(page, screen) {
  const small = await page.evaluate(() => {
    const controls = document.querySelectorAll(
      "button, a.button, a.link-button, .app-header a, label.option, select, textarea, input[type=file]",
    );
    return [...controls]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(({ el, box }) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
  expect(small, `controls under 44 px on ${screen}`).toEqual([]);
}

/** All three checks at once. */
export async function checkScreen(page, screen) {
  await auditAxe(page, screen);
  await expectNoHorizontalScroll(page, screen);
  await expectTouchTargets(page, screen);
}
