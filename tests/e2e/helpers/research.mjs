// Helpers for the researcher's screens. Elements are found by data-testid.
import { expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./files.mjs";

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** A fresh temporary directory. */
export function tempDir(prefix = "balans-research-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Runs `balans-tool gen-exports` and returns its manifest (files with the
 * outcome each must get, and the rows the dataset must hold) and the folder.
 */
export function genExports({ count, seed, key, ownGoalsEffect, places, out = tempDir() }) {
  const args = ["run", "--quiet", "--locked", "--bin", "balans-tool", "--", "gen-exports",
    "--count", String(count), "--seed", String(seed), "--out", out];
  if (key) args.push("--key", key);
  if (ownGoalsEffect !== undefined) args.push("--own-goals-effect", String(ownGoalsEffect));
  // Spread over the demo study's municipalities and teams.
  if (places) args.push("--places");
  execFileSync("cargo", args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  return { ...manifest, dir: out, paths: manifest.files.map((f) => join(out, f.file)) };
}

/** Opens the import screen. */
export async function openImport(page) {
  await page.goto("/research/import");
  await expect(byTestId(page, "import-page")).toBeVisible();
}

/** Loads a secret key file through the key picker. */
export async function loadKeyFile(page, keyFile) {
  await byTestId(page, "key-file").setInputFiles(keyFile);
  await expect(byTestId(page, "key-loaded")).toBeVisible();
}

/** Pastes a secret key and presses "use". */
export async function pasteKey(page, text) {
  await byTestId(page, "key-paste").fill(text);
  await byTestId(page, "key-use").click();
}

/** Adds export files in one go and waits for the outcome table. */
export async function importFiles(page, paths) {
  await byTestId(page, "export-files").setInputFiles(paths);
  await expect(byTestId(page, "import-progress")).toHaveCount(0, { timeout: 120_000 });
  await expect(byTestId(page, "import-table")).toBeVisible();
  // The table draws its rows a hundred at a time after the result shows.
  await expect(byTestId(page, "outcome-table")).toHaveAttribute("data-drawn", "true");
}

/** The rows of the outcome table: file, outcome code, kept flag. */
export function outcomeRows(page) {
  return page.$$eval('[data-testid="import-row"]', (rows) =>
    rows.map((r) => ({ file: r.dataset.file, outcome: r.dataset.outcome, kept: r.dataset.kept ?? null })));
}

/** The count shown for one outcome code. */
export async function shownCount(page, code) {
  return Number(await byTestId(page, `count-${code}`).getAttribute("data-count"));
}

/** Clicks a download button; returns the suggested name, saved path and text. */
export async function download(page, testid, dir = tempDir()) {
  const waiting = page.waitForEvent("download");
  await byTestId(page, testid).click();
  const file = await waiting;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, "utf8") };
}

/** A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/**
 * Watches the page for the import progress element and for long tasks, so a
 * test can check that progress was shown and the page kept responding.
 */
export async function watchResponsiveness(page) {
  await page.evaluate(() => {
    window.__balans = { progressSeen: 0, longest: 0 };
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="import-progress"]');
      if (p) window.__balans.progressSeen = Math.max(window.__balans.progressSeen, Number(p.dataset.total));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__balans.longest = Math.max(window.__balans.longest, e.duration);
    }).observe({ type: "longtask" });
  });
}

/** What `watchResponsiveness` saw. */
export function responsiveness(page) {
  return page.evaluate(() => window.__balans);
}
