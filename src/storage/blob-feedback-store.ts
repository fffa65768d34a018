import type { KbLanguage } from '../knowledge/article';
import type { FeedbackCounts, FeedbackStore } from '../knowledge/feedback-store';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore } from './json-blob-store';

/** Feedback counters, one blob per article and language, updated with ETag retries (no lost votes). */
export class BlobFeedbackStore implements FeedbackStore {
  constructor(
    private readonly store: JsonBlobStore,
    private readonly maxAttempts = 8,
  ) {}

  private name(articleId: string, language: KbLanguage): string {
    return `feedback/${language}/${encodeURIComponent(articleId)}.json`;
  }

  async record(articleId: string, language: KbLanguage, helpful: boolean): Promise<void> {
    const name = this.name(articleId, language);
    await retryOnConflict(async () => {
      const current = await this.store.get<FeedbackCounts>(name);
      const counts = current?.value ?? { helpful: 0, notHelpful: 0 };
      const next = helpful ? { ...counts, helpful: counts.helpful + 1 } : { ...counts, notHelpful: counts.notHelpful + 1 };
      await this.store.put(name, next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
    }, { attempts: this.maxAttempts });
  }

  async counts(articleId: string, language: KbLanguage): Promise<FeedbackCounts> {
    return (await this.store.get<FeedbackCounts>(this.name(articleId, language)))?.value ?? { helpful: 0, notHelpful: 0 };
  }
}
