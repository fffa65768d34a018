import { AppError, isAppError } from '../errors';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed, SealedBlobKind } from './note-cipher';

/** State items are sealed with their key, which is their blob name after the prefix, URI-encoded (key rotation uses this rule). */
export function sealedState(prefix = 'state/'): SealedBlobKind {
  return { prefix, aadOf: (name) => decodeURIComponent(name.slice(prefix.length)) };
}

/** State items by key: each a JSON object, with the `eTag` it was read with. */
export type StateItems = Record<string, Record<string, unknown> & { eTag?: string }>;

/**
 * Bot state (teams-ai TurnState) on our JSON blob store. It has the shape of botbuilder's `Storage`
 * (read, write, delete), so the Teams edge hands it to teams-ai as it is, and this file needs no
 * framework import; the compiler checks the fit where it is handed over (teams/teams-app.ts).
 * @remarks Unlike `BlobsStorage`, a first write is create-only (`If-None-Match: *`) and every later
 * write is guarded by the eTag it was read with, so two turns racing on one conversation never
 * silently overwrite each other: the loser gets STORAGE_CONFLICT. `eTag: '*'` forces an overwrite.
 */
export class BlobBotStorage {
  /**
   * @param cipher seals every state item (drafts and questions are personal data before they are
   * ever a case); without one, items are stored as plain JSON (tests of the storage contract only).
   */
  constructor(
    private readonly store: JsonBlobStore,
    private readonly cipher?: NoteCipher,
    private readonly prefix = 'state/',
  ) {}

  private blobName(key: string): string {
    if (!key) throw new AppError('STORAGE_CORRUPT', 'empty state key');
    return this.prefix + encodeURIComponent(key);
  }

  async read(keys: string[]): Promise<StateItems> {
    const items: StateItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const found = await this.store.get<Record<string, unknown> & { sealed?: Sealed }>(this.blobName(key));
        if (!found) return;
        const value = found.value.sealed ? this.requireCipher().open<Record<string, unknown>>(found.value.sealed, key) : found.value;
        items[key] = { ...value, eTag: found.etag };
      }),
    );
    return items;
  }

  async write(changes: StateItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        // botbuilder's Storage types items as `any`: a missing one is stored as an empty object.
        const { eTag, ...value } = item ?? {};
        const condition = eTag === '*' ? {} : eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' as const };
        const stored = this.cipher ? { sealed: this.cipher.seal(value, key) } : value;
        const etag = await this.store.put(this.blobName(key), stored, condition);
        // Keep the caller's object current so a second write in the same turn is not a false conflict.
        if (item && typeof item === 'object') item.eTag = etag;
      }),
    );
  }

  /**
   * Rewrite every state item that `clean` changes (e.g. an expired draft removed), each guarded by
   * its ETag: an item that a turn changed meanwhile is left for the next sweep. Returns the count.
   */
  async sweep(clean: (item: Record<string, unknown>) => Record<string, unknown> | undefined): Promise<number> {
    let changed = 0;
    for (const name of await this.store.list(this.prefix)) {
      const key = decodeURIComponent(name.slice(this.prefix.length));
      const found = await this.store.get<Record<string, unknown> & { sealed?: Sealed }>(name);
      if (!found) continue;
      const value = found.value.sealed ? this.requireCipher().open<Record<string, unknown>>(found.value.sealed, key) : found.value;
      const next = clean(value);
      if (!next) continue;
      try {
        await this.store.put(name, this.cipher ? { sealed: this.cipher.seal(next, key) } : next, { ifMatch: found.etag });
        changed++;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT')) throw err;
      }
    }
    return changed;
  }

  private requireCipher(): NoteCipher {
    if (!this.cipher) throw new AppError('STORAGE_CORRUPT', 'sealed state found but no key configured');
    return this.cipher;
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.store.delete(this.blobName(key))));
  }
}
