// Makes invitation links in the test, in the format of docs/formats.md:
// `i1.<base64url JSON>.<base64url of the first 6 bytes of SHA-256(payload)>`.
import { createHash } from "node:crypto";

/** The demo study's public key (src/core/demo.rs). */
export const DEMO_PUBLIC_KEY = "age15cpmx82kxmge6v60djzghzrhjejs9vsprvz8unhspape3c86z5yqg0pndd";

/** The fragment (with '#') of an invitation with the given JSON payload. */
export function invitationFragment(payload) {
  const text = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const check = createHash("sha256").update(text).digest().subarray(0, 6).toString("base64url");
  return `#i1.${text}.${check}`;
}
