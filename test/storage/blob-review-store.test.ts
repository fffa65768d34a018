import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors';
import type { ReviewRecord } from '../../src/knowledge/review-reminders';
import { BlobReviewStore } from '../../src/storage/blob-review-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { freshContainers } from '../support/azurite';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const BY = '00000000-0000-0000-0000-0000000000021';
const review = (reviewedOn: string, textHash = HASH_A): ReviewRecord => ({ articleId: 'helplines', reviewedOn, textHash, by: BY, at: `${reviewedOn}T08:00:00.000Z` });

describe('BlobReviewStore on Azurite', () => {
  it('keeps the latest review of a text, and a review of a new text whatever its date', async () => {
    const store = new BlobReviewStore(new JsonBlobStore((await freshContainers('reviewstore')).data));
    expect(await store.get('helplines')).toBeUndefined();
    await Promise.all(['2027-12-03', '2027-12-01', '2027-12-02'].map((d) => store.record(review(d))));
    expect(await store.get('helplines')).toEqual(review('2027-12-03'));
    await store.record(review('2027-12-01', HASH_B));
    expect(await store.get('helplines')).toEqual(review('2027-12-01', HASH_B));
  });

  it('refuses a damaged record when reading it, and replaces it when a review is recorded', async () => {
    const blobs = new JsonBlobStore((await freshContainers('reviewstore')).data);
    const store = new BlobReviewStore(blobs);
    await blobs.put('kb/reviews/helplines.json', { articleId: 'helplines', reviewedOn: 'yesterday' });
    await expect(store.get('helplines')).rejects.toSatisfy((err: unknown) => isAppError(err, 'STORAGE_CORRUPT'));
    await store.record(review('2027-12-01'));
    expect(await store.get('helplines')).toEqual(review('2027-12-01'));
  });

  it('grants the reminder of a month and recipient once, to many instances at once, and again after it is given back', async () => {
    const c = await freshContainers('reviewstore');
    const claims = await Promise.all(Array.from({ length: 8 }, () => new BlobReviewStore(new JsonBlobStore(c.data)).claimReminder('2027-12', BY.toUpperCase())));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const store = new BlobReviewStore(new JsonBlobStore(c.data));
    expect(await store.claimReminder('2028-01', BY)).toBe(true);
    await store.releaseReminder('2027-12', BY);
    expect(await store.claimReminder('2027-12', BY)).toBe(true);
    expect(await store.claimReminder('2027-12', BY)).toBe(false);
  });
});
