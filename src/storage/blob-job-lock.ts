import { isAppError } from '../errors';
import type { JobLock } from '../forwarding/job-lock';
import type { JsonBlobStore } from './json-blob-store';

const LEASE_SECONDS = 15;
/** Renewed well before it runs out, so a long pass keeps its lock; a crashed holder's lapses in 15 s. */
const RENEW_MS = 5_000;

/** A blob lease per job (`jobs/<name>.lock`): whoever holds it runs the job, renewed while it runs. */
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
    const leaseId = await this.store.acquireLease(name, LEASE_SECONDS);
    if (!leaseId) return undefined;
    const renew = setInterval(() => void this.store.renewLease(name, leaseId).catch(() => undefined), RENEW_MS);
    renew.unref();
    return {
      release: async () => {
        clearInterval(renew);
        await this.store.releaseLease(name, leaseId);
      },
    };
  }
}
