import type { CaseStatistics } from '../forwarding/retention';
import type { CaseFacts } from '../statistics/case-facts';
import type { MonthId, WeekId } from '../statistics/period';
import type { StatisticsSource } from '../statistics/statistics-source';
import type { BlobCaseStore } from './blob-case-store';
import type { BlobStatisticsStore } from './blob-statistics-store';
import type { BlobUnansweredCounter } from './blob-unanswered-counter';
import type { TableCaseIndex } from './table-case-index';

/** Case blobs read at once (the same for every instance; a 12-month picture reads each case of the year once). */
const READ_CONCURRENCY = 8;

/**
 * The numbers behind a statistics picture, as stored: the case index (open cases and the archive of
 * closed ones) says which cases were created in the period, each case blob gives its history (in
 * clear) and, for an incident note of a chosen municipality, the kind of site (sealed); the retention
 * counts and the unanswered-question counts are small blobs per month and per week.
 */
export class BlobStatisticsSource implements StatisticsSource {
  constructor(
    private readonly deps: {
      readonly index: TableCaseIndex;
      readonly cases: BlobCaseStore;
      readonly retention: BlobStatisticsStore;
      readonly unansweredCounts: BlobUnansweredCounter;
      readonly defaultMunicipality: string;
    },
  ) {}

  async cases(range: { start: Date; end: Date }, includes: (municipality: string) => boolean): Promise<CaseFacts[]> {
    // A row that names its municipality is skipped without reading the case; older rows do not name it.
    const rows = (await this.deps.index.createdBetween(range.start, range.end)).filter((s) => s.municipality === undefined || includes(s.municipality));
    const out: CaseFacts[] = [];
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const facts = await this.deps.cases.statisticsFacts(row.id, includes, this.deps.defaultMunicipality);
        if (facts) out.push(facts);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, rows.length) }, worker));
    return out;
  }

  async deleted(months: readonly MonthId[]): Promise<Record<MonthId, CaseStatistics>> {
    const found = await Promise.all(months.map(async (m) => [m, await this.deps.retention.month(m)] as const));
    return Object.fromEntries(found.filter((e): e is readonly [MonthId, CaseStatistics] => e[1] !== undefined));
  }

  async unanswered(weeks: readonly WeekId[]): Promise<Record<WeekId, Readonly<Record<string, number>>>> {
    const found = await Promise.all(weeks.map(async (w) => [w, await this.deps.unansweredCounts.week(w)] as const));
    return Object.fromEntries(found.filter((e): e is readonly [WeekId, Readonly<Record<string, number>>] => e[1] !== undefined));
  }
}
