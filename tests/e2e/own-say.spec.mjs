// Issue 13, the citizen's own say: the citizen marks topics and says how
// the form was filled in; the professional sees the topics first and in the
// plan's clarification; the three-angles chart marks exactly the stated
// differences; the plan records levers and prints them; the dataset has
// the new columns; "samen invullen" leaves no citizen answers in storage.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, next } from "./helpers/citizen.mjs";
import { ROOT, DEMO_KEY, RESEARCHER, ageDecrypt, ageFile, exportEnvelope } from "./helpers/files.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { makeInvitation } from "./helpers/invitation.mjs";
import { openPlan, printedPages } from "./helpers/plan.mjs";
import {
  openImport, loadKeyFile, importFiles as researchImport, download, parseCsv,
} from "./helpers/research.mjs";
import {
  createDemoWorkspace, toWorkspace, addRespondent, momentCard, openProfessionalForm, importFiles,
  publicKey,
} from "./helpers/workspace.mjs";
import {
  citizenSay, saidTopics, markTopic, chooseMode, inAppGo, shoot, answerStored, formId,
} from "./helpers/own-say.mjs";

// axe is injected as an inline script.
test.use({ bypassCSP: true });

test("the citizen marks topics and the mode; the professional sees them first and plans with levers", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "balans-say-"));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0601");
  const respondentUrl = page.url();
  await momentCard(page, "T0").locator('[data-testid="invite"]').click();
  const link = await makeInvitation(page, { moment: "T0", withKey: true });

  // The citizen, in another browser context.
  const context = await browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: "nl-NL", acceptDownloads: true, bypassCSP: true,
  });
  const citizen = await context.newPage();
  await citizen.goto(link);
  await byTestId(citizen, "invite-start").click();
  await byTestId(citizen, "invite-next").click();
  await byTestId(citizen, "consent-checkbox").check();
  await byTestId(citizen, "consent-confirm").click();
  await expect(byTestId(citizen, "progress")).toBeVisible();
  const id = new URL(citizen.url()).pathname.split("/")[2];

  // The end of a capacity section offers its mark (screen 14: the last
  // competences question), a life domain's screen its own.
  await citizen.goto(`/q/${id}/page/14`);
  await expect(byTestId(citizen, "section-mark")).toBeVisible();
  await markTopic(citizen, "competences");
  await checkScreen(citizen, "question with a topic mark");
  await shoot(citizen, "say-section-mark");

  // On the summary: the mark is there; one more topic, and the mode.
  await citizen.goto(`/q/${id}/summary`);
  await expect(byTestId(citizen, "topic-marks")).toBeVisible();
  await expect(byTestId(citizen, "topic-competences").locator("input")).toBeChecked();
  await markTopic(citizen, "finances");
  await chooseMode(citizen, "with_someone_close");
  // Keyboard: the "nothing in particular" box takes the marks back, and a
  // mark takes it back again.
  await byTestId(citizen, "topic-none").locator("input").focus();
  await citizen.keyboard.press("Space");
  await expect(byTestId(citizen, "topic-finances").locator("input")).not.toBeChecked();
  await byTestId(citizen, "topic-finances").locator("input").focus();
  await citizen.keyboard.press("Space");
  await markTopic(citizen, "competences");
  await expect(byTestId(citizen, "topic-none").locator("input")).not.toBeChecked();
  await expect(byTestId(citizen, "read-aloud-topics")).toBeVisible();
  await expect(byTestId(citizen, "read-aloud-mode")).toBeVisible();
  await checkScreen(citizen, "summary with topics and mode");
  await shoot(citizen, "say-summary");
  const stored = JSON.parse(await citizen.evaluate((k) => localStorage.getItem(k), `balans.q.${id}`));
  expect(Object.entries(stored.own_say.topics).filter(([, m]) => m.value).map(([t]) => t).sort())
    .toEqual(["competences", "finances"]);
  expect(stored.own_say.mode.value).toBe("with_someone_close");

  // Sending: the file carries them (envelope version 4).
  await byTestId(citizen, "to-send").click();
  const waiting = citizen.waitForEvent("download");
  await byTestId(citizen, "download").click();
  const file = join(dir, (await waiting).suggestedFilename());
  await (await waiting).saveAs(file);
  await context.close();
  const envelope = ageDecrypt(file);
  expect(envelope.version).toBe(4);
  expect(envelope.topics).toEqual({ marked: ["competences", "finances"] });
  expect(envelope.mode).toBe("with_someone_close");

  // The professional imports it: the topics come first.
  await page.goto(respondentUrl);
  await importFiles(page, file);
  await expect(citizenSay(page)).toBeVisible();
  expect(await saidTopics(page)).toEqual(["competences", "finances"]);
  await expect(byTestId(page, "say-mode")).toHaveAttribute("data-mode", "with_someone_close");
  await momentCard(page, "T0").locator('[data-testid="compare"]').click();
  await expect(byTestId(page, "compare-page")).toBeVisible();
  // First on the page: right under the heading, before the sources.
  const order = await page.evaluate(() => {
    const at = (id) => [...document.querySelectorAll("[data-testid]")].findIndex((e) => e.dataset.testid === id);
    return [at("citizen-say"), at("source-citizen")];
  });
  expect(order[0]).toBeLessThan(order[1]);
  expect(await saidTopics(page)).toEqual(["competences", "finances"]);

  // The plan: the clarification names the topics; levers per intervention
  // and small step, explained in one line each, and printed in plain words.
  await page.goto(respondentUrl);
  await openPlan(page);
  await expect(byTestId(page, "plan-topics")).toHaveText("De inwoner wil praten over: Wat u zelf kunt, Geld en schulden");
  await expect(byTestId(page, "lever-explain").locator("dd")).toHaveCount(3);
  await byTestId(page, "plan-intervention-1").locator("input").check();
  await byTestId(page, "plan-lever-1-motivation").locator("input").check();
  await byTestId(page, "plan-lever-1-competences").locator("input").check();
  await byTestId(page, "plan-add-step").click();
  const step = byTestId(page, "plan-step").first();
  await step.locator('[data-testid="step-what"]').fill("Zus bellen over de post");
  await step.locator('[data-testid="step-lever-social_norms"] input').check();
  await checkScreen(page, "plan with levers");
  await shoot(page, "say-plan-levers");
  await page.emulateMedia({ media: "print" });
  await expect(byTestId(page, "sheet-levers")).toHaveText("Zo helpt het: U kiest zelf wat u wilt en hoe. U leert iets en bouwt op wat u al goed kunt.");
  await expect(byTestId(page, "sheet-step-levers")).toHaveText("Zo helpt het: Mensen om u heen helpen mee.");
  await page.emulateMedia({ media: "screen" });
  expect(await printedPages(page)).toBeLessThanOrEqual(2);

  // The professional's file with the plan; the researcher's dataset.
  const formId = await (async () => {
    await page.goto(respondentUrl);
    return openProfessionalForm(page, "T0");
  })();
  await page.goto(`/q/${formId}/review`);
  await byTestId(page, "finish").click();
  if (await byTestId(page, "to-send").isVisible().catch(() => false)) await byTestId(page, "to-send").click();
  const proWaiting = page.waitForEvent("download");
  await byTestId(page, "download").click();
  const proFile = join(dir, (await proWaiting).suggestedFilename());
  await (await proWaiting).saveAs(proFile);

  await openImport(page);
  await loadKeyFile(page, DEMO_KEY);
  await researchImport(page, [file, proFile]);
  console.log("OUTCOMES", JSON.stringify(await page.locator("[data-outcome]").evaluateAll((els) => els.map((e) => e.dataset.outcome + " " + e.textContent.slice(0, 160)))));
  await byTestId(page, "nav-research-dataset").click();
  const long = parseCsv((await download(page, "download-long", dir)).text);
  const row = long.find((r) => r.role === "citizen");
  expect([row.topic_competences, row.topic_finances, row.topic_network, row.topic_none, row.mode])
    .toEqual(["1", "1", "0", "0", "2"]);
  const plans = parseCsv((await download(page, "download-plans", dir)).text);
  expect([plans[0].intervention_1_lever_motivation, plans[0].intervention_1_lever_social_norms, plans[0].lever_social_norms])
    .toEqual(["1", "0", "1"]);
  const steps = parseCsv((await download(page, "download-plan-steps", dir)).text);
  expect(steps[0].lever_social_norms).toBe("1");
  const codebook = parseCsv((await download(page, "download-codebook", dir)).text);
  for (const name of ["topic_finances", "topic_other_text", "mode", "intervention_1_lever_motivation"]) {
    expect(codebook.some((r) => r.variable === name), name).toBe(true);
  }
});

test("the three angles mark exactly the stated differences, on screen and on paper", async ({ page }) => {
  test.setTimeout(180_000);
  const fixture = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/compare/angles_pair.json"), "utf8"));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  const pro = await publicKey(page);
  await addRespondent(page, "R-0602");
  const respondentUrl = page.url();
  for (const moment of ["T0", "T1"]) {
    const form = await openProfessionalForm(page, moment);
    await page.goto(respondentUrl);
    await answerStored(page, form, fixture[moment].professional);
  }
  await importFiles(page, ["T0", "T1"].map((m) =>
    ageFile(`${m}.age`, exportEnvelope({ respondent: "R-0602", moment: m, answers: fixture[m].citizen }), [RESEARCHER, pro])));
  // The imports are on their way to the staff database for a few
  // milliseconds (leaving then would ask first): wait, then go.
  await expect(page.locator("html")).not.toHaveAttribute("data-saving", /.*/);
  await page.goto(respondentUrl);
  await momentCard(page, "T1").locator('[data-testid="compare"]').click();
  const chart = byTestId(page, "angles-chart");
  await expect(chart).toBeVisible();
  const marked = await chart.locator('[data-testid="angles-mark"]').evaluateAll((items) =>
    items.map((i) => [i.dataset.moment, i.dataset.item]));
  expect(marked.sort()).toEqual([...fixture.marked].sort());
  // The dots of exactly those moments and lines are ringed.
  const ringed = await chart.locator("circle.dot-marked").evaluateAll((dots) =>
    dots.map((d) => `${d.closest("[data-testid^=angles-]").dataset.testid} ${d.closest(".angles-row").dataset.line} ${d.dataset.moment}`));
  expect(ringed.sort()).toEqual([
    "angles-competences pro.angles.behaviour_citizen T0",
    "angles-competences pro.angles.behaviour_professional T0",
    "angles-competences pro.angles.picture T0",
    "angles-competences pro.angles.picture T1",
    "angles-competences pro.angles.self_image T0",
    "angles-competences pro.angles.self_image T1",
    "angles-network pro.angles.picture T0",
    "angles-network pro.angles.self_image T0",
    "angles-services pro.angles.picture T1",
    "angles-services pro.angles.self_image T1",
  ]);
  // A screen reader gets the same numbers as a table.
  await expect(chart.locator("table")).toHaveCount(3);
  await checkScreen(page, "comparison with the three angles");
  await shoot(page, "say-angles-compare");
  if (process.env.BALANS_DOCS) {
    await page.setViewportSize({ width: 360, height: 740 });
    await chart.screenshot({ path: join(ROOT, "docs/three-angles-phone.png") });
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await chart.screenshot({ path: join(ROOT, "docs/three-angles-print.png") });
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 360, height: 740 });
  }
  await page.goto(respondentUrl);
  await expect(byTestId(page, "angles-chart").locator('[data-testid="angles-mark"]')).toHaveCount(fixture.marked.length);
  await checkScreen(page, "respondent page with the three angles");
  await shoot(page, "say-angles-respondent");
});

test("samen invullen: the citizen reads the consent screen first; the form leaves nothing in the citizen app's storage", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "balans-together-"));
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0603");
  const respondentUrl = page.url();
  const citizenKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("balans.q.")));
  expect(await citizenKeys()).toEqual([]);
  // The citizen's form id, as the app makes it (core::questionnaire::id_of).
  const id = formId(RESEARCHER, "R-0603", null, "citizen", "T0");
  // Anything of this form in the citizen app's storage, under any key.
  const traces = () => page.evaluate((id) => Object.entries(localStorage)
    .filter(([k, v]) => k.startsWith("balans.q.") || k.includes(id) || v.includes(id)).map(([k]) => k), id);
  await momentCard(page, "T0").locator('[data-testid="together"]').click();

  // The consent screen every citizen reads, with who reads the answers.
  await expect(byTestId(page, "invite-consent")).toBeVisible();
  await expect(page).toHaveURL(/\/r\/R-0603\/together\/consent\?m=T0$/);
  await expect(byTestId(page, "readers").locator("li")).toHaveCount(2);
  // Not the invitation's "your answers stay on this device".
  await expect(byTestId(page, "together-readers-intro")).toContainText("Uw antwoorden worden hier niet bewaard.");
  await expect(byTestId(page, "progress")).toHaveCount(0);
  expect(await traces()).toEqual([]);
  await checkScreen(page, "samen invullen consent");
  await shoot(page, "say-together-consent");

  // The questions cannot be reached without consent: their address leads
  // back to the consent screen, and so does "Naar de vragen" without a tick.
  const pushAddress = (p) => page.evaluate((p) => {
    history.pushState(null, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, p);
  for (const screen of ["page/1", "page/3", "summary", "send"]) {
    await pushAddress(`/q/${id}/${screen}`);
    await expect(page).toHaveURL(/\/together\/consent\?m=T0$/);
    await expect(byTestId(page, "invite-consent")).toBeVisible();
    await expect(byTestId(page, "progress")).toHaveCount(0);
  }
  await byTestId(page, "consent-confirm").click();
  await expect(page.locator("#consent-needed")).toHaveText("Zet eerst een vinkje als u mee wilt doen.");
  await expect(byTestId(page, "consent-checkbox")).toBeFocused();
  await expect(byTestId(page, "progress")).toHaveCount(0);
  // Saying no keeps nothing; the citizen can still change their mind.
  await byTestId(page, "consent-decline").click();
  await expect(byTestId(page, "invite-declined")).toBeVisible();
  await expect(byTestId(page, "together-leave")).toHaveAttribute("href", new URL(respondentUrl).pathname);
  await checkScreen(page, "samen invullen declined");
  expect(await traces()).toEqual([]);
  await byTestId(page, "declined-back").click();
  // The finishing screen has no file to make without consent either.
  await pushAddress(new URL(respondentUrl).pathname + "/together?m=T0");
  await expect(byTestId(page, "together-nothing")).toBeVisible();
  await page.goBack();
  await expect(byTestId(page, "invite-consent")).toBeVisible();

  // With the tick, the questions start.
  await byTestId(page, "consent-checkbox").check();
  await byTestId(page, "consent-confirm").click();
  await expect(byTestId(page, "progress")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/q/${id}/page/1`);
  await byTestId(page, "opt-intro.age_group-4").click();
  await next(page);
  await byTestId(page, "opt-intro.household-2").click();
  await next(page);
  expect(await traces()).toEqual([]);
  // In the app (a reload would drop the form, which is kept nowhere).
  await inAppGo(page, `/q/${id}/summary`);
  await expect(byTestId(page, "topic-marks")).toBeVisible();
  await expect(byTestId(page, "mode-with_professional").locator("input")).toBeChecked();
  await markTopic(page, "housing");
  await inAppGo(page, `/q/${id}/send`);
  await byTestId(page, "together-finish").click();
  await expect(byTestId(page, "together-page")).toBeVisible();
  const waiting = page.waitForEvent("download");
  await byTestId(page, "together-make").click();
  const download = await waiting;
  expect(download.suggestedFilename()).toBe("balans_balans-demo_R-0603_citizen_T0.age");
  await expect(byTestId(page, "together-done")).toBeVisible();
  await checkScreen(page, "samen invullen done");
  expect(await traces()).toEqual([]);
  // The file carries the consent the citizen gave on the screen.
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const envelope = ageDecrypt(file);
  expect(envelope.consent.text_version).toBe("consent-1");
  expect(envelope.mode).toBe("with_professional");
  // Imported at once: the respondent page shows the topics and the mode.
  await page.goto(respondentUrl);
  expect(await saidTopics(page)).toEqual(["housing"]);
  await expect(byTestId(page, "say-mode")).toHaveAttribute("data-mode", "with_professional");
  expect(await traces()).toEqual([]);
});

// The answers a citizen gives at two moments, as option codes: only
// items that are not reverse-keyed, enough of each to be scored (half of
// the competences, of the network, and of the eight life domains). At T0
// little strength (agree 2 of 5) and heavy worries (every domain "very
// bad"); at T1 much strength (5 of 5) and light worries ("good").
const SCORED = {
  strength: ["comp.selfconfidence.1", "comp.selfconfidence.2", "comp.selfknowledge.1", "comp.selfknowledge.2",
    "comp.perseverance.1", "net.talk", "net.practical", "net.emergency"],
  domains: ["dom.finances.status", "dom.housing.status", "dom.daytime.status", "dom.physical.status"],
};
const answersAt = (strength, domains) => Object.fromEntries([
  ...SCORED.strength.map((id) => [id, strength]),
  ...SCORED.domains.map((id) => [id, domains]),
]);

/** Answers `answers` ({item id: option code}) through the screens, up to
 * the review, and finishes to the summary. */
async function answerThrough(page, answers) {
  let chosen = 0;
  while (!page.url().endsWith("/review")) {
    for (const [item, code] of Object.entries(answers)) {
      const option = byTestId(page, `opt-${item}-${code}`);
      if (await option.count()) {
        await option.click();
        await expect(option.locator("input")).toBeChecked();
        chosen += 1;
      }
    }
    await next(page);
  }
  expect(chosen).toBe(Object.keys(answers).length);
  await byTestId(page, "finish").click();
  await expect(byTestId(page, "balance-chart")).toBeVisible();
}

test("change for the citizen: with T0 on the device, the T1 summary says how strength and worries changed, beside the earlier bars", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  await createDemoWorkspace(page);
  await toWorkspace(page);
  await addRespondent(page, "R-0604");
  const respondentUrl = page.url();
  const links = {};
  for (const moment of ["T0", "T1"]) {
    await page.goto(respondentUrl);
    await momentCard(page, moment).locator('[data-testid="invite"]').click();
    links[moment] = await makeInvitation(page, { moment, withKey: true });
  }

  const context = await browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: "nl-NL", bypassCSP: true,
  });
  const citizen = await context.newPage();
  const start = async (link) => {
    await citizen.goto(link);
    await byTestId(citizen, "invite-start").click();
    await byTestId(citizen, "invite-next").click();
    await byTestId(citizen, "consent-checkbox").check();
    await byTestId(citizen, "consent-confirm").click();
    await expect(byTestId(citizen, "progress")).toBeVisible();
  };
  // T0: nothing earlier on the device, so no change and no earlier bars.
  await start(links.T0);
  await answerThrough(citizen, answersAt(2, 1));
  await expect(byTestId(citizen, "change-since")).toHaveCount(0);
  await expect(byTestId(citizen, "bar-before")).toHaveCount(0);
  const bar = (key) => byTestId(citizen, `bar-summary.${key}`);
  const t0 = {
    strength: Number(await bar("strength_total").getAttribute("data-value")),
    burden: Number(await bar("burden").getAttribute("data-value")),
  };
  // Agree 2 of 5 is 25 of 100; "very bad" everywhere is the heaviest burden.
  expect(t0).toEqual({ strength: 25, burden: 100 });

  // T1 of the same respondent, on the same device.
  await start(links.T1);
  await answerThrough(citizen, answersAt(5, 4));
  const change = byTestId(citizen, "change-since");
  await expect(change).toBeVisible();
  await expect(change).toHaveAttribute("data-moment", "T0");
  // A date the citizen knows, not the moment's code.
  await expect(change.locator("h2")).toHaveText(/^Sinds de vorige keer \(\d{1,2} [a-z]+ \d{4}\)$/);
  await expect(change.locator("li")).toHaveText(["Uw kracht is groter geworden.", "Uw zorgen zijn kleiner geworden."]);
  // Beside the earlier bars: every bar has its T0 value under it.
  await expect(bar("strength_total")).toHaveAttribute("data-value", "100.0");
  await expect(bar("burden")).toHaveAttribute("data-value", "25.0");
  await expect(bar("strength_total").getByTestId("bar-before")).toHaveText("de vorige keer: 25");
  await expect(bar("burden").getByTestId("bar-before")).toHaveText("de vorige keer: 100");
  await expect(bar("competences").getByTestId("bar-before")).toHaveText("de vorige keer: 25");
  await expect(bar("services").getByTestId("bar-before")).toHaveCount(0);
  await checkScreen(citizen, "summary with the change since T0");
  if (process.env.BALANS_SHOTS) {
    await citizen.screenshot({ path: join(process.env.BALANS_SHOTS, "say-change-360.png"), fullPage: true });
  }
  await context.close();
});
