// Hostile files (issue 14): every fixture in tests/fixtures/exports, with
// fields no Balans app writes (multibyte text at every byte boundary of a
// time, control characters, very long strings, formula and HTML payloads,
// out-of-range numbers, versions that do not exist), encrypted with the
// standard `age` tool and imported on both import screens. The page keeps
// working and each file gets a clear outcome that names the field.
import { test, expect } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId } from "./helpers/citizen.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { DEMO_KEY, RESEARCHER, ROOT, ageEncrypt } from "./helpers/files.mjs";
import { staffRecords } from "./helpers/app.mjs";
import { openImport, loadKeyFile, outcomeRows } from "./helpers/research.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, importFiles, publicKey,
} from "./helpers/workspace.mjs";

const FIXTURES = join(ROOT, "tests/fixtures/exports");


const file = (name, buffer) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(buffer) });

/** Every export fixture, encrypted to `recipients`, named after the fixture. */
function fixtureFiles(recipients) {
  return readdirSync(FIXTURES).filter((n) => n.endsWith(".json")).map((name) =>
    file(name.replace(/\.json$/, ".age"), ageEncrypt(readFileSync(join(FIXTURES, name)), recipients)));
}

/** A rescue file's plaintext (what a device writes for a value it could not read). */
const RESCUE = JSON.stringify({
  format: "balans-rescue", version: 1, app_version: "0.1.0", key: "balans.q.0123456789abcdef",
  reason: "corrupt", exported_at: "2026-11-22T10:15:03Z", stored: "{\"schema\":2,",
});

/** One character of the first base64 line (the age header) changed. */
function damagedHeader(armored) {
  const lines = armored.toString().split("\n");
  lines[1] = (lines[1][0] === "Z" ? "Y" : "Z") + lines[1].slice(1);
  return lines.join("\n");
}

/** The envelope of a citizen's file of R-0042 at T0 with a household member. */
function withMember(member) {
  const e = JSON.parse(readFileSync(join(FIXTURES, "ok_v1_citizen.json"), "utf8"));
  e.member = member;
  return JSON.stringify(e);
}

/** The field a fixture's name says it gets wrong (`fail_member_html` → member). */
const EXPECTED_FIELD = {
  time_multibyte: "completed_at", member: "member", study: "study", answer_text: "answers",
  answer_out: "answers", too_many: "answers", version_zero: "version", instrument: "instrument_version",
  time_31: "started_at", time_not: "exported_at", app_version: "app_version", consent: "consent/given_at",
  professional_id: "professional_id", plan: "plan", topics_marked: "topics", mode: "mode",
};
/** What a fail_ fixture must get: `bad_field` (with the field), `newer` or `not_balans`. */
function expected(name) {
  const rest = name.replace(/^fail_/, "");
  if (rest === "newer_version") return { outcome: "newer", field: null };
  // JSON that cannot hold the value (a number past i32 or u32, an
  // unknown state) is not a Balans export at all.
  if (["plan_unknown_reached_state", "answer_not_an_i32", "version_too_big", "topics_unknown_topic"].includes(rest)) {
    return { outcome: "not_balans", field: null };
  }
  const hit = Object.keys(EXPECTED_FIELD).find((k) => rest.startsWith(k));
  if (!hit) throw new Error(`say what ${name} must get`);
  return { outcome: "bad_field", field: EXPECTED_FIELD[hit] };
}

// axe is injected as an inline script.
test.use({ bypassCSP: true });

/** Each changed screen at 360 and 1280 px: axe, reflow, touch targets, a picture. */
async function pictures(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await checkScreen(page, name);
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

test("research import: each hostile file gets its own clear outcome, the page keeps working", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  const good = ageEncrypt(readFileSync(join(FIXTURES, "ok_v1_citizen.json")), [RESEARCHER]);
  const files = [
    ...fixtureFiles([RESEARCHER]),
    file("reserve.age", ageEncrypt(RESCUE, [RESEARCHER])),
    file("header-changed.age", damagedHeader(good)),
  ];
  await byTestId(page, "export-files").setInputFiles(files);
  await expect(byTestId(page, "import-table")).toBeVisible({ timeout: 60_000 });
  await expect(byTestId(page, "import-row")).toHaveCount(files.length);
  const rows = await outcomeRows(page);
  for (const row of rows) {
    const name = row.file.replace(/\.age$/, "");
    if (name.startsWith("fail_")) {
      const { outcome: want, field } = expected(name);
      expect(row.outcome, name).toBe(want);
      if (field) {
        const label = byTestId(page, "import-row").filter({ hasText: row.file }).locator(".outcome-label");
        await expect(label, name).toContainText(`veld ${field} klopt niet`);
      }
    } else if (name.startsWith("ok_")) {
      expect(["imported", "duplicate"], name).toContain(row.outcome);
    }
  }
  const outcome = (f) => rows.find((r) => r.file === f)?.outcome;
  expect(outcome("reserve.age")).toBe("rescue");
  expect(outcome("header-changed.age")).toBe("damaged");
  const rescueRow = byTestId(page, "import-row").filter({ hasText: "reserve.age" });
  await expect(rescueRow).toContainText("age --decrypt");
  await expect(byTestId(page, "count-bad_field")).toHaveAttribute("data-count", String(rows.filter((r) => r.outcome === "bad_field").length));
  await expect(byTestId(page, "count-rescue")).toHaveAttribute("data-count", "1");
  // The page still works: the dataset screen opens and counts the records.
  await pictures(page, "hostile-research");
  await byTestId(page, "nav-research-dataset").click();
  await expect(byTestId(page, "dataset-counts")).toBeVisible();
  expect(errors).toEqual([]);
});

test("professional import: hostile files refused by field, an older member label warned, a bad stored import set aside exactly", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const pro = await publicKey(page);
  await addRespondent(page, "R-0042");
  const files = [
    ...fixtureFiles([pro]),
    file("reserve.age", ageEncrypt(RESCUE, [pro])),
    file("header-changed.age", damagedHeader(ageEncrypt(readFileSync(join(FIXTURES, "ok_v1_citizen.json")), [pro]))),
  ];
  const results = await importFiles(page, files);
  for (const f of files) {
    const name = f.name.replace(/\.age$/, "");
    const result = results.filter({ hasText: f.name });
    if (name.startsWith("fail_")) {
      const { outcome: want, field } = expected(name);
      await expect(result, name).toHaveAttribute("data-outcome", `pro.import.error.${want}`);
      if (field) await expect(result, name).toContainText(`het veld ${field} klopt niet`);
    }
  }
  await expect(results.filter({ hasText: "reserve.age" })).toHaveAttribute("data-outcome", "pro.import.error.rescue");
  await expect(results.filter({ hasText: "header-changed.age" })).toHaveAttribute("data-outcome", "pro.import.error.damaged");
  await expect(results.filter({ hasText: "ok_v1_citizen_formula_and_html_text.age" })).toHaveAttribute("data-outcome", "imported");
  await pictures(page, "hostile-professional");

  // A member label from an older file that is none of today's roles is
  // accepted, with a warning; one of today's roles is not warned about.
  const older = await importFiles(page, file("oma.age", ageEncrypt(withMember("Oma Jansen"), [pro])));
  await expect(older).toHaveAttribute("data-outcome", "imported");
  await expect(older.locator('[data-testid="import-unknown-role"]')).toContainText("Oma Jansen");
  const known = await importFiles(page, file("kind.age", ageEncrypt(withMember("kind-1"), [pro])));
  await expect(known).toHaveAttribute("data-outcome", "imported");
  await expect(known.locator('[data-testid="import-unknown-role"]')).toHaveCount(0);
  await pictures(page, "import-unknown-role");

  // A stored import of the wrong shape (with a lone surrogate, which only an
  // exact copy keeps) is set aside exactly by the next import of that
  // citizen, never overwritten, and the result line says so.
  // Imports live in the staff database (issue 14): the wrong shape is
  // written there, and the page reloaded so the app reads it.
  // Made in the page: a lone surrogate would not survive being passed in.
  const bad = () => '{"schema":3,"shape":"wrong \ud800 here"}';
  const records = await staffRecords(page);
  const key = Object.keys(records).find((k) => k.startsWith("balans.pro.c.") && JSON.parse(records[k]).envelope?.member === "Oma Jansen");
  await page.evaluate(([k, badSource]) => new Promise((resolve, reject) => {
    const bad = new Function(`return (${badSource})();`)();
    const open = indexedDB.open("balans-staff");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records", "readwrite");
      tx.objectStore("records").put(bad, k);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, bad.toString()]);
  await page.reload();
  const again = await importFiles(page, file("oma-again.age", ageEncrypt(withMember("Oma Jansen"), [pro])));
  await expect(again).toHaveAttribute("data-outcome", "imported");
  await expect(again.locator('[data-testid="import-set-aside"]')).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("data-saving", /.*/);
  const kept = await page.evaluate(([k, badSource]) => new Promise((resolve, reject) => {
    const bad = new Function(`return (${badSource})();`)();
    const open = indexedDB.open("balans-staff");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction("records").objectStore("records").get(`balans.quarantine.${k}`);
      get.onsuccess = () => { db.close(); resolve(get.result === bad); };
      get.onerror = () => reject(get.error);
    };
  }), [key, bad.toString()]);
  expect(kept).toBe(true);
  await pictures(page, "import-set-aside");
  expect(errors).toEqual([]);
});
