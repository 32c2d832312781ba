// Makes invitation links in the test in version 1 of the format (docs/formats.md),
// which every later version still opens:
// `i1.<base64url JSON>.<base64url of the first 6 bytes of SHA-256(payload)>`;
// and reads any version with the app's own parser.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { ROOT } from "./files.mjs";

/** The demo study's public key (src/core/demo.rs). */
export const DEMO_PUBLIC_KEY = "age15cpmx82kxmge6v60djzghzrhjejs9vsprvz8unhspape3c86z5yqg0pndd";

/** The fragment (with '#') of an invitation with the given JSON payload. */
export function invitationFragment(payload) {
  const text = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const check = createHash("sha256").update(text).digest().subarray(0, 6).toString("base64url");
  return `#i1.${text}.${check}`;
}

/** What an invitation link holds, read by `balans-tool read-link` exactly as
 * the app reads it (version 2 links are binary; see docs/formats.md). */
export function readLink(link) {
  const out = execFileSync("cargo", ["run", "--quiet", "--locked", "--bin", "balans-tool", "--", "read-link", link], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out);
}
