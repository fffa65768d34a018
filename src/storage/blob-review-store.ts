import { z } from 'zod';
import { AppError, isAppError } from '../errors';
import type { ReviewRecord } from '../knowledge/review-reminders';
import type { ReviewStore } from '../knowledge/review-store';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore } from './json-blob-store';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const RECIPIENT = /^[0-9a-f-]{36,37}$/;

const ReviewRecordSchema = z
  .object({
    articleId: z.string().regex(ID),
    reviewedOn: z.string().regex(DAY),
    textHash: z.string().regex(/^[0-9a-f]{64}$/),
    by: z.string().min(1).max(100),
    at: z.string().datetime(),
  })
  .strict();

/**
 * Recorded reviews, one small blob per routine (`kb/reviews/<id>.json`), replaced with the ETag it
 * was read with (the one retry helper); the reminders sent, one create-only blob per month and
 * recipient (`kb/review-reminders/<YYYY-MM>/<recipient>.json`).
 */
export class BlobReviewStore implements ReviewStore {
  constructor(private readonly store: JsonBlobStore) {}

  private reviewName(articleId: string): string {
    if (!ID.test(articleId)) throw new AppError('INTERNAL', 'a routine id must be kebab-case');
    return `kb/reviews/${articleId}.json`;
  }

  private reminderName(month: string, recipient: string): string {
    const id = recipient.toLowerCase();
    if (!MONTH.test(month) || !RECIPIENT.test(id)) throw new AppError('INTERNAL', 'a reminder needs a month (YYYY-MM) and an Entra ID object id');
    return `kb/review-reminders/${month}/${id}.json`;
  }

  async get(articleId: string): Promise<ReviewRecord | undefined> {
    const found = await this.store.get<unknown>(this.reviewName(articleId));
    return found && parseRecord(found.value, articleId);
  }

  async record(review: ReviewRecord): Promise<void> {
    const name = this.reviewName(review.articleId);
    const next = parseRecord(review, review.articleId);
    await retryOnConflict(async () => {
      const found = await this.store.get<unknown>(name);
      // A damaged record is replaced: the review being recorded is the truth now.
      const current = found && ReviewRecordSchema.safeParse(found.value).data;
      if (current && current.textHash === next.textHash && current.reviewedOn > next.reviewedOn) return;
      await this.store.put(name, next, found ? { ifMatch: found.etag } : { ifNoneMatch: '*' });
    });
  }

  async claimReminder(month: string, recipient: string): Promise<boolean> {
    try {
      await this.store.put(this.reminderName(month, recipient), { month, recipient: recipient.toLowerCase() }, { ifNoneMatch: '*' });
      return true;
    } catch (err) {
      // Already there: sent (or being sent) by an earlier run or another instance.
      if (isAppError(err, 'STORAGE_CONFLICT')) return false;
      throw err;
    }
  }

  async releaseReminder(month: string, recipient: string): Promise<void> {
    await this.store.delete(this.reminderName(month, recipient));
  }
}

function parseRecord(value: unknown, articleId: string): ReviewRecord {
  const parsed = ReviewRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.articleId !== articleId) throw new AppError('STORAGE_CORRUPT', `the review record of ${articleId} is damaged`);
  return parsed.data;
}
