import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { keyFingerprint, NoteCipher } from '../../src/storage/note-cipher';
import { freshContainers } from '../support/azurite';

const OBSERVATION = 'Man i röd jacka väntade utanför rum 214 i två timmar';

function draft(): Omit<Case, 'code'> {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    status: 'received',
    createdAt: now,
    updatedAt: now,
    note: { formId: 'incident-note', formVersion: 1, answers: { observations: OBSERVATION, site_area: 'corridor' }, urgency: 'P3', category: 'adultExploitation' },
    reporter: { userId: '29:reporter', aadObjectId: 'aad-reporter', conversationRef: { conversation: { id: 'a:personal' } }, locale: 'sv' },
    history: [{ at: now, action: 'received', by: 'reporter' }],
  };
}

describe('BlobCaseStore on Azurite', () => {
  let containers: Awaited<ReturnType<typeof freshContainers>>;
  let store: JsonBlobStore;
  const cipher = new NoteCipher(Buffer.alloc(32, 1));

  beforeAll(async () => {
    containers = await freshContainers('cases');
    store = new JsonBlobStore(containers.data);
  });

  it('stores a case under a unique short code and reads it back by id and by code', async () => {
    const cases = new BlobCaseStore(store, cipher);
    const created = await cases.create(draft());
    expect(created.code).toMatch(/^K-[2-9A-HJKMNP-Z]{4}$/);
    expect((await cases.get(created.id))?.case).toEqual(created);
    expect(await cases.getByCode(created.code)).toEqual(created);
    expect(await cases.getByCode('K-2222')).toBeUndefined();
  });

  it('keeps note content and reporter ids unreadable in storage, routing metadata readable', async () => {
    const created = await new BlobCaseStore(store, cipher).create(draft());
    const raw = (await containers.data.getBlockBlobClient(`cases/${created.id}.json`).downloadToBuffer()).toString('utf8');
    expect(raw).not.toContain('röd jacka');
    expect(raw).not.toContain('aad-reporter');
    expect(raw).not.toContain('29:reporter');
    expect(JSON.parse(raw)).toMatchObject({ urgency: 'P3', category: 'adultExploitation', status: 'received', code: created.code });
    // The seal's header in clear is the algorithm and the key id (the key's fingerprint here), nothing else.
    expect(JSON.parse(raw).sealed).toEqual({ alg: 'A256GCM', kid: keyFingerprint(Buffer.alloc(32, 1)), iv: expect.any(String), tag: expect.any(String), data: expect.any(String) });
  });

  it('draws a new code when one is taken', async () => {
    const codes = ['K-7F3Q', 'K-7F3Q', 'K-9ABC'];
    const cases = new BlobCaseStore(store, cipher, () => codes.shift() ?? 'K-XXXX');
    expect((await cases.create(draft())).code).toBe('K-7F3Q');
    expect((await cases.create(draft())).code).toBe('K-9ABC');
  });

  it('refuses a case that was tampered with or sealed with another key', async () => {
    const created = await new BlobCaseStore(store, cipher).create(draft());
    await expect(new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 2))).get(created.id)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
    const blob = containers.data.getBlockBlobClient(`cases/${created.id}.json`);
    const stored = JSON.parse((await blob.downloadToBuffer()).toString('utf8'));
    stored.sealed.data = Buffer.from('{"note":{}}').toString('base64');
    const body = JSON.stringify(stored);
    await blob.upload(body, Buffer.byteLength(body));
    await expect(new BlobCaseStore(store, cipher).get(created.id)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
  });
});

describe('BlobCaseStore idempotency', () => {
  it('returns the stored case for a repeated submission, also when two arrive at once', async () => {
    const containers = await freshContainers('cases-idem');
    const cases = new BlobCaseStore(new JsonBlobStore(containers.data), new NoteCipher(Buffer.alloc(32, 1)));
    const d = draft();
    const [a, b] = await Promise.all([cases.create(d), cases.create(d)]);
    const stored = (await cases.get(d.id))?.case;
    // Both callers are told about the one stored case.
    expect(a).toEqual(stored);
    expect(b).toEqual(stored);
    expect(await cases.create(d)).toEqual(stored);
    let n = 0;
    for await (const _ of containers.data.listBlobsFlat({ prefix: 'cases/' })) n++;
    expect(n).toBe(1);
  });
});
