import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshContainers } from '../support/azurite';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { csvValue, parseCsv } from '../support/csv';
import { playgroundConfigAs, startBotProcess, startPlayground, type Playground, type StartedProcess } from '../support/processes';
import { expectedDemoCounts, seedStatisticsCases, type SeededCase } from '../support/statistics-cases';

/**
 * The statistics card in the real Microsoft 365 Agents Playground, seen in a real browser: Megan
 * Bowen (administrator and coordinator for Demokommun) types "statistik" in her personal chat; the
 * card's chart, drawn on the server, must load as an image in the page, with "< 5" where the seeded
 * cases are fewer than five; the CSV behind its download button must match the stored cases.
 */
describe('statistics in the Agents Playground, in Chromium', () => {
  let bot: StartedProcess & { port: number };
  let megan: Playground;
  let browser: Browser;
  let page: Page;
  let seeded: SeededCase[];

  beforeAll(async () => {
    const c = await freshContainers('e2e-stats');
    seeded = await seedStatisticsCases(c);
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    megan = await startPlayground(`http://127.0.0.1:${bot.port}/api/messages`, playgroundConfigAs('user-id-1'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, acceptDownloads: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await megan?.stop();
    await bot?.stop();
  });

  it('shows the chart card when the coordinator types "statistik", with "< 5" where fewer than five cases are', async () => {
    await page.goto(megan.baseUrl);
    const input = page.getByRole('textbox').last();
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    const since = megan.events.length;
    await input.fill('statistik');
    await input.press('Enter');

    // The card as the Playground got it from the bot, and as the page shows it.
    const sent = await megan.waitForMessage(megan.config.personalChat.id, (e) => JSON.stringify(e.message?.attachments ?? []).includes('data:image/png;base64,'), since, 30_000);
    const chart = page.locator('img[src^="data:image/png;base64,"]').last();
    await chart.waitFor({ state: 'visible', timeout: 20_000 });
    await chart.scrollIntoViewIfNeeded();
    // Runs in the page (the project's TypeScript has no DOM types).
    const size = await chart.evaluate((img: any) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, shown: img.getBoundingClientRect().width }));
    expect(size.complete).toBe(true);
    expect(size.width).toBeGreaterThan(500);
    expect(size.height).toBeGreaterThan(300);
    expect(size.shown).toBeGreaterThan(200);

    // "< 5" in the card's numbers: this month (3 hand-off questions) and three months back (2 notes).
    const e = expectedDemoCounts(seeded);
    const month = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    // A FactSet row as the page shows it: its title cell, then its value cell.
    const fact = (title: string) =>
      page.evaluate((t) => {
        const titles = [...(globalThis as any).document.querySelectorAll('.ac-fact-title')].filter((el: any) => el.textContent?.trim() === t);
        return titles.at(-1)?.nextElementSibling?.textContent?.trim() as string | undefined;
      }, title);
    const label = (m: string) => `${month(m)} ${m.slice(0, 4)}`;
    expect(await fact(label(e.months[5]!))).toBe('< 5'); // this month: 3 hand-off questions
    expect(await fact(label(e.months[2]!))).toBe('< 5'); // three months back: 2 notes
    expect(await fact(label(e.months[4]!))).toBe(String(e.byMonth[e.months[4]!])); // last month: 7
    expect(await fact('Hand-offs (questions to a coordinator)')).toBe('< 5');
    expect(await fact('Total')).toBe(String(e.total));
    expect(await page.getByText('< 5', { exact: true }).first().isVisible()).toBe(true);
    expect(JSON.stringify(sent.message?.attachments)).toContain(`"title":"${label(e.months[5]!)}","value":"< 5"`);

    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'statistics-playground.png') });
    await chart.screenshot({ path: path.join(ARTIFACTS_DIR, 'statistics-chart.png') });
    // Nothing of what the notes say, nor the sites' names, reaches the page.
    const html = await page.content();
    for (const s of seeded) expect(html).not.toContain(s.secret);
    expect(html).not.toContain('Secret hotel name');
  }, 90_000);

  it('downloads the CSV from the card\'s button, and it matches the stored cases', async () => {
    const button = page.locator('button', { hasText: /^(Download CSV|Ladda ner CSV)$/ }).last();
    await button.scrollIntoViewIfNeeded();
    // The Playground opens the link in a new window, which Chromium turns into a download.
    const downloaded = new Promise<Download>((resolve) => {
      page.context().on('page', (p) => p.on('download', resolve));
      page.on('download', resolve);
    });
    await button.click();
    const file = await Promise.race([downloaded, new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000))]);
    expect(file, 'the download button gave no file').toBeDefined();
    expect(file!.suggestedFilename()).toMatch(/^samverka-statistics-demo-\d{4}-\d{2}--\d{4}-\d{2}\.csv$/);
    const saved = path.join(ARTIFACTS_DIR, file!.suggestedFilename());
    await file!.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    const e = expectedDemoCounts(seeded);
    // The Playground's client is English: the CSV is too, with commas.
    const rows = parseCsv(text, ',');
    expect(rows[0]).toEqual(['Section', 'Item', 'Value']);
    expect(csvValue(rows, 'Totals', 'Total')).toBe(String(e.total));
    for (const m of e.months) {
      const item = rows.find((r) => r[1]?.startsWith(`${m} (`))![1]!;
      expect(csvValue(rows, 'Reports by month', item)).toBe(e.byMonth[m]! < 5 ? '< 5' : String(e.byMonth[m]));
    }
    expect(csvValue(rows, 'Reports by category', 'Possible minor')).toBe(String(e.byCategory.possibleMinor));
    expect(csvValue(rows, 'Reports by category', 'Question (hand-off)')).toBe('< 5');
    expect(csvValue(rows, 'Reports by kind of site', 'Hotel')).toBe(String(e.bySite.hotel));
    expect(csvValue(rows, 'Time to acknowledge', 'Reports')).toBe(String(e.acknowledgedHours.length));
    expect(csvValue(rows, 'Questions without a routine, by week', 'Total')).toBe(String(e.unanswered));
    for (const s of seeded) expect(text).not.toContain(s.secret);
    for (const r of rows.slice(1)) if (/^\d+$/.test(r[2]!) && !/minut/i.test(r[1]!)) expect(Number(r[2]), r.join(' / ')).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
