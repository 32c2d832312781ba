// Helpers for the citizen's own say (issue 13): topic marks, the mode, the
// professional's "De inwoner wil praten over", the three-angles chart.
import { expect } from "@playwright/test";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { byTestId } from "./citizen.mjs";

export { RESEARCHER } from "./files.mjs";

/** The professional's "De inwoner wil praten over" panel. */
export function citizenSay(page) {
  return byTestId(page, "citizen-say");
}

/** The topic codes the professional's panel lists, in its order. */
export async function saidTopics(page) {
  await expect(citizenSay(page)).toBeVisible();
  const ids = await citizenSay(page).locator("[data-testid^=say-topic-]").evaluateAll((items) =>
    items.map((i) => i.dataset.testid));
  return ids.map((id) => id.replace(/^say-topic-/, ""));
}

/** Marks topic `code` ("finances", "competences", …) and waits for it. */
export async function markTopic(page, code) {
  const box = byTestId(page, `topic-${code}`).first().locator("input");
  await box.check();
  await expect(box).toBeChecked();
}

/** Chooses how the questionnaire was filled in. */
export async function chooseMode(page, name) {
  const radio = byTestId(page, `mode-${name}`).locator("input");
  await radio.check();
  await expect(radio).toBeChecked();
}

/** Goes to `path` inside the running app, without a reload (a form filled
 * in together lives only in the window). */
export async function inAppGo(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await expect.poll(() => new URL(page.url()).pathname).toBe(path);
}

/** Both widths, for a person to look at (when BALANS_SHOTS names a folder). */
export async function shoot(page, name) {
  if (!process.env.BALANS_SHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(process.env.BALANS_SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

/** Gives the professional's stored form `id` these answers, as if typed. */
export async function answerStored(page, id, answers) {
  await page.evaluate(([id, answers]) => {
    const key = `balans.q.${id}`;
    const q = JSON.parse(localStorage.getItem(key));
    const now = Date.now();
    q.answers = answers;
    q.changed = Object.fromEntries(Object.keys(answers).map((k) => [k, now]));
    q.updated_at = now;
    localStorage.setItem(key, JSON.stringify(q));
  }, [id, answers]);
}

/** A questionnaire's id as the app makes it (`core::questionnaire::id_of`):
 * the first 8 bytes of the SHA-256 of its parts, each ended by a zero byte. */
export function formId(researcherKey, code, member, role, moment) {
  const hash = createHash("sha256");
  for (const part of [researcherKey, code, member ?? "", role, moment]) {
    hash.update(part, "utf8");
    hash.update(Buffer.from([0]));
  }
  return hash.digest("hex").slice(0, 16);
}
