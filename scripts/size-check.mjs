// The size budget (issue 7): fails when the gzip size of the release app in
// dist/ grows beyond its budget. A size, never a timing, so it is stable on
// any machine. `scripts/bench` reports the sizes in detail (P1).
//
//   node scripts/size-check.mjs [dist]
//
// Two budgets, because there are two apps (see public/boot.js):
// - citizen: every file a citizen's browser may fetch (all of dist/ except
//   the staff bundle), so a new file or a grown one counts at once;
// - staff: the professional's and researcher's bundle, loaded only on their
//   addresses.
// The budgets sit a few per cent above the sizes of the day they were set, so
// growth is a decision (raise the budget in the same commit, say why), not
// an accident. The target for the citizen app is 200 KB (README,
// "Performance"); what bounds it is written there.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = { citizen: 450, staff: 800 };

const dist = process.argv[2] ?? "dist";
const isStaff = (name) => name.startsWith("balans-staff");
const totals = { citizen: 0, staff: 0 };
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const gzip = gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
  const app = isStaff(name) ? "staff" : "citizen";
  totals[app] += gzip;
  rows.push(`  ${name.padEnd(24)} ${(gzip / 1000).toFixed(1).padStart(7)} KB gzip (${app})`);
}
if (totals.citizen === 0) {
  console.error(`size check: no app in ${dist}/; build it first (trunk build --release).`);
  process.exit(1);
}
console.log(rows.join("\n"));
let over = false;
for (const app of ["citizen", "staff"]) {
  const kb = totals[app] / 1000;
  const ok = kb <= BUDGET_KB[app];
  over ||= !ok;
  console.log(`${app} app: ${kb.toFixed(1)} KB gzip, budget ${BUDGET_KB[app]} KB: ${ok ? "within" : "OVER BUDGET"}`);
}
if (over) {
  console.error(
    "size check failed: the app grew beyond its gzip budget. Find what grew (scripts/bench --only P1, " +
      "twiggy on the wasm) and trim it, or raise BUDGET_KB in scripts/size-check.mjs with the reason in the commit.",
  );
  process.exit(1);
}
