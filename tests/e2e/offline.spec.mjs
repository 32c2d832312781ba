// Offline (issue 5): after one visit the service worker has every file of
// the app, so with the network switched off the demo questionnaire opens, is
// answered and exported; a new version installs without breaking the
// questionnaire that is open, and a half-deployed one is refused.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId, openDemo, consent, choose, next } from "./helpers/citizen.mjs";
import { ROOT } from "./helpers/files.mjs";
import {
  answerFirstScreens, booted, expectAllShown, expectShown, ownServer, questionnaireId,
  reloadAndExport,
} from "./helpers/app.mjs";

test("after one visit the demo opens, is answered and exported with the network off", async ({ page, context }) => {
  await page.goto("/");
  await booted(page);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await openDemo(page);
  await consent(page);
  const given = await answerFirstScreens(page);
  const id = questionnaireId(page);
  // Loading a screen's address offline: served by the worker too.
  await page.goto(`/q/${id}/page/2`);
  await expectShown(page, "intro.household", given["intro.household"]);
  await page.reload();
  await choose(page, "intro.household", 3);
  given["intro.household"] = { value: 3 };
  await expectAllShown(page, id, given);
  expect(await reloadAndExport(page, id)).toEqual(given);
});

/** Deploys a new version into `dir`: a changed page and its worker. */
function deploy(dir, { withPage }) {
  const page = join(dir, "index.html");
  const original = readFileSync(page, "utf8");
  const changed = original.replace("<title>", '<meta name="balans-build" content="2">\n  <title>');
  copyFileSync(join(ROOT, "public/sw.js"), join(dir, "sw.js"));
  writeFileSync(page, changed);
  execFileSync("node", [join(ROOT, "scripts/sw-build.mjs"), dir], { stdio: "pipe" });
  // A server half-way through the deploy: new worker, old page.
  if (!withPage) writeFileSync(page, original);
  return () => writeFileSync(page, changed);
}

/**
 * Looks for a new version, as the browser does when the app is opened again,
 * and resolves with how the new worker's install ended ("none" when there
 * was nothing new).
 */
function lookForUpdate(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const worker = registration.installing;
    if (!worker) return "none";
    return new Promise((resolve) => {
      const check = () => {
        if (["installed", "activated", "redundant"].includes(worker.state)) resolve(worker.state);
      };
      worker.addEventListener("statechange", check);
      check();
    });
  });
}

/**
 * Opens a questionnaire, deploys a new version while it is open, and starts
 * it with "update now". `holdBack` makes the page's request to the new
 * worker go nowhere, as when a browser holds the new version back.
 */
async function updateWhileOpen(browser, { holdBack }) {
  const server = await ownServer();
  const context = await browser.newContext({ baseURL: server.base, acceptDownloads: true, locale: "nl-NL" });
  let page = await context.newPage();
  await page.goto("/");
  await booted(page);
  await page.reload();
  await booted(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await byTestId(page, "demo-invitation").click();
  await consent(page);
  const given = await answerFirstScreens(page);
  const id = questionnaireId(page);

  // Half deployed: the new worker finds a page that is not the one it was
  // built with, and refuses to install. Nothing changes for the open page.
  const finishDeploy = deploy(server.dir, { withPage: false });
  expect(await lookForUpdate(page)).toBe("redundant");
  await expect(byTestId(page, "update-waiting")).toHaveCount(0);

  // Fully deployed: it installs and waits; the open page is told.
  finishDeploy();
  expect(await lookForUpdate(page)).toBe("installed");
  await expect(byTestId(page, "update-waiting")).toBeVisible();

  // The open questionnaire keeps running the version it started with.
  await choose(page, "comp.selfconfidence.1", 5);
  given["comp.selfconfidence.1"] = { value: 5 };
  await next(page);
  await choose(page, "comp.selfconfidence.2", 98);
  given["comp.selfconfidence.2"] = { missing: "no_answer" };
  await expect(page.locator('meta[name="balans-build"]')).toHaveCount(0);

  // On request, the new version takes over: the page reloads as a whole.
  // Chromium may hold the new worker back while the old one is busy (seen
  // in about one full test run in three, never alone): after 8 s the app
  // then says to close and reopen it, which is what this test does too.
  const said = [];
  page.on("console", (message) => said.push(message.text()));
  const reloaded = page.waitForEvent("load", { timeout: 30_000 }).then(() => "reloaded");
  if (holdBack) await page.evaluate(() => { ServiceWorker.prototype.postMessage = () => {}; });
  await byTestId(page, "start-update").click();
  const stalled = byTestId(page, "update-stalled").waitFor({ timeout: 30_000 }).then(() => "stalled");
  const how = await Promise.race([reloaded, stalled]).catch(async (error) => {
    // What the workers were doing, for whoever reads a failed run.
    const states = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { installing: r.installing?.state, waiting: r.waiting?.state, active: r.active?.state };
    }).catch((e) => String(e));
    throw new Error(`${error.message}; service workers: ${JSON.stringify(states)}; page said: ${JSON.stringify(said)}`);
  });
  if (holdBack) expect(how).toBe("stalled");
  if (how === "stalled") {
    console.log(`update held back by the browser (page said: ${JSON.stringify(said)}); closing and reopening`);
    const address = page.url();
    await page.close();
    page = await context.newPage();
    await page.goto(address);
    // Chromium may still count the closed page as the old version's client
    // when the new one opens (seen once in six full runs): the new page
    // then runs the old version and, as the app does on every page while a
    // new version waits, offers the update, whose button takes it over.
    const meta = page.locator('meta[name="balans-build"]');
    const fresh = await Promise.race([
      meta.waitFor({ state: "attached", timeout: 30_000 }).then(() => true, () => true),
      byTestId(page, "update-waiting").waitFor({ timeout: 30_000 }).then(() => false, () => true),
    ]);
    if (!fresh && (await meta.count()) === 0) {
      const reloadedNow = page.waitForEvent("load", { timeout: 30_000 });
      await byTestId(page, "start-update").click();
      await reloadedNow;
    }
  }
  await expect(page.locator('meta[name="balans-build"]')).toHaveCount(1);
  await booted(page);
  // The old version's cache is gone once the new worker is active.
  await expect.poll(() => page.evaluate(() => caches.keys())).toHaveLength(1);
  await expectAllShown(page, id, given);
  expect(await reloadAndExport(page, id)).toEqual(given);
  await context.close();
  await server.close();
}

test("a new version installs without breaking the open questionnaire", async ({ browser }) => {
  await updateWhileOpen(browser, { holdBack: false });
});

test("when the browser holds the new version back, the app says to reopen, and nothing is lost", async ({ browser }) => {
  await updateWhileOpen(browser, { holdBack: true });
});
