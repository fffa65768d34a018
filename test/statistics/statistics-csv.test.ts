import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/create-i18n';
import { LOCALES_DIR } from '../../src/paths';
import { caseFactsOf } from '../../src/statistics/case-facts';
import { computeStatistics } from '../../src/statistics/compute-statistics';
import { statisticsCsv } from '../../src/statistics/statistics-csv';
import { parseCsv } from '../support/csv';

const i18n = createI18n(LOCALES_DIR, 'sv');
const TZ = 'Europe/Stockholm';

const at = (d: string, h = 0) => new Date(Date.parse(d) + h * 3_600_000).toISOString();
const facts = [
  ...Array.from({ length: 9 }, (_, i) =>
    caseFactsOf({ createdAt: at('2026-10-05T08:00:00Z'), status: 'closed', category: 'possibleMinor', urgency: 'P2', history: [{ at: at('2026-10-05T08:00:00Z'), action: 'received' }, { at: at('2026-10-05T08:00:00Z', i + 1), action: 'acknowledged' }, { at: at('2026-10-05T08:00:00Z', 24 * (i + 1)), action: 'closed' }] }, 'demo', 'hotel'),
  ),
  ...Array.from({ length: 3 }, () => caseFactsOf({ createdAt: at('2026-11-05T08:00:00Z'), status: 'delivered', category: 'question', urgency: 'P4', history: [{ at: at('2026-11-05T08:00:00Z'), action: 'received' }] }, 'demo', 'none')),
];
const report = computeStatistics(
  { period: { from: '2026-09', to: '2026-11' }, municipalities: ['demo'], defaultMunicipality: 'demo', timeZone: TZ },
  { cases: facts, deleted: {}, unanswered: { '2026-W41': { demo: 7 }, '2026-W42': { demo: 2 } } },
);

describe('statisticsCsv', () => {
  it.each([
    { locale: 'sv' as const, sep: ';', header: ['Avsnitt', 'Post', 'Värde'] },
    { locale: 'en' as const, sep: ',', header: ['Section', 'Item', 'Value'] },
  ])('writes three columns with the separator $locale spreadsheets expect, and a BOM', ({ locale, sep, header }) => {
    const csv = statisticsCsv(report, { t: i18n.t(locale), locale, municipalityNames: ['Demokommun'], generatedAt: '2026-11-30 10:00' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv, sep);
    expect(rows[0]).toEqual(header);
    expect(rows.every((r) => r.length === 3)).toBe(true);
  });

  it('has the numbers of the report, below 5 as "< 5", and no count anywhere below 5', () => {
    const rows = parseCsv(statisticsCsv(report, { t: i18n.t('en'), locale: 'en', municipalityNames: ['Demokommun'], generatedAt: '2026-11-30 10:00' }), ',');
    const value = (section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item)?.[2];
    expect(value('Totals', 'Total')).toBe('12');
    expect(value('Reports by month', '2026-09 (Sep 2026)')).toBe('< 5');
    expect(value('Reports by month', '2026-10 (Oct 2026)')).toBe('9');
    expect(value('Reports by month', '2026-11 (Nov 2026)')).toBe('< 5');
    expect(value('Reports by category', 'Possible minor')).toBe('9');
    expect(value('Reports by category', 'Question (hand-off)')).toBe('< 5');
    expect(value('Totals', 'Hand-offs (questions to a coordinator)')).toBe('< 5');
    expect(value('Reports by kind of site', 'Hotel')).toBe('9');
    // 1..9 hours and 1..9 days: medians 5 h and 5 d, 90th percentiles 8.2 h and 8.2 d.
    expect(value('Time to acknowledge', 'Median (minutes)')).toBe('300');
    expect(value('Time to acknowledge', '90th percentile (minutes)')).toBe('492');
    expect(value('Time to close', 'Median (minutes)')).toBe(String(5 * 24 * 60));
    expect(value('Questions without a routine, by week', 'Total')).toBe('9');
    // Twelve other weeks are "< 5" too: nothing needs hiding beside W42.
    expect(value('Questions without a routine, by week', '2026-W41 (W41)')).toBe('7');
    expect(value('Questions without a routine, by week', '2026-W42 (W42)')).toBe('< 5');
    const counts = rows.slice(1).filter((r) => !['Selection', 'Time to acknowledge', 'Time to close'].includes(r[0]!) || r[1] === 'Reports');
    expect(counts.length).toBeGreaterThan(30);
    for (const [section, item, v] of counts) {
      expect(v, `${section} / ${item}`).toMatch(/^(< 5|≥ 5|\d+)$/);
      if (/^\d+$/.test(v!)) expect(Number(v), `${section} / ${item}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('quotes a field with the separator and never lets a spreadsheet read one as a formula', () => {
    const rows = parseCsv(statisticsCsv(report, { t: i18n.t('sv'), locale: 'sv', municipalityNames: ['=HYPERLINK("x")', 'Norr;by'], generatedAt: 'x' }), ';');
    expect(rows[1]![2]).toBe('\'=HYPERLINK("x"), Norr;by');
  });
});
