// Trunk post_build hook (Trunk.toml, before sw-build.mjs): builds the
// citizen app (src/main.rs) and the staff app (src/bin/balans-staff.rs),
// each split into WebAssembly chunks (issue 15), into the build's dist
// folder.
//
// Trunk cannot do this itself: the split has to happen between rustc and
// wasm-bindgen. So, for each of the two apps:
//   1. cargo rustc --bin <app> --features <its feature>, linked with
//      --emit-relocs (the splitter needs the relocations; the flag is for
//      the final link only, so the dependencies' build stays shared with
//      Trunk's other bundles);
//   2. tools/wasm-split (wasm_split_cli_support, built by scripts/setup)
//      cuts the wasm at its #[lazy] functions (src/ui/pages/lazy.rs):
//      <app>.split.wasm, the loader <app>.split.js and <app>.*.wasm;
//   3. wasm-bindgen --target web --keep-lld-exports (the chunks use the
//      main module's exports) makes <app>.js and <app>_bg.wasm;
//   4. wasm-opt -Oz on the main module and each chunk (release).
// public/boot.js imports <app>.js and calls preloadScreens() (citizen, in
// idle time after the first question) or preloadResearch() (staff, on
// /research) before connections close; the service worker caches every
// file: sw-build.mjs, run at the end, lists them (the staff app's are
// cached on first use).
//
//   node scripts/wasm-split.mjs      (TRUNK_STAGING_DIR, TRUNK_PROFILE from Trunk)
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

// Each app and the feature that makes its screens lazy (Cargo.toml).
const APPS = [
  { app: "balans", feature: "split" },
  { app: "balans-staff", feature: "split-staff" },
];
const root = new URL("..", import.meta.url).pathname;
const staging = process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
const release = (process.env.TRUNK_PROFILE ?? "release") === "release";
const profile = release ? "release" : "debug";
const tool = join(root, "tools/wasm-split/target/release/balans-wasm-split");

const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", ...options });

if (!existsSync(tool)) {
  console.error(`wasm-split: ${tool} is missing; run scripts/setup (it builds tools/wasm-split).`);
  process.exit(1);
}

for (const { app, feature } of APPS) {
  const work = join(root, "target/wasm-split", app);
  // 1. The app with its lazy screens and the relocations.
  run("cargo", [
    "rustc", "--locked", ...(release ? ["--release"] : []), "--target", "wasm32-unknown-unknown", "--bin", app,
    "--features", feature, "--", "-C", "link-arg=--emit-relocs",
  ], { stdio: ["ignore", "inherit", "inherit"] });

  // 2. Split.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const linked = join(root, "target/wasm32-unknown-unknown", profile, `${app}.wasm`);
  const chunks = run(tool, [linked, work, app]).split("\n").filter(Boolean);

  // 3. The JavaScript glue of the main module.
  run("wasm-bindgen", [
    "--target=web", `--out-dir=${work}`, `--out-name=${app}`, "--no-typescript", "--keep-lld-exports",
    join(work, `${app}.split.wasm`),
  ]);

  // 4. Optimise each piece as Trunk does the other bundles (data-wasm-opt="z").
  const pieces = [`${app}_bg.wasm`, ...chunks];
  if (release) {
    for (const piece of pieces) run("wasm-opt", ["-Oz", `--output=${join(work, piece)}`, join(work, piece)]);
  }
  for (const file of [`${app}.js`, `${app}.split.js`, ...pieces]) copyFileSync(join(work, file), join(staging, file));
  console.log(`wasm-split: ${app} in ${pieces.length} pieces: ${pieces.join(", ")}`);
}

// The service worker's list of files, now that every file is there.
run("node", [join(root, "scripts/sw-build.mjs"), staging], { stdio: ["ignore", "inherit", "inherit"] });
