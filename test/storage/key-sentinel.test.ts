import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { createBlobContainers } from '../../src/storage/blob-container';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { KeySentinel } from '../../src/storage/key-sentinel';
import { NoteCipher, type Sealed } from '../../src/storage/note-cipher';
import { SENTINEL_BLOB } from '../../src/storage/sealed-blobs';
import { freshContainers } from '../support/azurite';

const K1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const K2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const WRONG = { id: 'k1', key: Buffer.alloc(32, 3) };

async function storeOn(prefix: string) {
  const c = await freshContainers(prefix);
  return new JsonBlobStore(c.data);
}
const sentinelKid = async (store: JsonBlobStore) => (await store.get<{ sealed: Sealed }>(SENTINEL_BLOB))?.value.sealed.kid;

async function mismatchOf(check: Promise<unknown>): Promise<string> {
  const err = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(err, 'STORAGE_KEY_MISMATCH')) throw new Error(`expected STORAGE_KEY_MISMATCH, got ${String(err)}`);
  return err.message;
}

describe('KeySentinel', () => {
  it('writes the sentinel under the newest key the first time, and finds it current afterwards', async () => {
    const store = await storeOn('sentinel');
    expect(await new KeySentinel(store, new NoteCipher([K1])).check()).toBe('created');
    expect(await sentinelKid(store)).toBe('k1');
    expect(await new KeySentinel(store, new NoteCipher([K1])).check()).toBe('current');
  });

  it('re-seals the sentinel when a newer key is put in front of the ring', async () => {
    const store = await storeOn('sentinel-new');
    await new KeySentinel(store, new NoteCipher([K1])).check();
    expect(await new KeySentinel(store, new NoteCipher([K2, K1])).check()).toBe('resealed');
    expect(await sentinelKid(store)).toBe('k2');
    // Now the old key alone no longer opens it: the sentinel follows the newest key.
    expect(await new KeySentinel(store, new NoteCipher([K2])).check()).toBe('current');
  });

  it('refuses a ring that does not open the sentinel, in one line naming the key ids', async () => {
    const store = await storeOn('sentinel-wrong');
    await new KeySentinel(store, new NoteCipher([K1])).check();
    const unknownId = await mismatchOf(new KeySentinel(store, new NoteCipher([K2])).check());
    expect(unknownId).toContain('keys/sentinel.json is sealed with key "k1"');
    expect(unknownId).toContain('configured keys ("k2")');
    expect(unknownId).not.toContain('\n');
    // The same id with other key material is refused as well.
    expect(await mismatchOf(new KeySentinel(store, new NoteCipher([WRONG])).check())).toContain('sealed with key "k1"');
    expect(await sentinelKid(store)).toBe('k1');
  });

  it('refuses a wrong key on an existing deployment that has no sentinel yet, and writes none', async () => {
    const store = await storeOn('sentinel-existing');
    const now = new Date().toISOString();
    await new BlobCaseStore(store, new NoteCipher(K1.key)).create({
      id: randomUUID(), status: 'received', createdAt: now, updatedAt: now, history: [],
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P3', category: 'other' },
      reporter: { userId: 'u', conversationRef: {}, locale: 'sv' },
    });
    expect(await mismatchOf(new KeySentinel(store, new NoteCipher([K2])).check())).toContain('existing data (cases/…)');
    expect(await store.get(SENTINEL_BLOB)).toBeUndefined();
    // The legacy key (named by its fingerprint in the stored case) is accepted inside a ring.
    expect(await new KeySentinel(store, new NoteCipher([K2, { key: K1.key }])).check()).toBe('created');
  });

  it('lets instances starting at once agree on one sentinel', async () => {
    const store = await storeOn('sentinel-race');
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => new KeySentinel(store, new NoteCipher([K1])).check()));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'current')).toHaveLength(5);
  });
});

describe('KeySentinel when storage is down at start', () => {
  it('is not verified while storage is unreachable, then checks once it answers: a wrong ring is logged once and stays unverified', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samverka-sentinel-'));
    const azurite = await startEmbeddedAzurite({ dir, port: 0, logger: silentLogger });
    try {
      const containers = createBlobContainers(azurite.connectionString, 'sentinel-down');
      await containers.data.createIfNotExists();
      const store = new JsonBlobStore(containers.data);
      await new KeySentinel(store, new NoteCipher([K1])).check();
      await azurite.stop();

      const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
      const logger = { ...silentLogger, error: (msg: string, fields?: Record<string, unknown>) => void errors.push({ msg, fields }) };
      const wrong = new KeySentinel(store, new NoteCipher([K2]));
      const right = new KeySentinel(store, new NoteCipher([K2, K1]));
      expect(await wrong.isVerified(logger)).toBe(false);
      expect(await right.isVerified(logger)).toBe(false);
      expect(errors).toEqual([]);

      await azurite.start();
      expect(await Promise.all([wrong.isVerified(logger), wrong.isVerified(logger)])).toEqual([false, false]);
      expect(await wrong.isVerified(logger)).toBe(false);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ msg: expect.stringContaining('sealed with key "k1"'), fields: { code: 'STORAGE_KEY_MISMATCH' } });
      expect(await right.isVerified(logger)).toBe(true);
      expect(await sentinelKid(store)).toBe('k2');
    } finally {
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
