import { AppError, isAppError } from '../errors';
import { isNoticeDue, type NoticeLog } from '../forwarding/admin-notices';
import type { JsonBlobStore } from './json-blob-store';

/** One small blob per topic (`notices/<topic>.json`, the time of the last notice), claimed with its ETag. */
export class BlobNoticeLog implements NoticeLog {
  constructor(private readonly store: JsonBlobStore) {}

  async claim(topic: string, now: Date, everyMs: number): Promise<boolean> {
    if (!/^[a-z0-9-]{1,60}$/.test(topic)) throw new AppError('INTERNAL', 'a notice topic must be lower-case letters, digits and dashes');
    const name = `notices/${topic}.json`;
    const found = await this.store.get<{ lastAt?: string }>(name);
    if (found && !isNoticeDue(found.value.lastAt, now, everyMs)) return false;
    try {
      // Whoever writes first (create-only, or over exactly the version read) sends; the others lost the race.
      await this.store.put(name, { lastAt: now.toISOString() }, found ? { ifMatch: found.etag } : { ifNoneMatch: '*' });
      return true;
    } catch (err) {
      if (isAppError(err, 'STORAGE_CONFLICT')) return false;
      throw err;
    }
  }
}
