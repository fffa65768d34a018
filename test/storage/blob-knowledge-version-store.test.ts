import { describe, expect, it } from 'vitest';
import { BlobKnowledgeVersionStore } from '../../src/storage/blob-knowledge-version-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { freshContainers } from '../support/azurite';
import { MemoryKnowledgeVersions } from '../support/memory-knowledge-versions';
import { knowledgeVersionStoreContract } from './knowledge-version-store.contract';

knowledgeVersionStoreContract('memory twin', async () => new MemoryKnowledgeVersions());
knowledgeVersionStoreContract('blobs on Azurite', async () => new BlobKnowledgeVersionStore(new JsonBlobStore((await freshContainers('kbv')).data)));

describe('BlobKnowledgeVersionStore on Azurite', () => {
  it('keeps versions under kb/versions/ in number order and the pointer in kb/current.json', async () => {
    const c = await freshContainers('kbv');
    const store = new JsonBlobStore(c.data);
    const versions = new BlobKnowledgeVersionStore(store);
    for (let i = 0; i < 3; i++) await versions.add({ publishedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(), publishedBy: 'anna', articles: 1, files: { sv: { 'a.md': `v${i}` } } });
    await versions.setCurrent({ number: 3, setAt: new Date().toISOString(), setBy: 'anna', reason: 'publish' }, undefined);
    expect(await store.list('kb/')).toEqual(['kb/current.json', 'kb/versions/000001.json', 'kb/versions/000002.json', 'kb/versions/000003.json']);
  });

  it('reports a damaged pointer or version as STORAGE_CORRUPT, naming no content', async () => {
    const c = await freshContainers('kbv');
    const store = new JsonBlobStore(c.data);
    const versions = new BlobKnowledgeVersionStore(store);
    await store.put('kb/current.json', { number: 'seven' });
    await expect(versions.current()).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
    await store.put('kb/versions/000001.json', { number: 1, publishedAt: new Date().toISOString(), publishedBy: 'x', articles: 1, files: { sv: { '../../etc/passwd.md': 'x' } } });
    await expect(versions.get(1)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT', message: expect.stringContaining('knowledge version 1 is damaged') });
  });

  it('checks an unchanged pointer without downloading it (If-None-Match)', async () => {
    const c = await freshContainers('kbv');
    const store = new JsonBlobStore(c.data);
    const etag = await store.put('kb/current.json', { number: 1, setAt: new Date().toISOString(), setBy: 'anna', reason: 'publish' });
    await expect(store.getIfChanged('kb/current.json', etag)).resolves.toBe('unchanged');
    await expect(store.getIfChanged('kb/missing.json', etag)).resolves.toBeUndefined();
  });
});
