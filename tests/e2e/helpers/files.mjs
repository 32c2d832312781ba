// Test-side file helpers: link fixtures and decrypting exports with the
// standard `age` command-line tool.
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
