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

  // WCAG reflow: 320 CSS px wide, the width of a 1280 px screen at 400 %.
  const narrow = await browser.newPage({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 });
  await questionScreen(narrow);
  await narrow.screenshot({ path: "docs/question-320px.png", fullPage: true });
  console.log("wrote docs/question-320px.png");

  // 200 % zoom of a 1280×800 desktop: 640×400 CSS px at device scale 2.
  const zoomed = await browser.newPage({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  await questionScreen(zoomed);
  await zoomed.screenshot({ path: "docs/question-200-percent-zoom.png", fullPage: true });
  console.log("wrote docs/question-200-percent-zoom.png");
  // Answer every screen with varied options so the summary shows real bars.
  const pages = new URL(zoomed.url()).pathname.replace(/\d+$/, "");
  for (let n = 1; n <= 41; n++) {
    await zoomed.goto(`${base}${pages}${n}`);
    await zoomed.waitForSelector("[data-testid=question-heading]");
    const groups = zoomed.locator("main fieldset .options:not(.options-missing)");
    for (let g = 0; g < (await groups.count()); g++) {
      const options = groups.nth(g).locator("label.option");
      await options.nth((n * 7 + g) % Math.min(4, await options.count())).click();
    }
  }
  const summary = pages.replace(/page\/$/, "summary");
  await zoomed.goto(`${base}${summary}`);
  await zoomed.waitForSelector("[data-testid=balance-chart]");
  await zoomed.screenshot({ path: "docs/summary-200-percent-zoom.png", fullPage: true });
  console.log("wrote docs/summary-200-percent-zoom.png");
} finally {
  await browser.close();
  server.kill();
}
