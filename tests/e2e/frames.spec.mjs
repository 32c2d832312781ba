// Not inside someone else's page (issue 14): the server sends the headers a
// <meta> tag cannot (frame-ancestors, nosniff, no referrer), a page of
// another origin cannot show the app in a frame, and where a host sends no
// such header the app itself refuses to start inside another site's frame.
import { test, expect } from "@playwright/test";
import { booted } from "./helpers/app.mjs";

const HEADERS = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

test("every answer of the server carries the security headers", async ({ request }) => {
  for (const path of ["/", "/boot.js", "/balans_bg.wasm", "/pro", "/missing.js"]) {
    const response = await request.get(path);
    for (const [name, value] of Object.entries(HEADERS)) {
      expect(response.headers()[name], `${path} ${name}`).toBe(value);
    }
  }
});

/** A page of another origin (served by Playwright, no network) with the app in a frame. */
async function framedBy(page, appUrl, { stripHeader }) {
  const other = "http://other-site.test/";
  await page.route(other, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Other site</title><h1>Other site</h1><iframe src="${appUrl}" width="360" height="600"></iframe>`,
    }));
  if (stripHeader) {
    // A host that cannot send headers: the app's own files, without them.
    await page.route(`${new URL(appUrl).origin}/**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    });
  }
  await page.goto(other);
  return page.frameLocator("iframe");
}

test("another site cannot show the app in a frame; without the header the app refuses by itself", async ({ page, baseURL }) => {
  // With the header the browser does not show the app at all.
  const blocked = await framedBy(page, `${baseURL}/`, { stripHeader: false });
  await expect(page.locator("h1")).toHaveText("Other site");
  await expect(blocked.locator("html[data-boot]")).toHaveCount(0);

  // Without it, boot.js refuses: no app, a clear message, a way out.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const framed = await framedBy(page, `${baseURL}/`, { stripHeader: true });
  await expect(framed.locator("html")).toHaveAttribute("data-boot", "framed");
  const message = framed.locator('[data-testid="framed"]');
  await expect(message).toContainText("eigen venster");
  await expect(message.locator("a")).toHaveAttribute("target", "_blank");
  // Neither app started: no app root, nothing stored.
  await expect(framed.locator("main")).toHaveCount(0);
  await page.screenshot({ path: "test-results/frames-refused.png" });
});

test("on its own the app starts as usual", async ({ page }) => {
  await page.goto("/");
  await booted(page);
});
