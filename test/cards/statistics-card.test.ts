import { describe, expect, it } from 'vitest';
import { statisticsCard, type StatisticsCardInput } from '../../src/cards/statistics-card';
import { createI18n } from '../../src/i18n/create-i18n';
import { LOCALES_DIR } from '../../src/paths';
import { computeStatistics } from '../../src/statistics/compute-statistics';
import { cardProblems } from '../support/adaptive-card-validator';

const i18n = createI18n(LOCALES_DIR, 'sv');
const report = computeStatistics({ period: { from: '2026-09', to: '2026-11' }, municipalities: ['demo'], defaultMunicipality: 'demo', timeZone: 'Europe/Stockholm' }, { cases: [], deleted: {}, unanswered: {} });
const input: StatisticsCardInput = {
  report,
  coverage: 'Demokommun',
  chartDataUri: 'data:image/png;base64,iVBORw0KGgo=',
  csv: { url: 'https://samverka.example.org/downloads/x', minutes: 15 },
  chosen: { period: 'last3', from: '2026-09', to: '2026-11', municipality: 'demo' },
  months: ['2026-11', '2026-10', '2026-09'],
  municipalities: [{ id: 'demo', name: 'Demokommun' }, { id: 'norrby', name: 'Norrby' }],
  locale: 'sv',
  generatedAt: '2026-11-30 10:00',
};

describe('statisticsCard', () => {
  it('is a valid Adaptive Card 1.5 with the chart, the inputs, Show and Download CSV', () => {
    const card = statisticsCard(input, i18n.t('sv'));
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"type":"Image","id":"statistics-chart","url":"data:image/png;base64,iVBORw0KGgo="');
    expect(text).toContain('"verb":"statistics.show"');
    expect(text).toContain('"type":"Action.OpenUrl","title":"Ladda ner CSV","url":"https://samverka.example.org/downloads/x"');
    for (const id of ['period', 'from', 'to', 'municipality']) expect(text).toContain(`"id":"${id}"`);
    expect(text).toContain('"title":"Alla (2)","value":"all"');
    // Nothing was stored: every count is "< 5", never 0.
    expect(text).toContain('"title":"Totalt","value":"< 5"');
    expect(text).not.toMatch(/"value":"[0-4]"/);
  });

  it('says so when the chart could not be drawn or no download is set up, and shows the numbers all the same', () => {
    const { chartDataUri: _c, csv: _d, ...rest } = input;
    const text = JSON.stringify(statisticsCard(rest, i18n.t('en')));
    expect(text).not.toContain('"type":"Image"');
    expect(text).not.toContain('Action.OpenUrl');
    expect(text).toContain('The chart could not be drawn this time');
    expect(text).toContain('The CSV download is not set up on this installation');
    expect(text).toContain('"title":"Total","value":"< 5"');
  });
});
