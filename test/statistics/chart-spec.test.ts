import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/create-i18n';
import { LOCALES_DIR } from '../../src/paths';
import { caseFactsOf } from '../../src/statistics/case-facts';
import { chartSpec } from '../../src/statistics/chart-spec';
import { computeStatistics } from '../../src/statistics/compute-statistics';
import { chartSvg, renderChartPng } from '../../src/statistics/render-chart';

const t = createI18n(LOCALES_DIR, 'sv').t('en');
const facts = Array.from({ length: 8 }, () =>
  caseFactsOf({ createdAt: '2026-10-05T08:00:00.000Z', status: 'delivered', category: 'other', urgency: 'P3', history: [] }, 'demo', 'hotel'),
).concat([caseFactsOf({ createdAt: '2026-11-05T08:00:00.000Z', status: 'delivered', category: 'other', urgency: 'P3', history: [] }, 'demo', 'hotel')]);
const report = computeStatistics({ period: { from: '2026-10', to: '2026-11' }, municipalities: ['demo'], defaultMunicipality: 'demo', timeZone: 'Europe/Stockholm' }, { cases: facts, deleted: {}, unanswered: {} });

describe('the statistics chart', () => {
  it('gives a hidden number a pale bar up to 5 and its "< 5" or "≥ 5" text: the bar says no more than the text', () => {
    const spec = chartSpec(report, t, 'en');
    const months = ((spec.vconcat as Record<string, any>[])[0]!.data as { values: Record<string, unknown>[] }).values;
    expect(months).toEqual([
      { key: '2026-10', axis: 'Oct 2026', height: 5, text: '≥ 5', hidden: true },
      { key: '2026-11', axis: 'Nov 2026', height: 5, text: '< 5', hidden: true },
    ]);
    // Every bar of every panel: a hidden one is 5 high with its mark; a shown one is as high as its number, at least 5.
    const panels = (spec.vconcat as Record<string, any>[]).flatMap((p) => (p.hconcat as Record<string, any>[] | undefined) ?? [p]);
    expect(panels).toHaveLength(5);
    for (const bar of panels.flatMap((p) => p.data.values as { height: number; text: string; hidden: boolean }[])) {
      if (bar.hidden) expect([bar.height, ['< 5', '≥ 5'].includes(bar.text)]).toEqual([5, true]);
      else expect([bar.text, bar.height >= 5]).toEqual([String(bar.height), true]);
    }
  });

  it('is drawn by Vega as SVG with the labels as text, and by resvg as a PNG within the size for a card', async () => {
    const spec = chartSpec(report, t, 'en');
    const svg = await chartSvg(spec);
    expect(svg).toContain('&lt; 5');
    expect(svg).toContain('Reports by month');
    const png = await renderChartPng(spec);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeLessThanOrEqual(60_000);
  }, 30_000);
});
