import type { KbLanguage } from './article';

/** "Did this help?" counts per article: no question text and no user id are kept. */
export interface FeedbackStore {
  record(articleId: string, language: KbLanguage, helpful: boolean): Promise<void>;
}

export interface FeedbackCounts {
  readonly helpful: number;
  readonly notHelpful: number;
}
