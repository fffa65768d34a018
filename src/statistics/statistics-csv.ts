import type { Translate } from '../cards/translate';
import type { StatisticsReport } from './compute-statistics';
import type { DurationSummary } from './percentile';
import { shownText, monthLabel, weekLabel } from './statistics-labels';
import { type Language } from '../i18n/languages';

export interface CsvContext {
  readonly t: Translate;
  readonly locale: Language;
  /** The municipality names the report covers. */
  readonly municipalityNames: readonly string[];
  /** When it was made, as shown (local time). */
  readonly generatedAt: string;
}

/**
 * Swedish spreadsheets expect semicolons (the comma is the decimal sign), English ones commas;
 * a UTF-8 byte order mark makes Excel read å, ä and ö.
 */
const SEPARATOR = { sv: ';', en: ',' } as const;
const BOM = '\uFEFF';

/** One field, quoted when it must be (RFC 4180), and never read as a formula by a spreadsheet. */
function field(value: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as a file for the follow-up meeting: three columns (section, item, value), the same
 * numbers as the card, every count through the small-numbers rule ("< 5", "≥ 5"). Times are whole
 * minutes. Nothing in it names a person, a site or a case.
 * @example statisticsCsv(report, { t, locale: 'sv', municipalityNames: ['Demokommun'], generatedAt: '2026-11-30 10:00' })
 */
export function statisticsCsv(r: StatisticsReport, ctx: CsvContext): string {
  const { t, locale } = ctx;
  const rows: [string, string, string][] = [[t('statistics:csv.section'), t('statistics:csv.item'), t('statistics:csv.value')]];
  const add = (section: string, item: string, value: string) => rows.push([t(`statistics:section.${section}`), item, value]);

  add('selection', t('statistics:csv.municipality'), ctx.municipalityNames.join(', '));
  add('selection', t('statistics:csv.period'), `${r.period.from} – ${r.period.to}`);
  add('selection', t('statistics:csv.generated'), ctx.generatedAt);
  add('selection', t('statistics:csv.rule'), t('statistics:rule'));

  add('totals', t('statistics:total'), shownText(r.total, t));
  add('totals', t('statistics:handOffs'), shownText(r.handOffs, t));
  add('totals', t('statistics:escalatedCases'), shownText(r.escalatedCases, t));
  add('totals', t('statistics:escalationSteps'), shownText(r.escalationSteps, t));
  add('totals', t('statistics:deleted'), shownText(r.deleted, t));
  for (const c of r.byMonth) add('byMonth', `${c.key} (${monthLabel(c.key, locale)})`, shownText(c.shown, t));
  for (const c of r.byCategory) add('byCategory', t(`statistics:category.${c.key}`), shownText(c.shown, t));
  for (const c of r.byUrgency) add('byUrgency', t(`statistics:urgency.${c.key}`), shownText(c.shown, t));
  for (const c of r.bySiteKind) add('bySiteKind', t(`statistics:siteKind.${c.key}`), shownText(c.shown, t));
  const times = (section: 'toAcknowledge' | 'toClose', d: DurationSummary) => {
    add(section, t('statistics:csv.cases'), shownText(d.count, t));
    const minutes = (ms: number | undefined) => (ms === undefined ? t('statistics:notShown') : String(Math.round(ms / 60_000)));
    add(section, t('statistics:csv.medianMinutes'), minutes(d.medianMs));
    add(section, t('statistics:csv.p90Minutes'), minutes(d.p90Ms));
  };
  times('toAcknowledge', r.toAcknowledge);
  times('toClose', r.toClose);
  add('unanswered', t('statistics:total'), shownText(r.unanswered, t));
  for (const c of r.unansweredByWeek) add('unanswered', `${c.key} (${weekLabel(c.key, t)})`, shownText(c.shown, t));

  const sep = SEPARATOR[locale];
  return BOM + rows.map((row) => row.map((v) => field(v, sep)).join(sep)).join('\r\n') + '\r\n';
}
