import { chromium } from "@playwright/test";
import { readdirSync } from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const [w, h, tag] of [[320, 800, "phone"], [1280, 900, "desk"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  page.on("console", (m) => { if (m.type() === "error") console.log("console error:", m.text()); });
  await page.goto("http://127.0.0.1:8142/research");
  await page.screenshot({ path: `/tmp/shot-hub-${tag}.png`, fullPage: true });
  await page.goto("http://127.0.0.1:8142/research/study");
  await page.screenshot({ path: `/tmp/shot-study-${tag}.png`, fullPage: true });
  await page.goto("http://127.0.0.1:8142/research/import");
  await page.locator('[data-testid="key-file"]').setInputFiles("tests/fixtures/demo-identity.txt");
  const files = readdirSync("/tmp/gen60").filter((f) => f !== "manifest.json").map((f) => "/tmp/gen60/" + f);
  await page.locator('[data-testid="export-files"]').setInputFiles(files);
  await page.locator('[data-testid="import-table"]').waitFor();
  await page.screenshot({ path: `/tmp/shot-import-${tag}.png`, fullPage: true });
  await page.locator('[data-testid="nav-research-dataset"]').click();
  await page.screenshot({ path: `/tmp/shot-dataset-${tag}.png`, fullPage: true });
  await page.locator('[data-testid="nav-research-analysis"]').click();
  await page.locator('[data-testid="means-chart"]').waitFor();
  await page.screenshot({ path: `/tmp/shot-analysis-${tag}.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  console.log(tag, "page wider than viewport:", overflow);
}
await browser.close();
