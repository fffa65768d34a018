import type { StatisticsReport } from '../statistics/compute-statistics';
import type { MonthId, PeriodChoice } from '../statistics/period';
import { PERIOD_CHOICES } from '../statistics/period';
import type { DurationSummary } from '../statistics/percentile';
import type { Cell } from '../statistics/small-counts';
import { durationText, monthLabel, shownText } from '../statistics/statistics-labels';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import type { Translate } from './translate';
import { Verb } from './verbs';
import { type Language } from '../i18n/languages';

/** The choice `all` on the municipality input: every municipality the viewer may see. */
export const ALL_MUNICIPALITIES = 'all';

export interface StatisticsCardInput {
  readonly report: StatisticsReport;
  /** What the picture covers: a municipality's name, or "all your municipalities". */
  readonly coverage: string;
  /** The chart as a `data:image/png;base64,…` URI; without it the card says so and shows the numbers. */
  readonly chartDataUri?: string;
  /** The CSV link and how long it works; without it the card says the download is not set up. */
  readonly csv?: { readonly url: string; readonly minutes: number };
  /** What the inputs show: the choices this picture was made with. */
  readonly chosen: { readonly period: PeriodChoice; readonly from: MonthId; readonly to: MonthId; readonly municipality: string };
  /** The months one may pick, newest first. */
  readonly months: readonly MonthId[];
  /** The municipalities the viewer may see (two or more add "all"). */
  readonly municipalities: readonly { readonly id: string; readonly name: string }[];
  readonly locale: Language;
  /** When it was made, as shown. */
  readonly generatedAt: string;
  /** A line above the picture, e.g. why the period asked for could not be used. */
  readonly notice?: string;
}

function heading(text: string): CardElement {
  return textBlock(text, { weight: 'Bolder', spacing: 'Medium', separator: true });
}

function facts<K extends string>(cells: readonly Cell<K>[], title: (key: K) => string, t: Translate): CardElement {
  return { type: 'FactSet', facts: cells.map((c) => ({ title: title(c.key), value: shownText(c.shown, t) })) };
}

function time(d: DurationSummary, t: Translate): string {
  return d.medianMs !== undefined && d.p90Ms !== undefined
    ? t('statistics:card.timeValue', { median: durationText(d.medianMs, t), p90: durationText(d.p90Ms, t), count: shownText(d.count, t) })
    : t('statistics:card.timeTooFew');
}

function choiceSet(id: string, label: string, value: string, choices: readonly { title: string; value: string }[]): CardElement {
  return { type: 'Input.ChoiceSet', id, label, style: 'compact', value, choices: choices.map((c) => ({ title: c.title, value: c.value })) };
}

/**
 * The statistics card: the chart, every number beside it (the same as in the chart and the CSV, all
 * through the small-numbers rule), inputs for another period or municipality, **Show** and
 * **Download CSV**.
 * @example statisticsCard({ report, coverage: 'Demokommun', chartDataUri, csv: { url, minutes: 15 }, … }, t)
 */
export function statisticsCard(o: StatisticsCardInput, t: Translate): AdaptiveCard {
  const r = o.report;
  const period = t('statistics:card.period', { from: monthLabel(r.period.from, o.locale), to: monthLabel(r.period.to, o.locale) });
  const body: CardElement[] = [
    textBlock(t('statistics:card.title', { municipality: o.coverage }), { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    textBlock(period, { spacing: 'None', isSubtle: true }),
    ...(o.notice ? [textBlock(o.notice, { color: 'Attention' })] : []),
    textBlock(t('statistics:card.privacy'), { size: 'Small', isSubtle: true }),
    o.chartDataUri
      ? { type: 'Image', id: 'statistics-chart', url: o.chartDataUri, altText: t('statistics:card.chartAlt'), size: 'Stretch' }
      : textBlock(t('statistics:card.noChart'), { color: 'Warning' }),
    heading(t('statistics:card.totals')),
    {
      type: 'FactSet',
      facts: [
        { title: t('statistics:total'), value: shownText(r.total, t) },
        { title: t('statistics:handOffs'), value: shownText(r.handOffs, t) },
        { title: t('statistics:escalatedCases'), value: t('statistics:card.escalations', { cases: shownText(r.escalatedCases, t), steps: shownText(r.escalationSteps, t) }) },
        { title: t('statistics:unanswered'), value: shownText(r.unanswered, t) },
        { title: t('statistics:deleted'), value: shownText(r.deleted, t) },
      ],
    },
    heading(t('statistics:card.times')),
    {
      type: 'FactSet',
      facts: [
        { title: t('statistics:section.toAcknowledge'), value: time(r.toAcknowledge, t) },
        { title: t('statistics:section.toClose'), value: time(r.toClose, t) },
      ],
    },
    textBlock(t('statistics:card.timesNote'), { size: 'Small', isSubtle: true }),
    heading(t('statistics:section.byMonth')),
    facts(r.byMonth, (m) => monthLabel(m, o.locale), t),
    heading(t('statistics:section.byCategory')),
    facts(r.byCategory, (c) => t(`statistics:category.${c}`), t),
    heading(t('statistics:section.byUrgency')),
    facts(r.byUrgency, (u) => t(`statistics:urgency.${u}`), t),
    heading(t('statistics:section.bySiteKind')),
    facts(r.bySiteKind, (k) => t(`statistics:siteKind.${k}`), t),
    heading(t('statistics:card.choose')),
    choiceSet('period', t('statistics:card.periodLabel'), o.chosen.period, PERIOD_CHOICES.map((p) => ({ title: t(`statistics:choice.${p}`), value: p }))),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [choiceSet('from', t('statistics:card.fromLabel'), o.chosen.from, o.months.map((m) => ({ title: monthLabel(m, o.locale), value: m })))] },
        { type: 'Column', width: 'stretch', items: [choiceSet('to', t('statistics:card.toLabel'), o.chosen.to, o.months.map((m) => ({ title: monthLabel(m, o.locale), value: m })))] },
      ],
    },
    choiceSet('municipality', t('statistics:card.municipalityLabel'), o.chosen.municipality, [
      ...o.municipalities.map((m) => ({ title: m.name, value: m.id })),
      ...(o.municipalities.length > 1 ? [{ title: t('statistics:choice.all', { count: o.municipalities.length }), value: ALL_MUNICIPALITIES }] : []),
    ]),
    textBlock(o.csv ? t('statistics:card.downloadNote', { minutes: o.csv.minutes }) : t('statistics:card.noDownload'), { size: 'Small', isSubtle: true }),
    textBlock(t('statistics:card.sources', { at: o.generatedAt }), { size: 'Small', isSubtle: true }),
  ];
  const actions: CardElement[] = [
    submitAction(t('statistics:card.show'), Verb.StatisticsShow, {}, { style: 'positive' }),
    ...(o.csv ? [{ type: 'Action.OpenUrl', title: t('statistics:card.download'), url: o.csv.url }] : []),
  ];
  return { ...adaptiveCard(body, actions, `${t('statistics:card.title', { municipality: o.coverage })} ${period}`), msteams: { width: 'Full' } };
}
