import { CASE_CATEGORIES, type CaseCategory, type Urgency } from '../forwarding/case';
import type { CaseCounts, CaseStatistics } from '../forwarding/retention';
import { SITE_KINDS } from '../forwarding/routing-directory';
import type { CaseFacts, SiteKindBucket } from './case-facts';
import { summarizeDurations, type DurationSummary } from './percentile';
import { monthIn } from '../calendar';
import { monthsOf, periodBounds, weeksOf, type MonthId, type Period, type WeekId } from './period';
import { protectBreakdown, showCount, type Cell, type ShownCount } from './small-counts';

export const URGENCIES: readonly Urgency[] = ['P1', 'P2', 'P3', 'P4'];
export const SITE_KIND_BUCKETS: readonly SiteKindBucket[] = [...SITE_KINDS, 'none', 'unknown'];

/** Which picture: a period of whole months, and the municipalities it covers (one, or all the viewer may see). */
export interface StatisticsQuery {
  readonly period: Period;
  readonly municipalities: readonly string[];
  /** Counts recorded without a municipality (older retention counts) belong to it, as such cases do. */
  readonly defaultMunicipality: string;
  readonly timeZone: string;
}

/** What was read from storage for the query (the source may return more; the query decides). */
export interface StatisticsData {
  readonly cases: readonly CaseFacts[];
  /** Retention counts by the month the deleted cases were created. */
  readonly deleted: Readonly<Record<MonthId, CaseStatistics>>;
  /** Questions no routine answered, by week and municipality. */
  readonly unanswered: Readonly<Record<WeekId, Readonly<Record<string, number>>>>;
}

/**
 * The picture of the work in a period, every count already passed through the small-numbers rule:
 * nothing in it can show fewer than 5 cases, so a card, a chart or a file may show all of it.
 */
export interface StatisticsReport {
  readonly period: Period;
  /** Notes (incident notes and hand-off questions), including those deleted by retention since. */
  readonly total: ShownCount;
  readonly byMonth: readonly Cell<MonthId>[];
  readonly byCategory: readonly Cell<CaseCategory>[];
  readonly byUrgency: readonly Cell<Urgency>[];
  readonly bySiteKind: readonly Cell<SiteKindBucket>[];
  /** Hand-offs: questions passed to a coordinator (the `question` category; shown as in `byCategory`). */
  readonly handOffs: ShownCount;
  /** Stored cases that went up the ladder at least once, and how many steps up there were. */
  readonly escalatedCases: ShownCount;
  readonly escalationSteps: ShownCount;
  /** Incident notes only (hand-off questions are answered, not acknowledged): receipt to first acknowledgement, and to close. */
  readonly toAcknowledge: DurationSummary;
  readonly toClose: DurationSummary;
  /** Questions the bot had no routine for (the "no routine" answer and the closest-routines choices). */
  readonly unanswered: ShownCount;
  readonly unansweredByWeek: readonly Cell<WeekId>[];
  /** How many of `total` were deleted by retention (counted, but without times, escalations or kind of site); shown as `bySiteKind`'s `unknown`. */
  readonly deleted: ShownCount;
}

const EMPTY_COUNTS: CaseCounts = { total: 0, urgency: {}, category: {}, status: {} };

/**
 * The retention counts that belong to the chosen municipalities. A count kept without a municipality
 * (before they were recorded) is the default municipality's, as a case without one is.
 */
export function deletedCountsFor(stats: CaseStatistics | undefined, municipalities: readonly string[], defaultMunicipality: string): CaseCounts {
  if (!stats) return EMPTY_COUNTS;
  const recorded = stats.municipalities ?? {};
  const parts: CaseCounts[] = municipalities.map((m) => recorded[m] ?? EMPTY_COUNTS);
  if (municipalities.includes(defaultMunicipality)) {
    const attributed = Object.values(recorded);
    const rest = (pick: (c: CaseCounts) => Readonly<Record<string, number>>) => {
      const out: Record<string, number> = {};
      for (const [k, n] of Object.entries(pick(stats))) out[k] = n - attributed.reduce((sum, c) => sum + (pick(c)[k] ?? 0), 0);
      return out;
    };
    parts.push({
      total: stats.total - attributed.reduce((sum, c) => sum + c.total, 0),
      urgency: rest((c) => c.urgency),
      category: rest((c) => c.category),
      status: rest((c) => c.status),
    });
  }
  const sum = (pick: (c: CaseCounts) => Readonly<Record<string, number>>) => {
    const out: Record<string, number> = {};
    for (const part of parts) for (const [k, n] of Object.entries(pick(part))) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return { total: parts.reduce((s, c) => s + c.total, 0), urgency: sum((c) => c.urgency), category: sum((c) => c.category), status: sum((c) => c.status) };
}

/**
 * Count, then protect. Cases are counted by the month (in the configured zone) they were received;
 * deleted cases by the month their counts were kept under, which is the same.
 * @example computeStatistics({ period: { from: '2026-06', to: '2026-11' }, municipalities: ['demo'], … }, data).byMonth
 */
export function computeStatistics(q: StatisticsQuery, data: StatisticsData): StatisticsReport {
  const months = monthsOf(q.period);
  const weeks = weeksOf(q.period, q.timeZone);
  const { start, end } = periodBounds(q.period, q.timeZone);
  const chosen = new Set(q.municipalities);
  const cases = data.cases.filter((c) => chosen.has(c.municipality) && Date.parse(c.createdAt) >= start.getTime() && Date.parse(c.createdAt) < end.getTime());
  const deleted = months.map((m) => ({ month: m, counts: deletedCountsFor(data.deleted[m], q.municipalities, q.defaultMunicipality) }));
  const deletedTotal = deleted.reduce((s, d) => s + d.counts.total, 0);

  const count = <K extends string>(keys: readonly K[], ofCase: (c: CaseFacts) => K, ofDeleted: (d: CaseCounts, key: K) => number): Cell<K>[] =>
    protectBreakdown(keys.map((key) => ({ key, n: cases.filter((c) => ofCase(c) === key).length + deleted.reduce((s, d) => s + ofDeleted(d.counts, key), 0) })));

  const byMonth = protectBreakdown(
    deleted.map(({ month, counts }) => ({ key: month, n: cases.filter((c) => monthIn(c.createdAt, q.timeZone) === month).length + counts.total })),
  );
  const byCategory = count(CASE_CATEGORIES, (c) => c.category, (d, k) => d.category[k] ?? 0);
  const byUrgency = count(URGENCIES, (c) => c.urgency, (d, k) => d.urgency[k] ?? 0);
  const bySiteKind = count(SITE_KIND_BUCKETS, (c) => c.siteKind, (d, k) => (k === 'unknown' ? d.total : 0));

  const notes = cases.filter((c) => c.category !== 'question');
  const since = (c: CaseFacts, at: string | undefined) => (at ? [Date.parse(at) - Date.parse(c.createdAt)] : []);
  const unansweredByWeek = weeks.map((week) => ({ key: week, n: q.municipalities.reduce((s, m) => s + (data.unanswered[week]?.[m] ?? 0), 0) }));

  return {
    period: q.period,
    total: showCount(cases.length + deletedTotal),
    byMonth,
    byCategory,
    byUrgency,
    bySiteKind,
    handOffs: byCategory.find((c) => c.key === 'question')!.shown,
    escalatedCases: showCount(cases.filter((c) => c.escalations > 0).length),
    escalationSteps: showCount(cases.reduce((s, c) => s + c.escalations, 0)),
    toAcknowledge: summarizeDurations(notes.flatMap((c) => since(c, c.acknowledgedAt))),
    toClose: summarizeDurations(notes.flatMap((c) => since(c, c.closedAt))),
    unanswered: showCount(unansweredByWeek.reduce((s, w) => s + w.n, 0)),
    unansweredByWeek: protectBreakdown(unansweredByWeek),
    // The same number as the `unknown` kind of site, so shown as that cell is (never more exactly).
    deleted: bySiteKind.find((c) => c.key === 'unknown')!.shown,
  };
}
