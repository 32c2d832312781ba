// Test-side file helpers: link fixtures, citizens' exports made and
// decrypted with the standard `age` command-line tool.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const DEMO_KEY = join(ROOT, "tests/fixtures/demo-identity.txt");
export const OTHER_KEY = join(ROOT, "tests/fixtures/other-identity.txt");

/** The fragment (with '#') stored in tests/fixtures/links/NAME. */
export function linkFixture(name) {
  return readFileSync(join(ROOT, "tests/fixtures/links", name), "utf8").trim();
}

/** Decrypts an armored age file with the `age` CLI and parses the JSON envelope. */
export function ageDecrypt(file, keyFile = DEMO_KEY) {
  return JSON.parse(execFileSync("age", ["--decrypt", "-i", keyFile, file], { encoding: "utf8" }));
}

/** Runs `age --decrypt` and returns its exit status and stderr, for failures. */
export function ageDecryptStatus(file, keyFile) {
  try {
    execFileSync("age", ["--decrypt", "-i", keyFile, file], { stdio: "pipe" });
    return { status: 0, stderr: "" };
  } catch (error) {
    return { status: error.status, stderr: String(error.stderr) };
  }
}

/** The demo study's public key (tests/fixtures/demo-identity.txt). */
export const RESEARCHER = "age15cpmx82kxmge6v60djzghzrhjejs9vsprvz8unhspape3c86z5yqg0pndd";

/** The demo study as an export carries it. */
export const DEMO_STUDY = {
  n: "Balans demo", c: "onderzoek@balans.example", k: RESEARCHER, g: "Voorbeeldstad", t: "Wijkteam Noord",
};

/**
 * An export envelope (the plaintext of an export, version 1: no say) of
 * `respondent`, by default a citizen's at T0 with one answer.
 */
export function exportEnvelope({ respondent, moment = "T0", role = "citizen", answers = { "net.talk": { value: 4 } } }) {
  return JSON.stringify({
    format: "balans-export", version: 1, instrument_version: "1.0", app_version: "0.1.0",
    study: DEMO_STUDY, respondent, member: null, role, moment, language: "nl",
    started_at: "2026-11-22T10:00:00Z", completed_at: "2026-11-22T10:14:12Z", exported_at: "2026-11-22T10:15:03Z",
    consent: null, answers,
  });
}

/** Encrypts text with the `age` CLI to the recipients, armored. */
export function ageEncrypt(text, recipients) {
  return execFileSync("age", ["-a", ...recipients.flatMap((r) => ["-r", r])], { input: text });
}

/** An armored age file for the recipients, as a file for the file picker. */
export function ageFile(name, text, recipients) {
  return { name, mimeType: "application/octet-stream", buffer: ageEncrypt(text, recipients) };
}
