// The Balans benchmark: P1 size, P2 start-up, P3 import throughput, P4 save
// latency, P5 the conditions screen's models, P6 the professional's first
// screen's size, each printed on its own line with its method. Run through
// `scripts/bench` (which builds the release app and the native tool first).
//
//   node scripts/bench.mjs [--runs 10] [--files 10000] [--only P1,P2,P3,P4,P5,P6]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { serve } from "./static-server.mjs";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg("--runs", 10));
const FILES = Number(arg("--files", 10000));
const ONLY = arg("--only", "P1,P2,P3,P4,P5,P6").split(",");
const PORT = Number(process.env.BENCH_PORT ?? 8095);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = process.env.BENCH_DIST ?? "dist";
const TOOL = process.env.BENCH_TOOL ?? "target/release/balans-tool";
const DEMO_KEY = "tests/fixtures/demo-identity.txt";
const PEER_DIR = "scripts/peer";
const PEER_BASE = `http://127.0.0.1:${PORT + 1}`;
const PEER_VERSION = JSON.parse(readFileSync(`${PEER_DIR}/node_modules/survey-core/package.json`, "utf8")).version;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const lines = [];
function report(id, text) {
  const line = `${id} ${text}`;
  lines.push(line);
  console.log(line);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const demoLink = execFileSync(TOOL, ["link", "--base", ""], { encoding: "utf8" }).trim();

async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
  const page = await context.newPage();
  return { context, page };
}

/** Clicks through welcome, readers and consent to the first question. */
async function toFirstQuestion(page) {
  await page.click("[data-testid=invite-start]");
  await page.click("[data-testid=invite-next]");
  await page.check("[data-testid=consent-checkbox]");
  await page.click("[data-testid=consent-confirm]");
  await page.waitForSelector("main input[type=radio]");
}

// P1: every response the browser receives (the page's and its service
// worker's) from opening the demo invitation until the first question shows,
// compressed as a server would send it; then what loads after it (the
// deferred sealing module, the service worker's install) until boot.js says
// the app is loaded.
async function p1(browser) {
  const { context, page } = await newPage(browser);
  const question = "main input[type=radio]";
  await context.addInitScript(watchFor, [question]);
  const responses = [];
  context.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    responses.push({ path: path === "/" ? "/index.html" : path, started: response.request().timing().startTime });
  });
  await page.goto(`${BASE}/${demoLink}`);
  await toFirstQuestion(page);
  await page.waitForSelector("html[data-boot=ready]");
  // When the question appeared, on the same clock as the requests' start.
  const shownAt = await page.evaluate((q) => performance.timeOrigin + window.__seen[q], question);
  await context.close();
  const first = new Set(responses.filter((r) => r.started < shownAt).map((r) => r.path));
  const later = new Set(responses.filter((r) => r.started >= shownAt).map((r) => r.path));
  const measure = (paths) =>
    [...paths].sort().map((path) => {
      const bytes = readFileSync(join(DIST, path));
      return { path, raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
    });
  const sum = (rows, key) => rows.reduce((total, r) => total + r[key], 0);
  const firstRows = measure(first);
  for (const r of firstRows) {
    report("P1", `  ${r.path.padEnd(26)} raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  brotli ${kb(r.brotli).padStart(9)}`);
  }
  report("P1", `first question (citizen app): gzip ${kb(sum(firstRows, "gzip"))}, brotli ${kb(sum(firstRows, "brotli"))}, raw ${kb(sum(firstRows, "raw"))} ` +
    `[method: every request (page and service worker) started from opening the demo invitation until the first question appeared (MutationObserver in the page), in Chromium; each file compressed with gzip -9 and brotli 11] target <= 200 KB gzip`);
  const deferred = measure([...later].filter((p) => !first.has(p)));
  report("P1", `after the first question, in idle time (deferred, then cached by the service worker): ${deferred.map((r) => `${r.path} ${kb(r.gzip)}`).join(", ")}; ` +
    `gzip ${kb(sum(deferred, "gzip"))} [method: requests started after the first question appeared until <html data-boot=ready>; the service worker's install fetches the first files again, not counted twice]`);
  const citizen = readdirSync(DIST).filter((n) => !n.startsWith("balans-staff") && !n.startsWith("balans-open") &&
    !n.startsWith("open-") && !["professional.css", "research.css"].includes(n));
  const citizenGzip = citizen.reduce((t, n) => t + gzip(readFileSync(join(DIST, n))), 0);
  report("P1", `whole citizen app (every file a citizen's browser may fetch): gzip ${kb(citizenGzip)}`);
  // The staff app: its main module and styles (the professional's first
  // screen, P6), and the research screens' chunks, loaded on /research only
  // (issue 15, scripts/wasm-split.mjs).
  const staffFiles = ["/balans-staff.js", "/balans-staff.split.js", "/balans-staff_bg.wasm", "/professional.css", "/research.css"];
  const staff = staffFiles.map((p) => readFileSync(join(DIST, p)));
  const staffGzip = staff.reduce((t, b) => t + gzip(b), 0);
  const staffBrotli = staff.reduce((t, b) => t + brotli(b), 0);
  report("P6", `professional's first screen, the staff app (${staffFiles.join(", ")}), loaded only for /pro, /research and study links: gzip ${kb(staffGzip)}, brotli ${kb(staffBrotli)} (never downloaded by a citizen) target <= 400 KB gzip`);
  const research = readdirSync(DIST).filter((n) => /^balans-staff\.(split|chunk)_.*\.wasm$/.test(n)).map((n) => readFileSync(join(DIST, n)));
  report("P6", `the staff app's chunks (the research screens, loaded on /research only, and the professional's other screens, loaded in idle time after the first): gzip ${kb(research.reduce((t, b) => t + gzip(b), 0))}, brotli ${kb(research.reduce((t, b) => t + brotli(b), 0))}`);
  return { firstQuestionGzip: sum(firstRows, "gzip") };
}

// P6: what a professional's browser loads from opening /pro on a fresh
// device until its first screen (the workspace list with the field for a
// study link) shows, compressed as for P1.
async function p6(browser) {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const screen = "[data-testid=paste-study-link]";
  await context.addInitScript(watchFor, [screen]);
  const responses = [];
  context.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    responses.push({ path: path === "/" || path === "/pro" ? "/index.html" : path, started: response.request().timing().startTime });
  });
  await page.goto(`${BASE}/pro`);
  await page.waitForSelector(screen);
  await page.waitForSelector("html[data-boot=ready]");
  const shownAt = await page.evaluate((q) => performance.timeOrigin + window.__seen[q], screen);
  await context.close();
  const first = [...new Set(responses.filter((r) => r.started < shownAt).map((r) => r.path))].sort();
  let total = 0;
  for (const path of first) {
    const bytes = readFileSync(join(DIST, path));
    total += gzip(bytes);
    report("P6", `  ${path.padEnd(26)} raw ${kb(bytes.length).padStart(10)}  gzip ${kb(gzip(bytes)).padStart(9)}`);
  }
  report("P6", `professional's first screen (/pro, fresh device): gzip ${kb(total)} ` +
    `[method: every request started from opening /pro until the workspace screen's study-link field appeared (MutationObserver), in Chromium; gzip -9] target <= 400 KB gzip`);
  return { proFirstScreenGzip: total };
}

/** Time (ms since navigation start) when `selector` first appears in the DOM. */
function watchFor(selectors) {
  window.__seen = {};
  const check = () => {
    for (const s of selectors) {
      if (!(s in window.__seen) && document.querySelector(s)) window.__seen[s] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

// P2: cold start (fresh profile: no HTTP cache, no service worker) with the
// CPU slowed 4x, measured inside the page from navigation start.
async function p2(browser) {
  const welcome = "[data-testid=invite-start]";
  const question = "main input[type=radio]";
  const measure = async (url, seed) => {
    const { context, page } = await newPage(browser);
    if (seed) await context.addInitScript(seed.fn, seed.arg);
    await context.addInitScript(watchFor, [welcome, question]);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url);
    const target = seed ? question : welcome;
    await page.waitForSelector(target);
    const ms = await page.evaluate((s) => window.__seen[s], target);
    await context.close();
    return ms;
  };
  // A stored questionnaire (consent given) for the resumed case.
  const { context, page } = await newPage(browser);
  await page.goto(`${BASE}/${demoLink}`);
  await toFirstQuestion(page);
  const path = new URL(page.url()).pathname;
  const stored = await page.evaluate(() =>
    Object.entries(localStorage).filter(([k]) => k.startsWith("balans.q.")));
  await context.close();
  const seed = {
    fn: (entries) => { for (const [k, v] of entries) localStorage.setItem(k, v); },
    arg: stored,
  };

  // The peer: a SurveyJS page of twelve questions (scripts/peer), its first
  // answer control.
  const peerMeasure = async () => {
    const { context, page } = await newPage(browser);
    await context.addInitScript(watchFor, ["#survey input[type=radio]"]);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${PEER_BASE}/`);
    await page.waitForSelector("#survey input[type=radio]");
    const ms = await page.evaluate(() => window.__seen["#survey input[type=radio]"]);
    await context.close();
    return ms;
  };

  const opened = [];
  const resumed = [];
  const peer = [];
  // Alternating, so that a slower moment of the machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    opened.push(await measure(`${BASE}/${demoLink}`));
    peer.push(await peerMeasure());
    resumed.push(await measure(`${BASE}${path}`, seed));
  }
  const describe = (xs) =>
    `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
  report("P2", `demo invitation opened -> welcome screen interactive: ${describe(opened)} ` +
    `[method: cold profile, CPU throttled 4x (Emulation.setCPUThrottlingRate), time from navigation start to the button existing, MutationObserver in the page] target median <= 1000 ms`);
  report("P2", `peer: SurveyJS ${PEER_VERSION} page of 12 questions opened -> first answer control: ${describe(peer)} ` +
    `[method: same, in the same run, alternating with Balans; scripts/peer, survey-core + survey-js-ui from its lock file, served from one origin like Balans]`);
  const ratio = median(opened) / median(peer);
  report("P2", `ratio Balans / SurveyJS (medians): ${ratio.toFixed(2)} target <= 0.5`);
  report("P2", `questionnaire link opened -> first question interactive: ${describe(resumed)} ` +
    `[method: same, the question page of a questionnaire already on the device]`);
  return { opened: median(opened), resumed: median(resumed), peer: median(peer), ratio };
}

// P3: importing generated exports in the browser, against native decryption
// of the same files.
async function p3(browser) {
  const dir = mkdtempSync(join(tmpdir(), "balans-bench-"));
  try {
    execFileSync(TOOL, ["gen-exports", "--count", String(FILES), "--seed", "7", "--out", dir], { stdio: "ignore" });
    const paths = readdirSync(dir).filter((f) => f !== "manifest.json").map((f) => join(dir, f));
    const native = JSON.parse(execFileSync(TOOL, ["bench-import", DEMO_KEY, dir], { encoding: "utf8" }));

    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await page.goto(`${BASE}/research/import`);
    await page.fill("[data-testid=key-paste]", readFileSync(DEMO_KEY, "utf8"));
    await page.click("[data-testid=key-use]");
    await page.waitForSelector("[data-testid=key-loaded]");
    // Keep the data on the device, so the save into IndexedDB is measured too:
    // its longest task says whether the page stays usable while it saves.
    await page.check("[data-testid=keep-data]");
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    const input = page.locator("[data-testid=export-files]");
    // In the page: from the input's change event (the files are chosen) to
    // the outcome table, without the harness's own cost of handing 10 000
    // paths to the browser.
    await page.evaluate(() => {
      // Every main-thread task over 50 ms (Long Tasks API); those during the
      // import are picked out after it, since the observer hears of a task
      // only once it ended (the one that shows the table included).
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__long.push([entry.startTime, entry.duration]);
      }).observe({ type: "longtask" });
      document.addEventListener("change", () => { window.__chosen ??= performance.now(); }, true);
      new MutationObserver(() => {
        if (!window.__tabled && document.querySelector("[data-testid=import-result]")) window.__tabled = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const started = Date.now();
    await input.setInputFiles(paths);
    await page.waitForSelector("[data-testid=import-result]", { timeout: 600_000 });
    const imported = Date.now() - started;
    const appMs = Number(await page.getAttribute("[data-testid=import-duration]", "data-ms"));
    const inPageMs = await page.evaluate(() => window.__tabled - window.__chosen);
    // A task that began before the files were chosen (the browser making
    // 10 000 File objects for the input, which ends in the change event)
    // counts from the moment they were chosen: the rest is not the app's.
    const longTasks = await page.evaluate(() => window.__long
      .filter(([start, duration]) => start + duration > window.__chosen && start <= window.__tabled)
      .map(([start, duration]) => start + duration - Math.max(start, window.__chosen))
      .filter((ms) => ms > 50));
    const workers = await page.evaluate(() => (window.balansOpenExports ? navigator.hardwareConcurrency : 0));
    // The same work as the native floor, or the comparison means nothing.
    const records = Number(await page.getAttribute("[data-testid=record-count]", "data-count"));
    if (records !== native.records) throw new Error(`P3: the browser kept ${records} records, native ${native.records}`);
    const saving = await (await page.waitForFunction(() => {
      const end = performance.getEntriesByName("balans-save-end").at(-1);
      const start = performance.getEntriesByName("balans-save-start").at(-1);
      if (!end || !start || document.documentElement.hasAttribute("data-saving")) return null;
      const tasks = window.__longTasks.filter((t) => t.start + t.duration > start.startTime);
      return { ms: end.startTime - start.startTime, longest: Math.max(0, ...tasks.map((t) => t.duration)), count: tasks.length };
    }, null, { timeout: 600_000 })).jsonValue();
    report("P3", `keeping ${records} records on the device (IndexedDB): ${(saving.ms / 1000).toFixed(2)} s, longest task while saving ${Math.round(saving.longest)} ms (${saving.count} long tasks) ` +
      `[method: performance marks balans-save-start/-end, PerformanceObserver longtask] target: longest task <= 100 ms`);
    await page.goto(`${BASE}/research/dataset`).catch(() => {});
    const csvStarted = Date.now();
    const download = page.waitForEvent("download", { timeout: 120_000 });
    await page.click("[data-testid=download-long]");
    await download;
    const csvMs = Date.now() - csvStarted;
    // P5: the analysis of these records, from the click on its tab to its
    // tables (means per moment, change, agreement) shown.
    const analysisMs = await page.evaluate(() => new Promise((resolve) => {
      const shown = () => ["moments-row", "change-row", "agreement-row"]
        .every((id) => document.querySelector(`[data-testid=${id}]`));
      const started = performance.now();
      new MutationObserver((_, observer) => {
        if (shown()) { observer.disconnect(); resolve(performance.now() - started); }
      }).observe(document.body, { childList: true, subtree: true });
      document.querySelector("[data-testid=nav-research-analysis]").click();
    }));
    await context.close();
    report("P5", `analysis of ${records} records as the analysis screen first shows it: ${(analysisMs / 1000).toFixed(2)} s ` +
      `[method: in the page, from the click on the analysis tab to its tables (means per moment, change, agreement) in the DOM, MutationObserver; CPU not throttled] target <= 1 s`);

    const total = imported + csvMs;
    report("P3", `${paths.length} files imported in the browser: ${(imported / 1000).toFixed(2)} s as the harness sees it (handing ${paths.length} paths to the browser included); in the page from the files chosen to the table ${(inPageMs / 1000).toFixed(2)} s, of which reading and decrypting ${(appMs / 1000).toFixed(2)} s; long CSV ${(csvMs / 1000).toFixed(2)} s; in the page to the finished dataset ${((inPageMs + csvMs) / 1000).toFixed(2)} s ` +
      `[method: files chosen in the import screen of the release build, from choosing to the outcome table, then the long CSV download; ${workers ? `${workers} import workers (navigator.hardwareConcurrency)` : "no import workers: decrypted in the page"}; CPU not throttled] target <= 3 s`);
    const over100 = longTasks.filter((ms) => ms > 100);
    report("P3", `main-thread tasks during the import: ${longTasks.length} over 50 ms, ${over100.length} over 100 ms, longest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms ` +
      `[method: PerformanceObserver "longtask", tasks from the files chosen to the outcome table, the task that ends in the change event counted from that event] target none over 100 ms`);
    report("P3", `native floor (age crate, same files, one core): decrypt ${(native.decrypt_ms / 1000).toFixed(2)} s; decrypt + import + long CSV ${(native.import_and_csv_ms / 1000).toFixed(2)} s`);
    const inPageTotal = inPageMs + csvMs;
    report("P3", `ratio browser / native: in the page (files chosen to table, plus CSV) ${(inPageTotal / native.import_and_csv_ms).toFixed(2)}x the same pipeline (${(inPageTotal / native.decrypt_ms).toFixed(2)}x decryption alone); ` +
      `as the harness sees it ${(total / native.import_and_csv_ms).toFixed(2)}x and ${(total / native.decrypt_ms).toFixed(2)}x; target <= 2x`);
    return { total, native };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// P5: the conditions screen with about FILES imported records (with plans):
// the models by moment for every outcome and role when the screen opens, and
// a chosen condition's models (trajectories, change by group, 15 mixed
// models with condition x moment) after choosing it.
async function p5(browser) {
  const dir = mkdtempSync(join(tmpdir(), "balans-bench-"));
  try {
    // About 13 % of generated files are deliberately not importable.
    const count = Math.round(FILES / 0.867);
    execFileSync(TOOL, ["gen-exports", "--count", String(count), "--seed", "16", "--own-goals-effect", "0.35", "--out", dir], { stdio: "ignore" });
    const paths = readdirSync(dir).filter((f) => f !== "manifest.json").map((f) => join(dir, f));
    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${BASE}/research/import`);
    await page.fill("[data-testid=key-paste]", readFileSync(DEMO_KEY, "utf8"));
    await page.click("[data-testid=key-use]");
    await page.waitForSelector("[data-testid=key-loaded]");
    await page.locator("[data-testid=export-files]").setInputFiles(paths);
    await page.waitForSelector("[data-testid=import-result]", { timeout: 600_000 });
    const records = Number(await page.getAttribute("[data-testid=record-count]", "data-count"));
    await page.evaluate(() => {
      document.addEventListener("click", () => { window.__opened = performance.now(); }, true);
      document.addEventListener("change", () => { window.__chosen = performance.now(); }, true);
      new MutationObserver(() => {
        if (!window.__modelled && document.querySelectorAll("[data-testid=moment-model-row]").length === 15) {
          window.__modelled = performance.now();
        }
        const section = document.querySelector("[data-testid=conditions-page]");
        if (window.__want && section?.dataset.condition === window.__want && !window.__done) window.__done = performance.now();
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await page.click("[data-testid=nav-research-conditions]");
    await page.waitForFunction(() => window.__modelled, null, { timeout: 120_000 });
    const openMs = await page.evaluate(() => window.__modelled - window.__opened);
    const times = [];
    for (const id of ["goals_own_share", "intervention_1", "steps", "agree_t0_network", "professional_id"]) {
      await page.evaluate((want) => { window.__want = want; window.__done = undefined; }, id);
      await page.selectOption("[data-testid=cond-condition]", id);
      await page.waitForFunction(() => window.__done, null, { timeout: 60_000 });
      times.push(await page.evaluate(() => window.__done - window.__chosen));
    }
    await context.close();
    report("P5", `${records} records: conditions screen open with the models by moment for 15 outcomes x 2 roles ${openMs.toFixed(0)} ms; ` +
      `a chosen condition's models (15 outcomes) median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (n=${times.length}) ` +
      `[method: release build, in the page, performance.now() from the click or change event to the DOM showing the result; CPU not throttled] target <= 200 ms for a chosen condition`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// P4: one answer saved with 50 questionnaires on the device, 1000 times.
async function p4(browser) {
  const { context, page } = await newPage(browser);
  await page.goto(`${BASE}/${demoLink}`);
  await toFirstQuestion(page);
  // 49 more questionnaires, copies of this one under other ids.
  await page.evaluate(() => {
    const [key, value] = Object.entries(localStorage).find(([k]) => k.startsWith("balans.q."));
    const record = JSON.parse(value);
    for (let i = 0; i < 49; i++) {
      const id = `bench${String(i).padStart(11, "0")}`;
      localStorage.setItem(`balans.q.${id}`, JSON.stringify({ ...record, id }));
    }
    return key;
  });
  const path = new URL(page.url()).pathname.replace(/\d+$/, "5");
  await page.goto(`${BASE}${path}`);
  await page.waitForSelector("main input[type=radio]");
  const result = await page.evaluate(async () => {
    const count = Object.keys(localStorage).filter((k) => k.startsWith("balans.q.")).length;
    const options = [...document.querySelectorAll("main fieldset .options:not(.options-missing) label.option")];
    const times = [];
    for (let i = 0; i < 1000; i++) {
      const option = options[i % 2 === 0 ? 1 : 3];
      const t = performance.now();
      option.click(); // the change handler runs inside, and saves at once
      times.push(performance.now() - t);
      // Let the page render between answers, as between a person's taps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const stored = JSON.parse(Object.entries(localStorage)
      .find(([k, v]) => k.startsWith("balans.q.") && !k.startsWith("balans.q.bench"))[1]);
    return { times, count, last: stored.answers["comp.selfconfidence.1"] };
  });
  await context.close();
  if (result.last?.value !== 4) throw new Error(`P4: the last answer was not saved (${JSON.stringify(result.last)})`);
  report("P4", `save one answer with ${result.count} questionnaires stored: p50 ${percentile(result.times, 50).toFixed(2)} ms, p95 ${percentile(result.times, 95).toFixed(2)} ms, max ${Math.max(...result.times).toFixed(2)} ms (n=1000) ` +
    `[method: in the page, performance.now() around a click on an answer; the handler saves to localStorage before it returns; the stored answer is checked afterwards; CPU not throttled] target p95 <= 4 ms`);
  return result;
}

// P4 with the lock on (issue 17): the professional's own form in the staff
// app, with a passphrase set, so every save seals the questionnaire
// (XChaCha20-Poly1305) before it is stored.
async function p4Lock(browser) {
  const dir = mkdtempSync(join(tmpdir(), "balans-p4lock-"));
  const { context, page } = await newPage(browser, { acceptDownloads: true });
  await page.goto(`${BASE}/`);
  await page.click("[data-testid=to-professional]");
  await page.click("[data-testid=demo-study]");
  await page.fill("[data-testid=display-name]", "Bench");
  await page.check("[data-testid=key-understood]");
  await page.click("[data-testid=create-workspace-button]");
  const download = page.waitForEvent("download");
  await page.click("[data-testid=download-key] >> nth=0");
  await (await download).saveAs(join(dir, "key.txt"));
  await page.click("[data-testid=to-workspace]");
  await page.fill("[data-testid=new-passphrase]", "bench pass phrase");
  await page.fill("[data-testid=new-passphrase-again]", "bench pass phrase");
  await page.click("[data-testid=set-passphrase-button]");
  await page.waitForSelector("[data-testid=passphrase-status]:has-text('versleuteld')");
  await page.fill("[data-testid=respondent-code]", "R-0001");
  await page.click("[data-testid=add-respondent-button]");
  await page.click('[data-testid="person"][data-member=""] [data-testid="moment-T0"] [data-testid="pro-form"]');
  await page.waitForSelector("[data-testid=progress]");
  // To the fifth screen inside the app: a reload would lock it.
  const path = new URL(page.url()).pathname.replace(/\d+$/, "5");
  await page.evaluate((p) => {
    history.pushState(null, "", p);
    dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await page.waitForSelector("main fieldset .options:not(.options-missing) label.option");
  const result = await page.evaluate(async () => {
    const sealedForms = () => Object.entries(localStorage).filter(([k]) => k.startsWith("balans.q."));
    const before = sealedForms().map(([, v]) => v).join();
    const options = [...document.querySelectorAll("main fieldset .options:not(.options-missing) label.option")];
    const times = [];
    for (let i = 0; i < 1000; i++) {
      const option = options[i % 2 === 0 ? 1 : 3];
      const t = performance.now();
      option.click();
      times.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const forms = sealedForms();
    return {
      times,
      sealed: forms.length > 0 && forms.every(([, v]) => v.startsWith("balans-sealed-1:")),
      changed: forms.map(([, v]) => v).join() !== before,
      checked: options[3].querySelector("input")?.checked === true,
    };
  });
  // Unlocking after a reload (the key lives in memory only): the passphrase
  // derivation (scrypt) once, as the app records it on <html>.
  await page.reload();
  await page.fill("[data-testid=lock-passphrase]", "bench pass phrase");
  await page.click("[data-testid=lock-unlock]");
  await page.waitForSelector("html[data-derive-ms]");
  const deriveMs = Number(await page.getAttribute("html", "data-derive-ms"));
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  report("P4-lock", `unlock: the passphrase's key derivation (scrypt N=2^15, r=8, p=1) ${deriveMs.toFixed(0)} ms [method: reload, the passphrase typed, the app's own measurement around the derivation; CPU not throttled] target well under 1000 ms`);
  if (!result.sealed || !result.changed || !result.checked) throw new Error(`P4 lock: the answer was not saved sealed (${JSON.stringify({ ...result, times: undefined })})`);
  report("P4-lock", `save one answer of the professional's own form with the lock on: p50 ${percentile(result.times, 50).toFixed(2)} ms, p95 ${percentile(result.times, 95).toFixed(2)} ms, max ${Math.max(...result.times).toFixed(2)} ms (n=1000) ` +
    `[method: staff app, passphrase set, in the page performance.now() around a click on an answer; the handler seals the questionnaire (XChaCha20-Poly1305) and stores it before it returns; afterwards the stored form is checked to be sealed and changed; CPU not throttled] target p95 <= 4 ms`);
  return result;
}

const server = await serve(DIST, PORT);
const peerServer = await serve(PEER_DIR, PORT + 1);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  report("machine", `${cpus().length} x ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}, ${new Date().toISOString().slice(0, 10)}`);
  if (ONLY.includes("P1")) await p1(browser);
  if (ONLY.includes("P2")) await p2(browser);
  if (ONLY.includes("P3")) await p3(browser);
  if (ONLY.includes("P4")) await p4(browser);
  if (ONLY.includes("P4")) await p4Lock(browser);
  if (ONLY.includes("P5")) await p5(browser);
  if (ONLY.includes("P6")) await p6(browser);
} finally {
  await browser.close();
  server.close();
  peerServer.close();
}
writeFileSync("target/bench.txt", lines.join("\n") + "\n");
