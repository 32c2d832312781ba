// Helpers for the instrument-quality screen and the study report.
import { expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId, tempDir } from "./research.mjs";

/** Opens the instrument-quality screen through the researcher's navigation. */
export async function openQuality(page) {
  await byTestId(page, "nav-research-quality").click();
  await expect(byTestId(page, "quality-page")).toBeVisible();
}

/** Opens the study report through the researcher's navigation. */
export async function openReport(page) {
  await byTestId(page, "nav-research-report").click();
  await expect(byTestId(page, "report")).toBeVisible();
}

/**
 * Prints the page to an A4 PDF with its print CSS; returns the number of
 * pages and the text (poppler's `pdftotext`, installed by scripts/setup).
 */
export async function printReport(page) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const path = join(tempDir("balans-report-"), "report.pdf");
  writeFileSync(path, pdf);
  // Every page object says "/Type /Page"; the page tree says "/Type /Pages".
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  return { pages, text, path };
}

/** A number as the Dutch screens write it: fixed decimals, decimal comma. */
export function dutch(value, decimals) {
  const text = Number(value).toFixed(decimals);
  const clean = /^-?[0.]+$/.test(text) ? text.replace("-", "") : text;
  return clean.replace(".", ",");
}
