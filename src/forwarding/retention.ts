import type { CaseSummary } from './case-index';

/** Closed or withdrawn, and untouched for longer than the retention period: due for deletion. */
export function isPastRetention(s: CaseSummary, now: Date, retentionDays: number): boolean {
  if (retentionDays <= 0 || (s.status !== 'closed' && s.status !== 'withdrawn')) return false;
  return now.getTime() - Date.parse(s.updatedAt) > retentionDays * 24 * 3_600_000;
}

/** Counts of deleted cases: in all, per urgency, category and status. No ids, no content. */
export interface CaseCounts {
  readonly total: number;
  readonly urgency: Readonly<Record<string, number>>;
  readonly category: Readonly<Record<string, number>>;
  readonly status: Readonly<Record<string, number>>;
}

/**
 * What stays after deletion, per month: the counts, and the same counts per municipality. Counts
 * kept before municipalities were recorded (or of cases without one) are in the totals only.
 */
export interface CaseStatistics extends CaseCounts {
  readonly municipalities?: Readonly<Record<string, CaseCounts>>;
}

export function addToStatistics(stats: CaseStatistics | undefined, s: CaseSummary): CaseStatistics {
  const bump = (m: Readonly<Record<string, number>> | undefined, k: string) => ({ ...(m ?? {}), [k]: (m?.[k] ?? 0) + 1 });
  const add = (c: CaseCounts | undefined): CaseCounts => ({
    total: (c?.total ?? 0) + 1,
    urgency: bump(c?.urgency, s.urgency),
    category: bump(c?.category, s.category),
    status: bump(c?.status, s.status),
  });
  const municipalities = s.municipality ? { ...(stats?.municipalities ?? {}), [s.municipality]: add(stats?.municipalities?.[s.municipality]) } : stats?.municipalities;
  return { ...add(stats), ...(municipalities ? { municipalities } : {}) };
}
