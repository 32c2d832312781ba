// The size budget (issue 7): fails when the gzip size of the release app in
// dist/ grows beyond its budget. A size, never a timing, so it is stable on
// any machine. `scripts/bench` reports the sizes in detail (P1).
//
//   node scripts/size-check.mjs [dist]
//
// Budgets, because what a browser loads depends on who opens the app (see
// public/boot.js):
// - first question: what a citizen's browser loads from opening an
//   invitation to the first question it can answer (the page, boot.js, the
//   citizen app's main module, its glue and chunk loader, main.css, the
//   manifest); `scripts/bench` measures the same set in Chromium (P1);
// - citizen: every file a citizen's browser may fetch (all of dist/ except
//   the staff files), with what loads after the first question (the age
//   sealing module, the chunks of the later screens) and the service
//   worker, so a new file or a grown one counts at once;
// - professional: the staff app's main module, its glue and the staff
//   styles, loaded only on staff addresses: the professional's first screen;
// - staff chunks: the staff app's other screens (the research screens, loaded
//   on /research only, and the professional's screens after the first,
//   loaded in idle time after it);
// - research workers: the import workers' decryption module and scripts,
//   loaded only on /research.
// The budgets sit a few per cent above the sizes of the day they were set, so
// growth is a decision (raise the budget in the same commit, say why), not
// an accident. What bounds each size is written in the README,
// "Performance".
//
// It also checks that the citizen's bundle holds no staff text (the
// catalogue's staff parts are linked only by the staff app, see
// src/core/i18n/mod.rs): a few staff sentences, read from the catalogue
// source so the check follows their wording, must be in the staff wasm and
// not in the citizen's; a citizen sentence must be in both, which shows the
// search itself works. And that the citizen app does not link age's
// encryption: age's armor header must be in the sealing module, not in
// balans_bg.wasm.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// Raised in December 2026 (issues 11 and 12), 415 -> 445 KB and 800 -> 850 KB:
// gloo-storage and the error hints (issue 11); the compact invitation links
// (postcard, bech32), the workspace merge, the professional's own wording of
// the form (it runs in the citizen app, so its texts are citizen texts), the
// send guidance, the consent "no" and the summary's missing questions
// (issue 12). Issue 15 is to bring both down again.
// Raised for issue 13, 445 -> 470 KB and 850 -> 900 KB (measured 463.3 and
// 893.1 KB against 437.6 and 841.7 before): the citizen's topic marks, the
// mode question, the icons, the change since last time and the merge of
// the marks (citizen app, also in the staff app), and in the staff app the
// three-angles chart, the topics on three screens, the levers and samen
// invullen. Issue 15 is to bring both down again.
// Raised for issue 14 by 10 KB for the staff database (idb) and backups.
// Raised for issue 18 by about 50 KB: the instrument-quality screen, the
// study report, the compact charts and the R scripts are staff-only code.
// Raised for issue 16 by about 65 KB: the conditions screen (mixed models,
// group comparisons, conditions table, its views).
// Set to the merged build of 2 December 2026 (citizen 484.5, staff
// 1113.1 KB): issues 12 (role list, renames), 14 (field checks in the
// citizen app's envelope reading, the staff database) and the merges of
// 13, 16 and 18 together came to more than each branch measured alone.
// Issue 15 (branch h/load: the sealing module loaded after the first
// question, research screens in their own bundle) is to bring both down.

// Issue 15 (December 2026): age's encryption moved into a module loaded
// after the first question (balans-seal, 79.8 KB), link keys are checked
// with bech32 alone, and citizens no longer download the staff styles. The
// merged build measured: first question 425.7 KB (the citizen app alone was
// 484.6 KB with age inside), the whole citizen app 513.9 KB (the sealing
// module repeats the allocator, serde_json and the glue), staff 1123.7 KB,
// research workers (balans-open, the import's decryption, one worker per
// core) 161.9 KB. Budgets: each measured figure plus a few KB.
// Then merged with issue 13's consent step for "samen invullen", issue 14's
// second study key and bound on stored values, and issues 16 and 18's
// place filter, table per municipality and the report's conditions: first
// question 432.4, citizen 520.7, staff 1154.2 KB.
// Issue 17's lock at rest (scrypt, XChaCha20-Poly1305, the lock screens)
// added 38 KB to the staff app only: staff 1192.2 KB.
// Issue 15, P3 (branch h/imp): X25519, ChaCha20 and Poly1305 built at
// opt-level 3 decrypt a researcher's exports about 40 % faster; the citizen's
// sealing module (after the first question) grew 79.7 -> 85.3 KB for it:
// citizen 527.8 KB. Then age's error texts without fluent (Cargo.toml,
// vendor/i18n-embed-fl) and the envelope check moved into the workers:
// staff 1152.2 KB (fluent and age's seven translations gone), research
// workers 143.3 KB (from 161.9, the check included).
// Issue 15, the split into chunks (scripts/wasm-split.mjs, src/ui/pages/lazy.rs):
// the citizen app's review, summary, send and overview screens (one chunk),
// and the staff app's screens beyond the professional's first (a chunk for
// the research screens, one for the others, one for code both use) load
// after the first screen. First question 432.4 -> 368.0 KB. The whole
// citizen app grew 520.7 -> 542.9 KB and the staff app 1185 -> 1257.5 KB
// (743.2 its first screen, 514.3 its chunks): chunks compress apart,
// import what they use from the main module by name, and wasm-opt cannot
// inline across them. Budgets: each measured figure plus a few KB.
// Both together (the merge): first question 368.4, citizen 549.2 (the
// sealing module's 5.6 KB), professional 687.2 (fluent's data left the main
// module), staff chunks 531.6 KB (the import's checks and the fast
// cryptography are in the research chunk).
const BUDGET_KB = { "first question": 375, citizen: 554, professional: 695, "staff chunks": 540, "research workers": 146 };

const dist = process.argv[2] ?? "dist";
const STAFF_STYLES = ["professional.css", "research.css"];
// Loaded by a citizen's browser after the first question, or by the browser
// for the service worker itself (never before the first question on a
// first visit: boot.js registers it after the deferred loads).
// The citizen app's later screens are chunks of their own (issue 15,
// scripts/wasm-split.mjs), preloaded in the same idle time: balans.split_*
// and balans.chunk_* (the loader, balans.split.js, comes with balans.js).
const CHUNK = /^balans\.(split|chunk)_.*\.wasm$/;
const AFTER_FIRST_QUESTION = (name) => name.startsWith("balans-seal") || name === "sw.js" || CHUNK.test(name);
// Never loaded by the page: the icon is inline in index.html, and the
// service worker caches it.
const NOT_LOADED = ["favicon.svg"];
const RESEARCH_WORKERS = (name) => name.startsWith("balans-open") || name.startsWith("open-");
// The staff app's chunks (issue 15): the research screens, loaded on
// /research only, and the professional's screens after the first, loaded in
// idle time after it. The rest of the staff app (its main module, glue and
// styles) is the professional's first screen (P6).
const STAFF_CHUNK = /^balans-staff\.(split|chunk)_.*\.wasm$/;
const appOf = (name) =>
  STAFF_CHUNK.test(name)
    ? "staff chunks"
    : name.startsWith("balans-staff") || STAFF_STYLES.includes(name)
      ? "professional"
      : RESEARCH_WORKERS(name)
        ? "research workers"
        : "citizen";
const totals = { "first question": 0, citizen: 0, professional: 0, "staff chunks": 0, "research workers": 0 };
const rows = [];
// Files only: an interrupted Trunk build leaves its .stage folder behind.
for (const name of readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort()) {
  const gzip = gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
  const app = appOf(name);
  totals[app] += gzip;
  const first = app === "citizen" && !AFTER_FIRST_QUESTION(name) && !NOT_LOADED.includes(name);
  if (first) totals["first question"] += gzip;
  const label = app !== "citizen" ? app : first ? "citizen, first question" : "citizen, later";
  rows.push(`  ${name.padEnd(56)} ${(gzip / 1000).toFixed(1).padStart(7)} KB gzip (${label})`);
}
if (totals.citizen === 0) {
  console.error(`size check: no app in ${dist}/; build it first (trunk build --release).`);
  process.exit(1);
}
console.log(rows.join("\n"));
let over = false;
for (const app of Object.keys(BUDGET_KB)) {
  const kb = totals[app] / 1000;
  const ok = kb <= BUDGET_KB[app];
  over ||= !ok;
  console.log(`${app}: ${kb.toFixed(1)} KB gzip, budget ${BUDGET_KB[app]} KB: ${ok ? "within" : "OVER BUDGET"}`);
}
// [catalogue file, key, whether the citizen app may carry it]
const SENTENCES = [
  ["interview.rs", "interview.q.approach.goals", false],
  ["research.rs", "research.analysis.intro", false],
  ["citizen.rs", "home.intro", true],
];
const catalogueDir = new URL("../src/core/i18n/nl/", import.meta.url);
// The citizen app's main module and its chunks: a text may sit in either.
const citizenWasm = Buffer.concat(
  ["balans_bg.wasm", ...readdirSync(dist).filter((name) => CHUNK.test(name))].map((name) => readFileSync(join(dist, name))),
);
const staffWasm = Buffer.concat(
  ["balans-staff_bg.wasm", ...readdirSync(dist).filter((name) => STAFF_CHUNK.test(name))].map((name) => readFileSync(join(dist, name))),
);
let leaked = false;
for (const [file, key, citizen] of SENTENCES) {
  const source = readFileSync(new URL(file, catalogueDir), "utf8");
  const entry = source.match(new RegExp(`\\("${key.replaceAll(".", "\\.")}", "((?:[^"\\\\]|\\\\.)*)"\\)`));
  if (!entry) {
    console.error(`size check: ${key} is no longer in src/core/i18n/nl/${file}; pick another sentence in SENTENCES.`);
    process.exit(1);
  }
  const sentence = Buffer.from(entry[1].replaceAll('\\"', '"').replaceAll("\\\\", "\\"), "utf8");
  const inCitizen = citizenWasm.includes(sentence);
  const inStaff = staffWasm.includes(sentence);
  const ok = inStaff && inCitizen === citizen;
  leaked ||= !ok;
  console.log(
    `${key}: ${inCitizen ? "in" : "not in"} balans_bg.wasm, ${inStaff ? "in" : "not in"} the staff wasm: ` +
      (ok ? "as it should be" : citizen ? "MISSING" : "STAFF TEXT IN THE CITIZEN APP"),
  );
}
// age's armor header, written only by its encryption.
const ARMOR = Buffer.from("-----BEGIN AGE ENCRYPTED FILE-----");
const sealWasm = readFileSync(join(dist, "balans-seal_bg.wasm"));
const ageApart = sealWasm.includes(ARMOR) && !citizenWasm.includes(ARMOR);
console.log(`age encryption: ${citizenWasm.includes(ARMOR) ? "in" : "not in"} balans_bg.wasm and its chunks, ${sealWasm.includes(ARMOR) ? "in" : "not in"} balans-seal_bg.wasm: ${ageApart ? "as it should be" : "AGE IN THE FIRST DOWNLOAD"}`);
if (!ageApart) {
  console.error("size check failed: the citizen app links age's encryption; only src/bin/balans-seal.rs and the staff app may (see src/ui/browser/use_seal.rs).");
  process.exit(1);
}
// age's own error texts (fluent and seven translations) stay out of every
// module: vendor/i18n-embed-fl stands in for the macro that would link them.
const FLUENT = Buffer.from("err-header-invalid =");
const withFluent = readdirSync(dist).filter((name) => name.endsWith(".wasm") && readFileSync(join(dist, name)).includes(FLUENT));
console.log(`age's translations: ${withFluent.length ? `in ${withFluent.join(", ")}: LINKED` : "in no module: as it should be"}`);
if (withFluent.length) {
  console.error("size check failed: a module links age's translations (fluent); see vendor/i18n-embed-fl/Cargo.toml.");
  process.exit(1);
}
if (leaked) {
  console.error(
    "size check failed: the citizen app links a staff part of the catalogue, or a sentence is missing. " +
      "Only ui::start_staff() may call i18n::include_staff_texts(), and only the staff parts may name staff texts.",
  );
  process.exit(1);
}
if (over) {
  console.error(
    "size check failed: the app grew beyond its gzip budget. Find what grew (scripts/bench --only P1, " +
      "twiggy on the wasm) and trim it, or raise BUDGET_KB in scripts/size-check.mjs with the reason in the commit.",
  );
  process.exit(1);
}
