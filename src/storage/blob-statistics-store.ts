import { isAppError } from '../errors';
import type { CaseSummary } from '../forwarding/case-index';
import type { StatisticsStore } from '../forwarding/forwarding-service';
import { addToStatistics, type CaseStatistics } from '../forwarding/retention';
import type { JsonBlobStore } from './json-blob-store';

/** Monthly counts of deleted cases (`stats/YYYY-MM.json`, by the month the case was created), ETag-guarded. */
export class BlobStatisticsStore implements StatisticsStore {
  constructor(private readonly store: JsonBlobStore) {}

  async add(summary: CaseSummary): Promise<void> {
    const name = `stats/${summary.createdAt.slice(0, 7)}.json`;
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.get<CaseStatistics>(name);
      try {
        await this.store.put(name, addToStatistics(current?.value, summary), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
        return;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT') || attempt >= 10) throw err;
      }
    }
  }

  async month(yyyyMm: string): Promise<CaseStatistics | undefined> {
    return (await this.store.get<CaseStatistics>(`stats/${yyyyMm}.json`))?.value;
  }
}
