import { isAppError } from '../errors';
import type { JobLock } from '../forwarding/job-lock';
import type { JsonBlobStore } from './json-blob-store';

/** A blob lease per job (`jobs/<name>.lock`): whoever holds it runs the job; it expires after 15 s. */
export class BlobJobLock implements JobLock {
  constructor(private readonly store: JsonBlobStore) {}

  async tryLock(job: string): Promise<{ release(): Promise<void> } | undefined> {
    const name = `jobs/${job}.lock`;
    try {
      await this.store.put(name, { job }, { ifNoneMatch: '*' });
    } catch (err) {
      // Created by an earlier run or another instance: fine, it is only the thing we lease.
      if (!isAppError(err, 'STORAGE_CONFLICT')) throw err;
    }
    const leaseId = await this.store.acquireLease(name, 15);
    return leaseId ? { release: () => this.store.releaseLease(name, leaseId) } : undefined;
  }
}
