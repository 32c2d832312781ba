// Renders the screenshots in docs/ from the release build in dist/.
//   node scripts/screenshots.mjs        (after `trunk build --release`)
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";

const PORT = Number(process.env.SCREENSHOT_PORT ?? 8093);
const server = spawn("node", ["scripts/static-server.mjs", "dist", String(PORT)], { stdio: "ignore" });
const base = `http://127.0.0.1:${PORT}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function waitForServer() {
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(base)).ok) return; } catch { /* not yet */ }
    await delay(100);
  }
  throw new Error("static server did not start");
}

/** Opens the demo, consents, and answers up to the first competence question. */
async function questionScreen(page) {
  await page.goto(`${base}/`);
  await page.click("[data-testid=demo-invitation]");
  await page.click("[data-testid=invite-start]");
  await page.click("[data-testid=invite-next]");
  await page.check("[data-testid=consent-checkbox]");
  await page.click("[data-testid=consent-confirm]");
  const url = new URL(page.url());
  await page.goto(`${base}${url.pathname.replace(/\d+$/, "5")}`);
  await page.click("[data-testid='opt-comp.selfconfidence.1-4']");
  await page.locator("[data-testid=question-heading]").evaluate((h) => h.blur());
}

try {
  await waitForServer();
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  await questionScreen(phone);
  await phone.screenshot({ path: "docs/question-phone.png" });
  console.log("wrote docs/question-phone.png");
} finally {
  await browser.close();
  server.kill();
}
