import { describe, expect, it } from 'vitest';
import { BlobNoticeLog } from '../../src/storage/blob-notice-log';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { freshContainers } from '../support/azurite';

const HOUR = 3_600_000;

describe('BlobNoticeLog on Azurite', () => {
  it('grants one claim per period to many instances claiming at once, the first time and after the period', async () => {
    const c = await freshContainers('notices');
    const store = new JsonBlobStore(c.data);
    // Each "instance" has its own log object; they share only the blob.
    const claimAll = (at: string) => Promise.all(Array.from({ length: 12 }, () => new BlobNoticeLog(store).claim('turn-fault', new Date(at), HOUR)));
    expect((await claimAll('2026-01-01T10:00:00Z')).filter(Boolean)).toHaveLength(1);
    expect((await claimAll('2026-01-01T10:59:59Z')).filter(Boolean)).toHaveLength(0);
    expect((await claimAll('2026-01-01T11:00:00Z')).filter(Boolean)).toHaveLength(1);
    expect((await store.get('notices/turn-fault.json'))?.value).toEqual({ lastAt: '2026-01-01T11:00:00.000Z' });
    // Topics are separate.
    expect(await new BlobNoticeLog(store).claim('other', new Date('2026-01-01T11:00:00Z'), HOUR)).toBe(true);
  });

  it('refuses a topic that is not a plain name', async () => {
    const c = await freshContainers('notices-bad');
    await expect(new BlobNoticeLog(new JsonBlobStore(c.data)).claim('../x', new Date(), HOUR)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
