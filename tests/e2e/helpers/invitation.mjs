// Helpers for the invitation screen: make the link, read it, decode its QR
// code from a screenshot with the rqrr decoder (cargo example qr_decode).
import { expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { byTestId } from "./citizen.mjs";
import { ROOT } from "./files.mjs";

/** On the invitation page: choose the options and make the invitation; returns the link. */
export async function makeInvitation(page, { moment = "T0", withKey = true } = {}) {
  await expect(byTestId(page, "invite-page")).toBeVisible();
  await byTestId(page, `invite-moment-${moment}`).check();
  const box = byTestId(page, "invite-with-key");
  if (withKey) await box.check();
  else await box.uncheck();
  await byTestId(page, "make-invitation").click();
  await expect(byTestId(page, "invite-qr").locator("svg")).toBeVisible();
  return (await byTestId(page, "invite-link").textContent()).trim();
}

/** Screenshots the QR code as shown and returns every text the decoder finds in it. */
export async function decodeQrOnScreen(page, dir) {
  const png = join(dir, "qr.png");
  await byTestId(page, "invite-qr").screenshot({ path: png });
  const out = execFileSync("cargo", ["run", "--quiet", "--example", "qr_decode", "--", png], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return out.split("\n").filter((line) => line.length > 0);
}
