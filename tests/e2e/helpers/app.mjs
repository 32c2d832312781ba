// Helpers for the fault, offline and privacy tests: when the app counts as
// loaded, what the device stores, exporting and decrypting the answers, and a
// server of our own that records every request the browser makes.
import { expect } from "@playwright/test";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, choose, next, screenNumber, write } from "./citizen.mjs";
import { ageDecrypt, ROOT } from "./files.mjs";
import { serve } from "../../../scripts/static-server.mjs";

/**
 * Waits until public/boot.js marks the app as loaded: the app runs, the
 * page's `load` event has fired, the service worker has finished installing
 * (it fetches every app file once), and connections are forbidden.
 */
export async function booted(page) {
  await expect(page.locator("html")).toHaveAttribute("data-boot", "ready");
}

/** The id of the open questionnaire, from the address (/q/<id>/…). */
export function questionnaireId(page) {
  return new URL(page.url()).pathname.split("/")[2];
}

/** The raw stored text under `key`, or null. */
export function storedText(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The stored questionnaire `id`, parsed. */
export async function storedQuestionnaire(page, id) {
  return JSON.parse(await storedText(page, `balans.q.${id}`));
}

/**
 * Fills localStorage until the browser refuses even one more character, so
 * that the next save that grows a value fails with QuotaExceededError.
 * Returns the number of filler keys written.
 */
export function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = "x".repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler.${n}`, chunk);
        n += 1;
      } catch {
        chunk = chunk.slice(0, Math.floor(chunk.length / 2));
      }
    }
    return n;
  });
}

/** Removes what fillStorage wrote. */
export function freeStorage(page) {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith("filler.")) localStorage.removeItem(key);
    }
  });
}

/** Saves the download the click on `testId` starts; returns its path. */
export async function download(page, testId) {
  const started = page.waitForEvent("download");
  await byTestId(page, testId).click();
  const file = await started;
  const path = join(mkdtempSync(join(tmpdir(), "balans-")), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/**
 * On the send screen: downloads the export and decrypts it with the `age`
 * command-line tool and the demo key; returns the answers in it.
 */
export async function exportedAnswers(page) {
  const path = await download(page, "download");
  await expect(byTestId(page, "send-saved")).toBeVisible();
  return ageDecrypt(path).answers;
}

/** Loads the send screen of questionnaire `id` and returns exportedAnswers. */
export async function reloadAndExport(page, id) {
  await page.goto(`/q/${id}/send`);
  return exportedAnswers(page);
}

/**
 * Starts a server of our own for a copy of dist/ (so a test may change the
 * files, as a deployment would) that records every request it gets, also
 * those no page can observe, such as the browser's service worker update
 * check. Returns { base, dir, requests, close }.
 */
export async function ownServer() {
  const dir = mkdtempSync(join(tmpdir(), "balans-dist-"));
  cpSync(join(ROOT, "dist"), dir, { recursive: true });
  const requests = [];
  const server = await serve(dir, 0, (method, url) => requests.push(`${method} ${url}`));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    dir,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Free text with HTML in it: it must come back exactly, as text. */
export const FREE_TEXT = 'Hulp met mijn <b>post</b> & "rekeningen"';

/** Screen (1-based) of each item the fault tests answer. */
export const SCREEN = {
  "intro.age_group": 1,
  "intro.household": 2,
  "intro.question": 4,
  "comp.selfconfidence.1": 5,
  "comp.selfconfidence.2": 6,
};

/**
 * From question 1: answers screens 1, 2 and 4 (screen 3 skipped) and stops
 * on screen 5. Returns the answers as the export must hold them.
 */
export async function answerFirstScreens(page) {
  await choose(page, "intro.age_group", 4);
  await next(page);
  await choose(page, "intro.household", 2);
  await next(page);
  await next(page);
  await write(page, "intro.question", FREE_TEXT);
  await next(page);
  return {
    "intro.age_group": { value: 4 },
    "intro.household": { value: 2 },
    "intro.question": { text: FREE_TEXT },
  };
}

/** Asserts that the current screen shows `answer` for `itemId`. */
export async function expectShown(page, itemId, answer) {
  if ("text" in answer) {
    await expect(byTestId(page, `text-${itemId}`)).toHaveValue(answer.text);
  } else {
    const code = answer.value ?? { dont_know: 97, no_answer: 98, not_applicable: 99 }[answer.missing];
    await expect(byTestId(page, `opt-${itemId}-${code}`).locator("input")).toBeChecked();
  }
}

/** Loads each answered item's screen and asserts the answer shows. */
export async function expectAllShown(page, id, answers) {
  for (const [itemId, answer] of Object.entries(answers)) {
    await page.goto(`/q/${id}/page/${SCREEN[itemId]}`);
    await expectShown(page, itemId, answer);
  }
}

/** Presses back and waits for the screen before. */
export async function back(page) {
  const before = screenNumber(page);
  await byTestId(page, "back").click();
  await expect.poll(() => screenNumber(page)).toBe(before - 1);
}

/**
 * Every staff record in the staff database (IndexedDB `balans-staff`),
 * as `{ key: stored text }`, once no write is on its way. Empty when the
 * database was never made (it is not made here: opening it without the
 * app's version would create it without tables).
 */
export async function staffRecords(page) {
  await expect(page.locator("html")).not.toHaveAttribute("data-saving", /.*/);
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("balans-staff")) return {};
    return new Promise((resolve, reject) => {
      const open = indexedDB.open("balans-staff");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction("records");
        const store = tx.objectStore("records");
        const keys = store.getAllKeys();
        const values = store.getAll();
        tx.oncomplete = () => {
          const out = {};
          keys.result.forEach((k, i) => { out[k] = values.result[i]; });
          db.close();
          resolve(out);
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  });
}

/** The stored text of one staff record, or null. */
export async function staffText(page, key) {
  return (await staffRecords(page))[key] ?? null;
}
