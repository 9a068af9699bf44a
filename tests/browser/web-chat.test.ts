// The web chat in a real browser: sign in, start, get a break, click Done, see the card, streak and board update.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startWebChatServer, type WebChatServer } from '../e2e/web-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshot-web-chat.png');
// A Wednesday, 10:05 in Berlin: inside the default working window.
const WEDNESDAY_MORNING = '2026-11-25T09:05:00Z';

let browser: Browser;
let server: WebChatServer;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}. Install Debian's chromium: apt-get update && apt-get install -y chromium`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  server = await startWebChatServer(WEDNESDAY_MORNING);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('web chat in a browser', () => {
  it('Ada signs in, gets a break now, clicks Done and sees the card, her streak and the leaderboard update', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.baseUrl);

    await expect.poll(() => page.locator('#signin-form').getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await page.getByLabel('Your name').fill('Ada');
    await page.getByRole('textbox', { name: 'Team (optional)' }).fill('Design');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Hi Ada!').waitFor();

    await page.getByRole('button', { name: 'Start breaks' }).click();
    await page.getByRole('button', { name: 'Stop breaks' }).waitFor();
    await expect.poll(() => page.locator('#status-line').textContent()).toMatch(/Breaks are on/);

    await page.getByRole('button', { name: 'Give me one now' }).click();
    const card = page.locator('article.prompt-card');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).not.toBe('');
    expect(await card.locator('ol.steps li').count()).toBeGreaterThan(0);
    await card.getByRole('heading', { name: 'Why it helps' }).waitFor();
    expect(await card.locator('.safety').textContent()).toMatch(/^Safety: ./);
    await card.getByRole('button', { name: 'Snooze 30 minutes' }).waitFor();
    // The picture shows (loaded, 360 px wide at most) with its alt text, and the card has a Swap button.
    const picture = card.locator('img.card-picture');
    await expect.poll(() => picture.evaluate((img) => (img as { complete: boolean; naturalWidth: number }).complete && (img as { naturalWidth: number }).naturalWidth)).toBe(360);
    expect(await picture.getAttribute('alt')).toMatch(/^A .{20,}\.$/);
    const titleBefore = await card.locator('h3').textContent();
    await card.getByRole('button', { name: 'Swap for another challenge' }).click();
    await expect.poll(() => page.locator('article.prompt-card h3').textContent()).not.toBe(titleBefore);
    expect(await page.locator('article.prompt-card').count()).toBe(1);
    await expect.poll(() => page.locator('article.prompt-card img.card-picture').evaluate((img) => (img as { complete: boolean; naturalWidth: number }).complete && (img as { naturalWidth: number }).naturalWidth)).toBe(360);

    await card.getByRole('button', { name: 'Done' }).click();
    await card.getByText('Nice work: break done.').waitFor();
    expect(await card.locator('.chips').textContent()).toMatch(/Today: 1.*Streak: 1 day.*1st of 1 in Design/);
    expect(await card.getByRole('button', { name: 'Done' }).count()).toBe(0);
    await expect.poll(() => page.locator('#fig-streak').textContent()).toBe('1');
    expect(await page.locator('#fig-week').textContent()).toBe('1');

    const viewerRow = page.locator('table.board tr[aria-current="true"]');
    await viewerRow.waitFor();
    expect(await viewerRow.textContent()).toMatch(/^1Ada \(you\)11$/);
    expect(await page.locator('#team-place').textContent()).toMatch(/Design is 1st of 1 team/);

    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a reload resumes as the same person, and "Forget me" asks first, then deletes everything', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Your name').fill('Grace');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Hi Grace!').waitFor();

    await page.reload();
    await page.getByText('Hi Grace!').waitFor();
    expect(await page.locator('#who-name').textContent()).toBe('Grace');

    await page.getByRole('button', { name: 'Forget me' }).click();
    const dialog = page.getByRole('dialog', { name: 'Forget everything about you?' });
    await dialog.getByRole('button', { name: 'Keep my data' }).click();
    expect(await page.locator('#app').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Forget me' }).click();
    await dialog.getByRole('button', { name: 'Forget me' }).click();
    await page.getByText('everything the bot knew about you is deleted').waitFor();
    expect(await page.locator('#signin').isVisible()).toBe(true);
    expect(await server.service.getMember('web:local:grace')).toBeNull();
    await context.close();
  }, 60_000);

  it('typed commands get answers in the conversation, and a bad setting shows the reason', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Your name').fill('Linus');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Hi Linus!').waitFor();

    await page.getByLabel('Message to the bot').fill('every 45');
    await page.keyboard.press('Enter');
    await page.getByText(/Saved: .*every 45 minutes/).waitFor();

    await page.getByLabel('Message to the bot').fill('dance');
    await page.keyboard.press('Enter');
    await page.getByText('I do not know "dance"', { exact: false }).waitFor();

    await page.locator('#settings-details summary').click();
    await page.getByLabel('Start').fill('17:00');
    await page.getByLabel('End').fill('09:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'end after it starts' }).waitFor();
    await context.close();
  }, 60_000);
});
