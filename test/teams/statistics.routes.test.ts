import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { freshContainers, type TestContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';
import { csvValue, parseCsv } from '../support/csv';
import { MEGAN_AAD } from '../support/many-cases';
import { expectedDemoCounts, seedStatisticsCases, type SeededCase } from '../support/statistics-cases';
import { cardProblems } from '../support/adaptive-card-validator';
import { BlobUnansweredCounter } from '../../src/storage/blob-unanswered-counter';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { isoWeekOf } from '../../src/statistics/period';

const ISAIAH_AAD = '00000000-0000-0000-0000-0000000000023';
const ADELE_AAD = '00000000-0000-0000-0000-0000000000022';
const LYNNE_AAD = '00000000-0000-0000-0000-0000000000025';

describe('statistics in Teams', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let c: TestContainers;
  let seeded: SeededCase[];

  beforeAll(async () => {
    c = await freshContainers('stats');
    seeded = await seedStatisticsCases(c);
    // The example directory, except that Norrby has its own deputy: Adele then coordinates Demokommun only.
    const example = readFileSync(path.join(PROJECT_ROOT, 'src/forwarding/directories/playground-demo.yaml'), 'utf8');
    const own = example.replace(/(primary: norrby-coordinators\n\s+deputy: )demo-deputy/, '$1demo-out-of-hours');
    expect(own).not.toBe(example);
    const directoryFile = path.join(mkdtempSync(path.join(tmpdir(), 'stats-dir-')), 'directory.yaml');
    writeFileSync(directoryFile, own);
    bot = await startTestBot(c.connectionString, c.name, { STATISTICS_LINK_MINUTES: '5', ROUTING_DIRECTORY_FILE: directoryFile });
  }, 60_000);
  afterAll(() => bot.stop());

  const as = (aad: string, text: string, o: { locale?: string; conversationType?: 'personal' | 'channel' } = {}) =>
    postActivity(bot.baseUrl, { ...messageActivity(text, { locale: o.locale ?? 'en-US', conversationType: o.conversationType ?? 'personal' }), from: { id: `u-${aad}`, aadObjectId: aad } });
  const submit = (aad: string, value: Record<string, unknown>) =>
    postActivity(bot.baseUrl, { ...submitActivity({ verb: 'statistics.show', ...value }, { locale: 'en-US' }), from: { id: `u-${aad}`, aadObjectId: aad } });
  const csvOf = async (card: Record<string, unknown>) => {
    const link = (card.actions as { type: string; url?: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url!;
    const res = await fetch(link);
    return { res, link, rows: parseCsv(await res.text(), ',') };
  };

  it('shows a coordinator the default picture: Demokommun, the last six months, chart, numbers and a CSV link', async () => {
    const { replies } = await as(MEGAN_AAD, 'statistics');
    const card = cardOf(replies[0])!;
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Statistics: Demokommun');
    expect(text).toMatch(/"url":"data:image\/png;base64,iVBORw0KGgo/);
    expect(text).toContain('< 5');
    // The whole activity stays under the Agents Playground's 100 KB body limit (Teams does not count the image).
    expect(Buffer.byteLength(JSON.stringify(replies[0]))).toBeLessThan(100_000);
    for (const s of seeded) expect(text).not.toContain(s.secret);
    expect(text).not.toContain('Secret hotel name');
  });

  it('offers a CSV that matches the stored cases, with no count below 5, for a few minutes only', async () => {
    const { replies } = await as(MEGAN_AAD, 'statistics');
    const { res, link, rows } = await csvOf(cardOf(replies[0])!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="samverka-statistics-demo-\d{4}-\d{2}--\d{4}-\d{2}\.csv"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(link).toMatch(/\/downloads\/[A-Za-z0-9_-]{43}$/);

    const e = expectedDemoCounts(seeded);
    const shown = (n: number) => (n < 5 ? '< 5' : String(n));
    expect(csvValue(rows, 'Totals', 'Total')).toBe(String(e.total));
    for (const m of e.months) expect(csvValue(rows, 'Reports by month', rows.find((r) => r[1]?.startsWith(m))![1]!)).toBe(shown(e.byMonth[m]!));
    // One category alone is below 5 (3 questions): the smallest other one (6) is hidden too.
    expect(['possibleMinor', 'adultExploitation', 'other', 'question'].map((k) => csvValue(rows, 'Reports by category', { possibleMinor: 'Possible minor', adultExploitation: 'Adult exploitation', other: 'Other', question: 'Question (hand-off)' }[k]!))).toEqual([
      String(e.byCategory.possibleMinor),
      '≥ 5',
      String(e.byCategory.other),
      '< 5',
    ]);
    expect(csvValue(rows, 'Totals', 'Hand-offs (questions to a coordinator)')).toBe('< 5');
    expect(csvValue(rows, 'Reports by urgency', 'P3 routine')).toBe(String(e.byUrgency.P3));
    expect(csvValue(rows, 'Reports by kind of site', 'Hotel')).toBe(String(e.bySite.hotel));
    expect(csvValue(rows, 'Reports by kind of site', 'Campsite')).toBe(String(e.bySite.campsite));
    expect(csvValue(rows, 'Reports by kind of site', 'Deleted (not kept)')).toBe('5');
    expect(csvValue(rows, 'Totals', 'Escalated reports')).toBe(String(e.escalated));
    // 13 notes acknowledged after 1-7 h and 2 h: median 2 h, 90th percentile 5.8 h; 7 closed after 1-7 days: 4 d and 6.4 d.
    expect(csvValue(rows, 'Time to acknowledge', 'Reports')).toBe(String(e.acknowledgedHours.length));
    expect(csvValue(rows, 'Time to acknowledge', 'Median (minutes)')).toBe('120');
    expect(csvValue(rows, 'Time to acknowledge', '90th percentile (minutes)')).toBe(String(5.8 * 60));
    expect(csvValue(rows, 'Time to close', 'Median (minutes)')).toBe(String(4 * 24 * 60));
    expect(csvValue(rows, 'Time to close', '90th percentile (minutes)')).toBe(String(Math.round(6.4 * 24 * 60)));
    expect(csvValue(rows, 'Questions without a routine, by week', 'Total')).toBe(String(e.unanswered));
    for (const [section, item, value] of rows.slice(1)) {
      if (['Selection', 'Time to acknowledge', 'Time to close'].includes(section!) && item !== 'Reports') continue;
      expect(value, `${section} / ${item}`).toMatch(/^(< 5|≥ 5|\d+)$/);
      if (/^\d+$/.test(value!)) expect(Number(value)).toBeGreaterThanOrEqual(5);
    }
    const body = rows.flat().join('\n');
    for (const s of seeded) expect(body).not.toContain(s.secret);

    // An unknown token, and a token that has expired, get the same short answer.
    const unknown = await fetch(`${bot.baseUrl}/downloads/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Type “statistics”');
  });

  it('shows another municipality, all of them, or an own period when chosen on the card', async () => {
    const norrby = JSON.stringify(cardOf((await submit(MEGAN_AAD, { period: 'last3', municipality: 'norrby' })).replies[0]));
    expect(norrby).toContain('Statistics: Norrby');
    expect(norrby).toContain('"title":"Total","value":"6"');
    const all = JSON.stringify(cardOf((await submit(MEGAN_AAD, { period: 'last6', municipality: 'all' })).replies[0]));
    expect(all).toContain('Statistics: all your municipalities');
    expect(all).toContain(`"title":"Total","value":"${expectedDemoCounts(seeded).total + 6}"`);
    const e = expectedDemoCounts(seeded);
    const range = JSON.stringify(cardOf((await submit(MEGAN_AAD, { period: 'range', from: e.months[4], to: e.months[4], municipality: 'demo' })).replies[0]));
    // A year of weeks is the widest chart: the activity still fits the Playground's 100 KB.
    const year = (await submit(MEGAN_AAD, { period: 'last12', municipality: 'all' })).replies[0];
    expect(JSON.stringify(year)).toContain('data:image/png;base64,');
    expect(Buffer.byteLength(JSON.stringify(year))).toBeLessThan(100_000);
    expect(range).toContain(`"title":"Total","value":"${e.byMonth[e.months[4]!]}"`);
  });

  it('says why an own period cannot be used, and shows the default one', async () => {
    const e = expectedDemoCounts(seeded);
    const card = JSON.stringify(cardOf((await submit(MEGAN_AAD, { period: 'range', from: e.months[5], to: e.months[0], municipality: 'demo' })).replies[0]));
    expect(card).toContain('The from month must not be after the to month.');
    expect(card).toContain(`"title":"Total","value":"${e.total}"`);
  });

  it('shows a coordinator only the municipalities their routes name', async () => {
    const adele = JSON.stringify(cardOf((await as(ADELE_AAD, 'statistik', { locale: 'sv-SE' })).replies[0]));
    expect(adele).toContain('Statistik: Demokommun');
    expect(adele).not.toContain('"value":"norrby"');
    const refused = await submit(ADELE_AAD, { period: 'last6', municipality: 'norrby' });
    expect(refused.replies[0]?.text).toBe('You cannot see statistics for that municipality. Choose one from the list.');
    const isaiah = JSON.stringify(cardOf((await as(ISAIAH_AAD, 'statistics')).replies[0]));
    expect(isaiah).toContain('"value":"norrby"');
  });

  it('counts a question no routine answers, per week and the asker\'s municipality, with no text and no user id', async () => {
    const week = isoWeekOf(new Date(), 'Europe/Stockholm');
    const counts = () => new BlobUnansweredCounter(new JsonBlobStore(c.data)).week(week);
    const before = (await counts()) ?? {};
    const question = 'Hur lång tid tar polisens utredning av människohandel?';
    // Lynne reports for Hotell Norrsken in Norrby; someone the directory does not know counts for the default municipality.
    await as(LYNNE_AAD, question, { locale: 'sv-SE' });
    await as('00000000-0000-0000-0000-000000000098', question, { locale: 'sv-SE' });
    const after = (await counts())!;
    expect(after).toEqual({ ...before, norrby: (before.norrby ?? 0) + 1, demo: (before.demo ?? 0) + 1 });
    const raw = await new JsonBlobStore(c.data).readText(`statistics/unanswered/${week}.json`);
    expect(raw).not.toMatch(/utredning|0000000025|0000000098|u-/);
  });

  it('refuses staff and partners politely, and any channel', async () => {
    const partner = await as('00000000-0000-0000-0000-000000000099', 'statistics');
    expect(partner.replies[0]?.text).toBe('Statistics are for coordinators and administrators in the routing directory. If you need numbers for a meeting, ask your coordinator.');
    const swedish = await as('00000000-0000-0000-0000-000000000099', 'statistik', { locale: 'sv-SE' });
    expect(swedish.replies[0]?.text).toMatch(/^Statistiken är till för samordnare och administratörer/);
    const channel = await as(MEGAN_AAD, 'statistics', { conversationType: 'channel' });
    expect(channel.replies[0]?.text).toMatch(/only in your personal chat/);
  });
});
