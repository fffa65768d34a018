import type { Translate } from '../cards/translate';
import type { StatisticsReport } from './compute-statistics';
import { SMALLEST_SHOWN, type Cell } from './small-counts';
import { monthLabel, shownText, weekLabel } from './statistics-labels';
import { type Language } from '../i18n/languages';

/** The chart's font: shipped with the bot (`@expo-google-fonts/inter`), so the labels never depend on the host's fonts. */
export const CHART_FONT = 'Inter';

const BAR = '#2F6BA8';
const MUTED = '#C9D3DF';
const TEXT = '#242424';

/** One bar: its key (unique: weeks of two years may share a label), its axis label, its height, the text above it, and whether its number is hidden. */
interface Bar {
  readonly key: string;
  readonly axis: string;
  readonly height: number;
  readonly text: string;
  readonly hidden: boolean;
}

/**
 * A hidden number ("< 5" or "≥ 5") gets a pale bar up to 5 with its text above it: the bar's height
 * must not tell what the text does not.
 */
function bars<K extends string>(cells: readonly Cell<K>[], axis: (key: K) => string, t: Translate): Bar[] {
  return cells.map((c) => ({
    key: c.key,
    axis: axis(c.key),
    height: c.shown.kind === 'exact' ? c.shown.n : SMALLEST_SHOWN,
    text: shownText(c.shown, t),
    hidden: c.shown.kind !== 'exact',
  }));
}

function barPanel(title: string, values: Bar[], o: { width: number; vertical: boolean; labelAngle?: number; turnText?: boolean }): Record<string, unknown> {
  // The data is in its order already (months, weeks, the fixed order of categories): `sort: null` keeps it.
  // Bars are placed by key and labelled by a lookup from key to label.
  const labels = JSON.stringify(Object.fromEntries(values.map((v) => [v.key, v.axis])));
  const category = { field: 'key', type: 'nominal', sort: null, title: null, axis: { labelAngle: o.labelAngle ?? 0, labelLimit: 0, labelExpr: `${labels}[datum.value]` } };
  // Room above the tallest bar for its text.
  const top = Math.ceil(Math.max(SMALLEST_SHOWN, ...values.map((v) => v.height)) * 1.2);
  const amount = { field: 'height', type: 'quantitative', title: null, scale: { domain: [0, top], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const color = { condition: { test: 'datum.hidden', value: MUTED }, value: BAR };
  return {
    title: { text: title, anchor: 'start', fontSize: 13, fontWeight: 600 },
    width: o.width,
    height: o.vertical ? 120 : { step: 17 },
    data: { values },
    encoding: o.vertical ? { x: category, y: amount } : { y: category, x: amount },
    layer: [
      { mark: { type: 'bar', color: BAR }, encoding: { color } },
      {
        // Narrow bars get their text turned upright, so that neighbours do not overlap.
        mark: !o.vertical
          ? { type: 'text', align: 'left', dx: 3, fontSize: 10, color: TEXT }
          : o.turnText
            ? { type: 'text', angle: 270, align: 'left', baseline: 'middle', dy: -3, fontSize: 10, color: TEXT }
            : { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: TEXT },
        encoding: { text: { field: 'text' } },
      },
    ],
  };
}

/**
 * The picture: notes by month, questions without a routine by week, and notes by category, urgency
 * and kind of site, as a Vega-Lite spec. Every number in it, on a bar or on an axis, is the report's,
 * which is already through the small-numbers rule.
 * @example chartSpec(report, t, 'sv') → { $schema: '…/vega-lite/v6.json', vconcat: [...] }
 */
export function chartSpec(r: StatisticsReport, t: Translate, locale: Language): Record<string, unknown> {
  const weeks = r.unansweredByWeek.length;
  // One column, about as wide as a card shows it, so that Teams scales it down little; a year of weeks widens it.
  const wide = Math.max(440, weeks * 10);
  const across = { width: wide - 150, vertical: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 10, grid: true, gridColor: '#EDEDED', domainColor: '#8A8A8A', tickColor: '#8A8A8A', labelColor: TEXT },
      concat: { spacing: 22 },
    },
    vconcat: [
      barPanel(t('statistics:chart.byMonth'), bars(r.byMonth, (m) => monthLabel(m, locale), t), { width: wide, vertical: true, labelAngle: r.byMonth.length > 6 ? -45 : 0 }),
      barPanel(t('statistics:chart.unansweredByWeek'), bars(r.unansweredByWeek, (w) => weekLabel(w, t), t), { width: wide, vertical: true, labelAngle: weeks > 10 ? -90 : 0, turnText: weeks > 10 }),
      barPanel(t('statistics:chart.byCategory'), bars(r.byCategory, (c) => t(`statistics:category.${c}`), t), across),
      barPanel(t('statistics:chart.byUrgency'), bars(r.byUrgency, (u) => t(`statistics:urgency.${u}`), t), across),
      barPanel(t('statistics:chart.bySiteKind'), bars(r.bySiteKind, (k) => t(`statistics:siteKind.${k}`), t), across),
    ],
  };
}
