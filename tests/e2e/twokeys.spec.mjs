// A study with two keys (issue 14): the researcher sets up a study with a
// second key made in the app (its secret key downloaded as a file of its
// own); the study link opens a workspace, whose invitation a citizen
// answers; the citizen's export decrypts with each key alone (the `age`
// command-line tool) and imports on the research screen with the second key
// alone. Pasting a wrong second key says what is wrong.
import { test, expect } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { byTestId } from "./helpers/citizen.mjs";
import { ageDecrypt, ageDecryptStatus, OTHER_KEY, ROOT } from "./helpers/files.mjs";
import { checkScreen } from "./helpers/a11y.mjs";
import { toWorkspace, addRespondent, momentCard } from "./helpers/workspace.mjs";
import { makeInvitation } from "./helpers/invitation.mjs";
import { download, tempDir, openImport, loadKeyFile, importFiles, outcomeRows } from "./helpers/research.mjs";

// axe is added as a script tag.
test.use({ bypassCSP: true });

const SHOTS = join(ROOT, "test-results", "twokeys");

/** The screen at phone and desktop width, as pictures to look at. */
async function shoot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

/** The public key a key file names. */
function publicKeyOf(text) {
  return text.match(/^# public key: (age1[0-9a-z]+)$/m)[1];
}

test("a study with two keys: an export opens with each key alone", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const dir = tempDir("balans-twokeys-");

  // The researcher sets up the study and downloads the first key.
  await page.goto("/research/study");
  await byTestId(page, "study-name").fill("Balans Twee Sleutels");
  await byTestId(page, "study-contact").fill("onderzoek@tweesleutels.example");
  await byTestId(page, "study-create").click();
  const first = await download(page, "key-download", dir);
  await byTestId(page, "study-continue").click();

  // The second key is optional; nothing is chosen for it yet.
  await expect(byTestId(page, "second-key-step")).toBeVisible();
  await expect(byTestId(page, "second-none")).toBeChecked();
  await checkScreen(page, "second key step");

  // A pasted key is checked: a secret key, something else, the first key.
  await byTestId(page, "second-paste-choice").check();
  const paste = byTestId(page, "second-paste");
  const secret = first.text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"));
  for (const [text, error] of [
    ["", "study_keys.error.none"],
    [secret, "study_keys.error.secret"],
    ["age1isnotakey", "study_keys.error.not_age"],
    [publicKeyOf(first.text), "study_keys.error.twice"],
  ]) {
    await paste.fill(text);
    await byTestId(page, "study-finish").click();
    await expect(byTestId(page, "second-key-error")).toHaveAttribute("data-error", error);
    await expect(paste).toBeFocused();
    await expect(paste).toHaveAttribute("aria-invalid", "true");
  }
  await checkScreen(page, "second key with a paste error");
  await shoot(page, "second-key-paste-error");

  // Made in the app instead: no going on before its file is downloaded.
  await byTestId(page, "second-make").check();
  await expect(byTestId(page, "second-key-error")).toHaveCount(0);
  await byTestId(page, "study-finish").click();
  await expect(page.locator("#second-needed")).not.toBeEmpty();
  await expect(byTestId(page, "second-key-step")).toBeVisible();
  const second = await download(page, "second-download", dir);
  expect(second.name).toMatch(/^balans-key-2_balans-twee-sleutels_\d{4}-\d{2}-\d{2}\.txt$/);
  expect(second.name).not.toBe(first.name);
  expect(second.text).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
  expect(publicKeyOf(second.text)).not.toBe(publicKeyOf(first.text));
  await expect(byTestId(page, "second-downloaded")).not.toBeEmpty();
  await checkScreen(page, "second key made");
  await shoot(page, "second-key-made");
  await byTestId(page, "study-finish").click();

  // Both public keys are shown; link and study file carry them as a list.
  const keys = [publicKeyOf(first.text), publicKeyOf(second.text)];
  await expect(byTestId(page, "study-ready")).toBeVisible();
  await expect(byTestId(page, "public-key")).toHaveText(keys[0]);
  await expect(byTestId(page, "second-public-key")).toHaveText(keys[1]);
  const studyLink = (await byTestId(page, "study-link").inputValue()).trim();
  expect(studyLink).toMatch(/#s3\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const studyFile = JSON.parse((await download(page, "study-file-download", dir)).text);
  expect(studyFile.version).toBe(2);
  expect(studyFile.study.k).toEqual(keys);
  await checkScreen(page, "study ready with two keys");
  await shoot(page, "study-ready-two-keys");

  // A professional opens the study link and invites a citizen.
  await page.goto(studyLink);
  await expect(byTestId(page, "create-workspace")).toBeVisible();
  await byTestId(page, "display-name").fill("Sanne de Vries");
  await byTestId(page, "key-understood").check();
  await byTestId(page, "create-workspace-button").click();
  await expect(byTestId(page, "key-backup-step")).toBeVisible();
  await toWorkspace(page);
  await addRespondent(page, "R-0501");
  await momentCard(page, "T0").locator('[data-testid="invite"]').click();
  const link = await makeInvitation(page, { moment: "T0", withKey: false });
  expect(link).toMatch(/#i3\./);

  // The citizen answers one question and saves the file.
  const citizenContext = await browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: "nl-NL", acceptDownloads: true,
  });
  const citizen = await citizenContext.newPage();
  await citizen.goto(link);
  await byTestId(citizen, "invite-start").click();
  // Before consent the citizen is told the study has more than one reader.
  await expect(byTestId(citizen, "reader-researcher")).toContainText("De onderzoekers van Balans Twee Sleutels");
  await byTestId(citizen, "invite-next").click();
  await byTestId(citizen, "consent-checkbox").check();
  await byTestId(citizen, "consent-confirm").click();
  await expect(byTestId(citizen, "progress")).toBeVisible();
  const option = citizen.locator('label[data-testid^="opt-"]').first();
  await option.click();
  await expect(option.locator("input")).toBeChecked();
  const id = new URL(citizen.url()).pathname.split("/")[2];
  await citizen.goto(`/q/${id}/review`);
  await byTestId(citizen, "finish").click();
  if (await byTestId(citizen, "to-send").isVisible().catch(() => false)) {
    await byTestId(citizen, "to-send").click();
  }
  await expect(byTestId(citizen, "send-readers")).toHaveText(/Alleen de onderzoekers kunnen het openen/);
  const sent = await download(citizen, "download", dir);
  await citizenContext.close();

  // Each key alone opens it with the age tool; another key does not.
  for (const key of [first, second]) {
    const envelope = ageDecrypt(sent.path, key.path);
    expect(envelope.format).toBe("balans-export");
    expect(envelope.version).toBe(5);
    expect(envelope.study.k).toEqual(keys);
    expect(envelope.respondent).toBe("R-0501");
    expect(Object.keys(envelope.answers)).toHaveLength(1);
  }
  const stranger = ageDecryptStatus(sent.path, OTHER_KEY);
  expect(stranger.status).not.toBe(0);
  expect(stranger.stderr).toMatch(/no identity matched/i);

  // The researcher imports it with the second key alone.
  await openImport(page);
  await loadKeyFile(page, second.path);
  await expect(byTestId(page, "loaded-public-key")).toHaveText(keys[1]);
  await importFiles(page, [sent.path]);
  expect((await outcomeRows(page)).map((r) => r.outcome)).toEqual(["imported"]);
});
