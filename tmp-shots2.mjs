import { chromium } from "@playwright/test";
import { readdirSync } from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const [w, h, tag] of [[320, 700, "phone"], [1280, 900, "desk"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto("http://127.0.0.1:8142/research/import");
  await page.locator('[data-testid="key-file"]').setInputFiles("tests/fixtures/demo-identity.txt");
  const files = readdirSync("/tmp/gen60").filter((f) => f !== "manifest.json").map((f) => "/tmp/gen60/" + f);
  await page.locator('[data-testid="export-files"]').setInputFiles(files);
  await page.locator('[data-testid="import-table"]').waitFor();
  await page.locator('[data-testid="import-result"]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid="import-result"] h2').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/v-import-${tag}.png` });
  await page.locator('[data-testid="nav-research-analysis"]').click();
  await page.locator('[data-testid="means-chart"]').waitFor();
  await page.screenshot({ path: `/tmp/v-analysis-${tag}.png` });
  await page.locator('[data-testid="means-chart"]').screenshot({ path: `/tmp/v-chart-${tag}.png` });
  await page.locator('[data-testid="change-table"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/v-change-${tag}.png` });
}
await browser.close();
