// Privacy (issue 5): no request leaves the app's origin, none at all happen
// after the app has loaded, the Content-Security-Policy allows only the app's
// own files and no inline script, and text from links and answers that holds
// HTML or script is shown as text.
//
// "Loaded", precisely: public/boot.js has set <html data-boot="ready"> (the
// app runs, the page's `load` event has fired, the service worker has
// finished installing, which fetches every app file once, and connections
// are forbidden) and, on a visit the service worker controls, the browser has
// made its own check for a newer sw.js. Chromium makes that check about a
// second after the worker served the page's last file; no page can see it,
// but our own server does, so the test waits for it there. From then on the
// test counts every request: those the page, its worker or the browser make
// (the server's log), and those Playwright sees (including the worker's).
import { test, expect } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { byTestId, consent, choose, next, nextUntilReview, openInvitation, write } from "./helpers/citizen.mjs";
import { DEMO_PUBLIC_KEY, invitationFragment } from "./helpers/links.mjs";
import { booted, download, ownServer } from "./helpers/app.mjs";
import { ROOT, ageDecrypt } from "./helpers/files.mjs";

/** A fresh context on a server of our own that logs every request. */
async function recorded(browser) {
  const server = await ownServer();
  const context = await browser.newContext({
    baseURL: server.base,
    acceptDownloads: true,
    locale: "nl-NL",
    viewport: { width: 360, height: 740 },
  });
  const seen = [];
  context.on("request", (request) => seen.push(request.url()));
  return { server, context, seen };
}

/** What the browser requested since `mark` (a snapshot of both logs). */
function since(mark, server, seen) {
  return [...server.requests.slice(mark.server), ...seen.slice(mark.seen)];
}

test("no request leaves the origin, and none happen after the app has loaded", async ({ browser }) => {
  const { server, context, seen } = await recorded(browser);
  const page = await context.newPage();

  // First visit: not yet controlled by the service worker.
  await page.goto("/");
  await booted(page);
  let mark = { server: server.requests.length, seen: seen.length };

  await byTestId(page, "demo-invitation").click();
  await consent(page);
  await choose(page, "intro.age_group", 4);
  await next(page);
  await choose(page, "intro.household", 2);
  await next(page);
  await next(page);
  await write(page, "intro.question", "Alleen op dit apparaat");
  await nextUntilReview(page);
  await byTestId(page, "finish").click();
  await byTestId(page, "to-send").click();
  const file = await download(page, "download");
  expect(ageDecrypt(file).answers["intro.household"]).toEqual({ value: 2 });
  await byTestId(page, "lang-en").click();
  await byTestId(page, "home-link").click();
  await expect(byTestId(page, "questionnaire-row")).toHaveCount(1);
  expect(since(mark, server, seen)).toEqual([]);

  // A later visit, served by the service worker.
  const id = await rowId(page);
  const navigated = server.requests.length;
  await page.goto(`/q/${id}/page/5`);
  await booted(page);
  await expect
    .poll(() => server.requests.slice(navigated).includes("GET /sw.js"), {
      message: "the browser's own check for a newer service worker",
    })
    .toBe(true);
  mark = { server: server.requests.length, seen: seen.length };
  await choose(page, "comp.selfconfidence.1", 5);
  await next(page);
  await choose(page, "comp.selfconfidence.2", 98);
  await page.goBack();
  await page.goForward();
  await expect(byTestId(page, "opt-comp.selfconfidence.2-98").locator("input")).toBeChecked();
  expect(since(mark, server, seen)).toEqual([]);

  // Everything, from the very first request on, went to the app's origin.
  const origins = new Set(seen.map((url) => new URL(url).origin));
  expect([...origins]).toEqual([server.base]);
  await context.close();
  await server.close();
});

test("an invitation's first question loads without the sealing module and the later screens, which load before connections close", async ({ browser }) => {
  const { server, context, seen } = await recorded(browser);
  const page = await context.newPage();
  const files = () => server.requests.map((line) => line.replace(/^GET /, ""));
  await openInvitation(page, invitationFragment({ s: { n: "Studie", c: "a@x.example", k: DEMO_PUBLIC_KEY }, r: "P-001", m: "T0", l: "nl" }));
  await expect(byTestId(page, "invite-welcome")).toBeVisible();
  await consent(page);
  // Up to the first question: the app, but neither age (the sealing module)
  // nor the staff app and its styles, nor the service worker. Counted by
  // the requests' start times against the moment the invitation's steps let
  // deferred loads go (public/boot.js marks it): a snapshot of the server's
  // log once the question shows would race the idle-time loads that follow.
  await page.waitForFunction(() => performance.getEntriesByName("balans-deferred").length === 1);
  const beforeQuestion = await page.evaluate(() => {
    const [deferred] = performance.getEntriesByName("balans-deferred");
    return performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime < deferred.startTime)
      .map((entry) => new URL(entry.name).pathname);
  });
  expect(beforeQuestion).toEqual(expect.arrayContaining(["/balans_bg.wasm", "/balans.js", "/boot.js"]));
  for (const later of ["/balans-seal_bg.wasm", "/balans-seal.js", "/sw.js", "/balans-staff_bg.wasm", "/professional.css", "/research.css"]) {
    expect(beforeQuestion, `${later} before the first question`).not.toContain(later);
  }
  // The later screens' chunks (issue 15: scripts/wasm-split.mjs) neither.
  const chunks = readdirSync(join(ROOT, "dist"))
    .filter((name) => /^balans\.(split|chunk)_.*\.wasm$/.test(name))
    .map((name) => `/${name}`);
  expect(chunks.length, "the citizen app's chunks in dist/").toBeGreaterThan(0);
  expect(beforeQuestion.filter((file) => chunks.includes(file))).toEqual([]);
  // Then, in idle time, the sealing module and every chunk; only after them
  // do connections close.
  await booted(page);
  expect(files()).toEqual(expect.arrayContaining(["/balans-seal_bg.wasm", "/balans-seal.js", "/sw.js", ...chunks]));
  const mark = { server: server.requests.length, seen: seen.length };
  await choose(page, "intro.age_group", 4);
  await next(page);
  expect(since(mark, server, seen)).toEqual([]);
  await context.close();
  await server.close();
});

/** The id of the first questionnaire row on the home screen. */
function rowId(page) {
  return byTestId(page, "questionnaire-row").first().getAttribute("data-id");
}

test("the policy allows only the app's own files, no inline script, no connections", async ({ page }) => {
  await page.goto("/");
  await booted(page);
  const policies = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (metas) =>
    metas.map((m) => m.content),
  );
  expect(policies).toHaveLength(2);
  const [base, locked] = policies;
  expect(base).toContain("default-src 'none'");
  expect(base).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(base).not.toContain("unsafe-inline");
  expect(base).not.toMatch(/https?:|\*/);
  expect(base).toContain("connect-src 'self'");
  expect(locked).toBe("connect-src 'none'");
  // No script in the page but the boot file: the apps and the sealing
  // module are ES modules it imports.
  expect(await page.$$eval("script", (s) => s.map((e) => e.getAttribute("src")))).toEqual(["/boot.js"]);
  // Once loaded, the page cannot connect anywhere, not even to itself.
  const outcome = await page.evaluate(() =>
    fetch("/index.html").then(() => "connected", () => "refused"),
  );
  expect(outcome).toBe("refused");
  // And an inline script would not run.
  const inline = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = true";
    document.body.append(script);
    return window.__inline === true;
  });
  expect(inline).toBe(false);
});

// Every text a link carries, and a free-text answer, holding markup.
const PAYLOAD = {
  study: '<img src=x onerror="window.__xss=\'study\'">Studie',
  contact: '"><svg onload="window.__xss=\'contact\'"></svg>@x.example',
  member: "<script>window.__xss='member'</script>",
  extra: "<iframe src=\"javascript:window.__xss='extra'\"></iframe>Extra",
  professional: "<b onmouseover=\"window.__xss='pro'\">Sanne</b>",
  answer: "<img src=x onerror=\"window.__xss='answer'\"> & </textarea><script>window.__xss='t'</script>",
};
const OTHER_PUBLIC_KEY = "age16087n3gjql39uw05hr8kchkphkvkpzktx9k42ejv2xehrxc0qacsukgzkx";

/** Asserts that no planted markup became an element or ran. */
async function expectNothingPlanted(page) {
  const found = await page.evaluate(() => ({
    ran: window.__xss ?? null,
    elements: document.querySelectorAll("img, iframe, object, embed, b, [onerror], [onload], [onmouseover]").length,
    // The app's own: boot.js (which imports the rest as modules).
    scripts: [...document.scripts].filter((s) => s.getAttribute("src") !== "/boot.js").length,
  }));
  expect(found).toEqual({ ran: null, elements: 0, scripts: 0 });
}

test("markup in a link and in answers is shown as text, never run", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  const fragment = invitationFragment({
    s: { n: PAYLOAD.study, c: PAYLOAD.contact, k: DEMO_PUBLIC_KEY, x: PAYLOAD.extra },
    r: "XSS-001",
    m: "T0",
    h: PAYLOAD.member,
    p: OTHER_PUBLIC_KEY,
    pn: PAYLOAD.professional,
    l: "nl",
  });
  await page.goto(`/${fragment}`);
  await expect(byTestId(page, "invite-welcome")).toContainText(PAYLOAD.study);
  await expectNothingPlanted(page);
  await byTestId(page, "invite-start").click();
  await expect(byTestId(page, "reader-researcher")).toContainText(PAYLOAD.contact);
  await expect(byTestId(page, "reader-researcher")).toContainText(PAYLOAD.study);
  await expect(byTestId(page, "reader-professional")).toContainText(PAYLOAD.professional);
  await expectNothingPlanted(page);
  await byTestId(page, "invite-next").click();
  await expect(byTestId(page, "consent-extra")).toHaveText(PAYLOAD.extra);
  await expectNothingPlanted(page);
  await agree(page);

  await next(page);
  await next(page);
  await next(page);
  await write(page, "intro.question", PAYLOAD.answer);
  await nextUntilReview(page);
  await expect(byTestId(page, "review-intro.question")).toContainText(PAYLOAD.answer);
  await expectNothingPlanted(page);

  await page.goto("/");
  const row = byTestId(page, "questionnaire-row");
  await expect(row.locator("h3")).toHaveText(PAYLOAD.study);
  await expect(row).toContainText(PAYLOAD.member);
  await expectNothingPlanted(page);
  // The planted <img src=x> was never fetched.
  expect(requests).not.toContain("/x");
});

/** Consent on the consent step (the readers step is already done). */
async function agree(page) {
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  await expect(byTestId(page, "progress")).toBeVisible();
}

test("a respondent code holding markup is refused", async ({ page }) => {
  await page.goto(
    `/${invitationFragment({
      s: { n: "Studie", c: "a@x.example", k: DEMO_PUBLIC_KEY },
      r: "<img src=x onerror=alert(1)>1",
      m: "T0",
      l: "nl",
    })}`,
  );
  await expect(byTestId(page, "error-panel")).toHaveAttribute("data-error", "link.error.bad_respondent");
  await expectNothingPlanted(page);
});
