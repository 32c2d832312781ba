// Issue 12, the citizen's send screen: saving a file is not sending it (the
// send page and the home page say "saved, not sent" and guide the sending);
// one sentence names the readers; a double tap saves one file; a sent
// questionnaire is there to look at; the browser's answer to "keep
// everything" is shown; the storage panel waits until something is stored.
import { test, expect } from "@playwright/test";
import { byTestId, openDemo, openInvitation, consent } from "./helpers/citizen.mjs";
import { linkFixture } from "./helpers/files.mjs";
import { questionnaireId, storedQuestionnaire } from "./helpers/app.mjs";
import { checkScreen } from "./helpers/a11y.mjs";

test.use({ bypassCSP: true });

const FILE = "balans_balans-demo_DEMO-001_citizen_T0.age";

/** From the first question straight to the send screen; the questionnaire id. */
async function toSend(page) {
  const id = questionnaireId(page);
  await page.goto(`/q/${id}/send`);
  await expect(byTestId(page, "download")).toBeVisible();
  return id;
}

/** The home page's row of questionnaire `id`. */
async function homeRow(page, id) {
  await page.goto("/");
  return page.locator(`[data-testid=questionnaire-row][data-id="${id}"]`);
}

/** Counts the files the page offers for download (each is a clicked `a[download]`). */
function countDownloads(page) {
  return page.addInitScript(() => {
    window.__downloads = 0;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.hasAttribute("download")) window.__downloads += 1;
      return click.call(this);
    };
  });
}

test("saving a file is not sending it: the send and home pages say saved, not sent", async ({ page }) => {
  await openDemo(page);
  await consent(page);
  const id = await toSend(page);
  await expect(byTestId(page, "send-readers")).toHaveText(
    "Uw antwoorden gaan in een bestand op slot. Alleen de onderzoeker kan het openen.",
  );

  const download = page.waitForEvent("download");
  await byTestId(page, "download").click();
  expect((await download).suggestedFilename()).toBe(FILE);
  const saved = byTestId(page, "send-saved");
  await expect(saved.locator("h2")).toHaveText("Opgeslagen op dit apparaat, nog niet verstuurd.");
  await expect(byTestId(page, "send-saved-file")).toHaveText(
    `Het bestand heet ${FILE}. U vindt het in uw map Downloads.`,
  );
  // No share sheet in this browser: the next step is an e-mail, and the
  // screen says the file must be attached by hand.
  await expect(saved).toContainText("Voeg het bestand zelf toe als bijlage");
  const mail = await byTestId(page, "send-mail").getAttribute("href");
  expect(mail).toMatch(/^mailto:onderzoek@balans\.example\?subject=/);
  expect(decodeURIComponent(mail)).toContain(FILE);
  await expect(byTestId(page, "sent-before")).toHaveCount(0);
  await expect(byTestId(page, "send-done")).toHaveCount(0);
  await checkScreen(page, "send, saved not sent");

  const stored = await storedQuestionnaire(page, id);
  expect(stored.schema).toBe(4);
  expect(stored.saved_at).toHaveLength(1);
  expect(stored.sent_at).toEqual([]);

  // The home page says the same, and there is still something to do.
  let row = await homeRow(page, id);
  await expect(row.locator(".status")).toHaveAttribute("data-status", "Saved");
  await expect(row.locator(".status")).toContainText("Opgeslagen op dit apparaat, nog niet verstuurd");
  await expect(row.locator("[data-testid=resume]")).toHaveText("Verder gaan");

  // After a reload the send page still knows the file waits to be sent.
  await page.goto(`/q/${id}/send`);
  await expect(byTestId(page, "send-saved")).toBeVisible();
  await byTestId(page, "confirm-sent").click();
  await expect(byTestId(page, "send-done")).toHaveText("Verstuurd. Dank u wel.");
  await expect(byTestId(page, "sent-before")).toBeVisible();
  await expect(byTestId(page, "send-saved")).toHaveCount(0);

  // A sent questionnaire is there to look at, not to go on with.
  row = await homeRow(page, id);
  await expect(row.locator(".status")).toHaveAttribute("data-status", "Sent");
  await expect(row.locator("[data-testid=resume]")).toHaveText("Bekijken");
});

test("the share sheet sends the file", async ({ page }) => {
  await page.addInitScript(() => {
    navigator.canShare = () => true;
    navigator.share = async () => {};
  });
  await openDemo(page);
  await consent(page);
  const id = await toSend(page);
  await byTestId(page, "share").click();
  await expect(byTestId(page, "send-done")).toHaveText("Verstuurd. Dank u wel.");
  await expect(byTestId(page, "send-saved")).toHaveCount(0);
  const stored = await storedQuestionnaire(page, id);
  expect([stored.saved_at, stored.sent_at.length]).toEqual([[], 1]);
  const row = await homeRow(page, id);
  await expect(row.locator(".status")).toHaveAttribute("data-status", "Sent");
});

test("with a share sheet, a saved file's next step is the Send button", async ({ page }) => {
  await page.addInitScript(() => {
    navigator.canShare = () => true;
    navigator.share = async () => {};
  });
  await openDemo(page);
  await consent(page);
  await toSend(page);
  await byTestId(page, "download").click();
  await expect(byTestId(page, "send-saved")).toContainText("Verstuur het nu met de knop Versturen.");
  await expect(byTestId(page, "send-mail")).toHaveCount(0);
});

test("a double tap on Bewaar als bestand saves one file", async ({ page }) => {
  await countDownloads(page);
  await openDemo(page);
  await consent(page);
  const id = await toSend(page);
  await byTestId(page, "download").dblclick();
  await expect(byTestId(page, "send-saved")).toBeVisible();
  // Both clicks were handled when dblclick returned.
  expect(await page.evaluate(() => window.__downloads)).toBe(1);
  expect((await storedQuestionnaire(page, id)).saved_at).toHaveLength(1);
});

test("the send screen names the readers in one sentence, with a professional too", async ({ page }) => {
  await openInvitation(page, linkFixture("ok_with_professional.txt"));
  await consent(page);
  await toSend(page);
  // Opened by address, the screen speaks the device's language (Dutch).
  await expect(byTestId(page, "send-readers")).toHaveText(
    "Uw antwoorden gaan in een bestand op slot. Alleen de onderzoeker en uw hulpverlener kunnen het openen.",
  );
  await expect(page.locator("main")).not.toContainText("Alleen de onderzoeker kan het openen.");
});

for (const granted of [false, true]) {
  test(`the storage panel waits for something stored, and says the browser ${granted ? "agreed" : "refused"}`, async ({ page }) => {
    // Consent asks once by itself; the browser answers no to that, and
    // `granted` to the button.
    await page.addInitScript((answer) => {
      let asked = 0;
      StorageManager.prototype.persisted = async () => false;
      StorageManager.prototype.persist = async () => {
        asked += 1;
        return answer && asked > 1;
      };
    }, granted);
    await page.goto("/");
    await expect(byTestId(page, "empty-hint")).toBeVisible();
    await expect(byTestId(page, "storage-status")).toHaveCount(0);

    await byTestId(page, "demo-invitation").click();
    await consent(page);
    await byTestId(page, "home-link").click();
    const status = byTestId(page, "storage-status");
    await expect(status).toHaveAttribute("data-persistent", "false");
    await byTestId(page, "ask-persistent").click();
    const answer = byTestId(page, "persist-answer");
    await expect(answer).toHaveAttribute("data-answer", granted ? "granted" : "refused");
    await expect(answer).toContainText(granted ? "Gelukt" : "De browser wil dit niet beloven");
    await expect(status).toHaveAttribute("data-persistent", String(granted));
    await checkScreen(page, `home, persistence ${granted ? "granted" : "refused"}`);
  });
}
