// Trunk post_build hook (Trunk.toml): writes into the service worker the
// list of every file of this build with its SHA-256, and a version derived
// from them. The worker caches exactly these files and refuses any other
// copy, so a cached app is always one whole version.
//
//   node scripts/sw-build.mjs [dir]     (dir: $TRUNK_STAGING_DIR, else dist)
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const WORKER = "sw.js";
const PLACEHOLDER = "/* BUILD */ null";

function walk(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const files = {};
for (const path of walk(dir).sort()) {
  const name = "/" + relative(dir, path).split(sep).join("/");
  // The worker itself is fetched by the browser, never from its own cache.
  if (name === `/${WORKER}`) continue;
  files[name] = sha256(readFileSync(path));
}
// The staff app (professional and researcher screens) is cached the first
// time it is used, not on every citizen's first visit: a citizen's phone
// never downloads it (public/boot.js loads it only for staff addresses).
const STAFF_ONLY = ["/professional.css", "/research.css", "/open-pool.js", "/open-worker.js"];
const lazy = Object.keys(files).filter(
  (name) => name.startsWith("/balans-staff") || name.startsWith("/balans-open") || STAFF_ONLY.includes(name),
);

const version = sha256(
  Object.entries(files)
    .map(([name, hash]) => `${name} ${hash}\n`)
    .join(""),
).slice(0, 16);

const workerPath = join(dir, WORKER);
const template = readFileSync(workerPath, "utf8");
if (!template.includes(PLACEHOLDER)) {
  console.error(`sw-build: ${workerPath} has no ${PLACEHOLDER} to fill (built twice?)`);
  process.exit(1);
}
writeFileSync(workerPath, template.replace(PLACEHOLDER, JSON.stringify({ version, files, lazy })));
console.log(`sw-build: version ${version}, ${Object.keys(files).length} files (${lazy.length} cached on first use)`);
