import type { ReviewRecord } from './review-reminders';

/** Recorded reviews ("Reviewed, no change") and the review reminders already sent. */
export interface ReviewStore {
  /** The recorded review of a routine, if any. */
  get(articleId: string): Promise<ReviewRecord | undefined>;
  /** Record a review; an older record (or a newer one for the same text) is kept only if it is later. */
  record(review: ReviewRecord): Promise<void>;
  /**
   * Claim the reminder of `month` (YYYY-MM) for `recipient`: true for the first claim only, on
   * any instance, however often it is asked.
   */
  claimReminder(month: string, recipient: string): Promise<boolean>;
  /** Give a claim back (its card could not be sent), so a later run this month tries again. */
  releaseReminder(month: string, recipient: string): Promise<void>;
}
