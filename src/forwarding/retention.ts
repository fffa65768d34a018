import type { CaseSummary } from './case-index';

/** Closed or withdrawn, and untouched for longer than the retention period: due for deletion. */
export function isPastRetention(s: CaseSummary, now: Date, retentionDays: number): boolean {
  if (retentionDays <= 0 || (s.status !== 'closed' && s.status !== 'withdrawn')) return false;
  return now.getTime() - Date.parse(s.updatedAt) > retentionDays * 24 * 3_600_000;
}

/** What stays after deletion: counts per month, urgency, category and status. No ids, no content. */
export interface CaseStatistics {
  readonly total: number;
  readonly urgency: Readonly<Record<string, number>>;
  readonly category: Readonly<Record<string, number>>;
  readonly status: Readonly<Record<string, number>>;
}

export function addToStatistics(stats: CaseStatistics | undefined, s: CaseSummary): CaseStatistics {
  const bump = (m: Readonly<Record<string, number>> | undefined, k: string) => ({ ...(m ?? {}), [k]: (m?.[k] ?? 0) + 1 });
  return {
    total: (stats?.total ?? 0) + 1,
    urgency: bump(stats?.urgency, s.urgency),
    category: bump(stats?.category, s.category),
    status: bump(stats?.status, s.status),
  };
}
