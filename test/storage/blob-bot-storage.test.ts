import { beforeAll, describe, expect, it } from 'vitest';
import { BlobBotStorage } from '../../src/storage/blob-bot-storage';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { freshContainers } from '../support/azurite';

describe('BlobBotStorage on Azurite', () => {
  let storage: BlobBotStorage;

  beforeAll(async () => {
    const containers = await freshContainers('state');
    storage = new BlobBotStorage(new JsonBlobStore(containers.data));
  });

  it('round-trips turn state under keys with Teams characters, with an eTag', async () => {
    const key = 'msteams/bot/conversations/a:19:abc@thread.tacv2;messageid=1';
    await storage.write({ [key]: { welcomedAt: '2026-11-23' } });
    const items = await storage.read([key, 'msteams/bot/conversations/other']);
    expect(items[key]).toMatchObject({ welcomedAt: '2026-11-23' });
    expect(typeof items[key]?.eTag).toBe('string');
    expect(items['msteams/bot/conversations/other']).toBeUndefined();
  });

  it('lets only one of two turns that read the same version save (no lost update)', async () => {
    const key = 'conv/race';
    await storage.write({ [key]: { count: 0 } });
    const [a, b] = [(await storage.read([key]))[key], (await storage.read([key]))[key]];
    await storage.write({ [key]: { ...a, count: 1 } });
    await expect(storage.write({ [key]: { ...b, count: 2 } })).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    expect((await storage.read([key]))[key]).toMatchObject({ count: 1 });
  });

  it('lets only one of two first writes win', async () => {
    const key = 'conv/first';
    const results = await Promise.allSettled([storage.write({ [key]: { who: 'a' } }), storage.write({ [key]: { who: 'b' } })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('keeps the caller current so a second write in one turn is not a false conflict', async () => {
    const key = 'conv/twice';
    const item: Record<string, unknown> = { step: 1 };
    await storage.write({ [key]: item });
    item.step = 2;
    await storage.write({ [key]: item });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 2 });
  });

  it('deletes', async () => {
    await storage.write({ 'conv/gone': { x: 1 } });
    await storage.delete(['conv/gone']);
    expect(await storage.read(['conv/gone'])).toEqual({});
  });
});

describe('BlobBotStorage with a cipher', () => {
  it('seals every state item: a storage reader sees no draft, and the key is needed to read it', async () => {
    const containers = await freshContainers('state-sealed');
    const store = new JsonBlobStore(containers.data);
    const sealed = new BlobBotStorage(store, new NoteCipher(Buffer.alloc(32, 9)));
    await sealed.write({ 'conv/x': { intake: { answers: { observations: 'röd jacka i korridoren' } } } });
    expect(await sealed.read(['conv/x'])).toMatchObject({ 'conv/x': { intake: { answers: { observations: 'röd jacka i korridoren' } } } });
    const raw = (await containers.data.getBlockBlobClient(`state/${encodeURIComponent('conv/x')}`).downloadToBuffer()).toString('utf8');
    expect(raw).not.toContain('jacka');
    await expect(new BlobBotStorage(store, new NoteCipher(Buffer.alloc(32, 8))).read(['conv/x'])).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
  });
});
