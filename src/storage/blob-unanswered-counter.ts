import type { UnansweredCounter } from '../statistics/statistics-source';
import type { WeekId } from '../statistics/period';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore } from './json-blob-store';

/** Counts per municipality for one week: no question text, no user id, no time finer than the week. */
type WeekCounts = Readonly<Record<string, number>>;

const WEEK = /^\d{4}-W\d{2}$/;

/**
 * Questions no routine answered, one small blob per ISO week (`statistics/unanswered/2026-W14.json`,
 * `{ "demo": 3 }`), counted with ETag retries so that two instances never lose a count.
 */
export class BlobUnansweredCounter implements UnansweredCounter {
  constructor(
    private readonly store: JsonBlobStore,
    private readonly maxAttempts = 8,
  ) {}

  private name(week: WeekId): string {
    if (!WEEK.test(week)) throw new RangeError(`not an ISO week: ${week}`);
    return `statistics/unanswered/${week}.json`;
  }

  async record(week: WeekId, municipality: string): Promise<void> {
    const name = this.name(week);
    await retryOnConflict(async () => {
      const current = await this.store.get<WeekCounts>(name);
      const next = { ...(current?.value ?? {}), [municipality]: (current?.value[municipality] ?? 0) + 1 };
      await this.store.put(name, next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
    }, { attempts: this.maxAttempts });
  }

  /** The counts of one week, or undefined when nothing was counted then. */
  async week(week: WeekId): Promise<WeekCounts | undefined> {
    return (await this.store.get<WeekCounts>(this.name(week)))?.value;
  }
}
