import type { Audience, KbLanguage } from './article';

/** A question the knowledge base could not answer, kept for a coordinator (forwarding delivers it later). */
export interface QuestionHandoff {
  readonly id: string;
  readonly question: string;
  readonly language: KbLanguage;
  readonly audience: Audience;
  /** The article shown, if the asker wanted more than it said. */
  readonly articleId?: string;
  readonly createdAt: string;
  /** Opaque address of the asker's conversation, so the answer can find its way back. */
  readonly conversationKey: string;
}

export interface QuestionHandoffStore {
  save(handoff: QuestionHandoff): Promise<void>;
}
