import { beforeAll, describe, expect, it } from 'vitest';
import { createBlobContainers } from '../../src/storage/blob-container';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { freshContainers } from '../support/azurite';

describe('JsonBlobStore on Azurite', () => {
  let store: JsonBlobStore;
  let containers: Awaited<ReturnType<typeof freshContainers>>;

  beforeAll(async () => {
    containers = await freshContainers('store');
    store = new JsonBlobStore(containers.data);
  });

  it('stores and reads back a document with its ETag', async () => {
    const etag = await store.put('docs/a.json', { n: 1, text: 'å ä ö' });
    const got = await store.get<{ n: number; text: string }>('docs/a.json');
    expect(got?.value).toEqual({ n: 1, text: 'å ä ö' });
    expect(got?.etag).toBe(etag);
  });

  it('returns undefined for a missing document', async () => {
    await expect(store.get('docs/missing.json')).resolves.toBeUndefined();
  });

  it('refuses a second create-only write and keeps the first value', async () => {
    await store.put('docs/once.json', { v: 'first' }, { ifNoneMatch: '*' });
    await expect(store.put('docs/once.json', { v: 'second' }, { ifNoneMatch: '*' })).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    expect((await store.get('docs/once.json'))?.value).toEqual({ v: 'first' });
  });

  it('refuses a write with a stale ETag: the later writer cannot lose the earlier change', async () => {
    const etag = await store.put('docs/race.json', { v: 0 });
    await store.put('docs/race.json', { v: 1 }, { ifMatch: etag });
    await expect(store.put('docs/race.json', { v: 2 }, { ifMatch: etag })).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    expect((await store.get('docs/race.json'))?.value).toEqual({ v: 1 });
  });

  it('lists by prefix and deletes', async () => {
    await store.put('list/1.json', {});
    await store.put('list/2.json', {});
    expect(await store.list('list/')).toEqual(['list/1.json', 'list/2.json']);
    await store.delete('list/1.json');
    await store.delete('list/1.json'); // deleting twice is not an error
    expect(await store.list('list/')).toEqual(['list/2.json']);
  });

  it('reports a blob that is not JSON as STORAGE_CORRUPT', async () => {
    await containers.data.getBlockBlobClient('docs/bad.json').upload('{nope', 5);
    await expect(store.get('docs/bad.json')).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
  });

  it('reports an unreachable service as STORAGE_UNAVAILABLE', async () => {
    const dead = createBlobContainers(
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
      'nothing',
    );
    await expect(new JsonBlobStore(dead.probe).get('x.json')).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
