import { isAppError } from '../errors';
import type { OutboxClaim, OutboxItem, OutboxStore } from '../forwarding/outbox';
import type { JsonBlobStore } from './json-blob-store';

// The shortest lease Azure allows: a holder that crashed mid-delivery blocks the item for 15 s at most.
const LEASE_SECONDS = 15;

/** The outbox as one blob per delivery (`outbox/<id>.json`), claimed with a blob lease. */
export class BlobOutboxStore implements OutboxStore {
  constructor(private readonly store: JsonBlobStore) {}

  private name(id: string): string {
    return `outbox/${id}.json`;
  }

  async add(item: OutboxItem): Promise<void> {
    try {
      await this.store.put(this.name(item.id), item, { ifNoneMatch: '*' });
    } catch (err) {
      // The same delivery was queued already (a retried submit): the first one stands.
      if (!isAppError(err, 'STORAGE_CONFLICT')) throw err;
    }
  }

  async pending(): Promise<OutboxItem[]> {
    const items = await Promise.all((await this.store.list('outbox/')).map((n) => this.store.get<OutboxItem>(n)));
    return items.flatMap((i) => (i && i.value.status === 'pending' ? [i.value] : [])).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  async due(now: Date): Promise<OutboxItem[]> {
    return (await this.pending()).filter((i) => Date.parse(i.nextAttemptAt) <= now.getTime());
  }

  async claim(id: string): Promise<OutboxClaim | undefined> {
    const name = this.name(id);
    const leaseId = await this.store.acquireLease(name, LEASE_SECONDS);
    if (!leaseId) return undefined;
    // Read after leasing: the item may have been delivered by the previous holder meanwhile.
    const current = await this.store.get<OutboxItem>(name);
    const claim: LeasedClaim = { item: current?.value as OutboxItem, leaseId, release: () => this.store.releaseLease(name, leaseId) };
    if (!current || current.value.status !== 'pending') {
      await claim.release();
      return undefined;
    }
    return claim;
  }

  async update(claim: OutboxClaim, item: OutboxItem): Promise<void> {
    await this.store.put(this.name(item.id), item, { leaseId: (claim as LeasedClaim).leaseId });
  }

  async complete(claim: OutboxClaim): Promise<void> {
    await this.store.delete(this.name(claim.item.id), { leaseId: (claim as LeasedClaim).leaseId });
  }
}

interface LeasedClaim extends OutboxClaim {
  readonly leaseId: string;
}
