import { retryOnConflict } from '../retry';
import type { CaseSummary } from '../forwarding/case-index';
import type { StatisticsStore } from '../forwarding/forwarding-service';
import { addToStatistics, type CaseStatistics } from '../forwarding/retention';
import type { JsonBlobStore } from './json-blob-store';

/** Monthly counts of deleted cases (`stats/YYYY-MM.json`, by the month the case was created), ETag-guarded. */
export class BlobStatisticsStore implements StatisticsStore {
  constructor(private readonly store: JsonBlobStore) {}

  async add(summary: CaseSummary): Promise<void> {
    const name = `stats/${summary.createdAt.slice(0, 7)}.json`;
    await retryOnConflict(async () => {
      const current = await this.store.get<CaseStatistics>(name);
      await this.store.put(name, addToStatistics(current?.value, summary), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
    });
  }

  async month(yyyyMm: string): Promise<CaseStatistics | undefined> {
    return (await this.store.get<CaseStatistics>(`stats/${yyyyMm}.json`))?.value;
  }
}
