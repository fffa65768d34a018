import { isAppError } from '../errors';
import type { Case } from '../forwarding/case';
import { isOpenStatus, summaryOf, type CaseIndex, type CaseSummary } from '../forwarding/case-index';
import type { JsonBlobStore } from './json-blob-store';

const NAME = 'index/open-cases.json';
type IndexDoc = Record<string, CaseSummary>;

/**
 * One blob with a summary of every open case, updated with its ETag (a lost race re-reads and
 * re-applies), so concurrent case changes never drop each other's entries.
 */
export class BlobCaseIndex implements CaseIndex {
  constructor(private readonly store: JsonBlobStore) {}

  async put(c: Case): Promise<void> {
    const open = isOpenStatus(c.status);
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.get<IndexDoc>(NAME);
      const doc: IndexDoc = { ...(current?.value ?? {}) };
      // Two writers of one case may finish in either order: keep the newer snapshot.
      const known = doc[c.id];
      if (known && known.updatedAt > c.updatedAt) return;
      if (open) doc[c.id] = summaryOf(c);
      else if (doc[c.id]) delete doc[c.id];
      else if (current) return;
      try {
        await this.store.put(NAME, doc, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
        return;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT') || attempt >= 10) throw err;
      }
    }
  }

  async reconcile(all: readonly CaseSummary[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.get<IndexDoc>(NAME);
      const doc: IndexDoc = { ...(current?.value ?? {}) };
      for (const s of all) {
        const known = doc[s.id];
        if (known && known.updatedAt > s.updatedAt) continue;
        if (isOpenStatus(s.status)) doc[s.id] = s;
        else delete doc[s.id];
      }
      try {
        await this.store.put(NAME, doc, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
        return;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT') || attempt >= 10) throw err;
      }
    }
  }

  async open(): Promise<CaseSummary[]> {
    return Object.values((await this.store.get<IndexDoc>(NAME))?.value ?? {});
  }
}
