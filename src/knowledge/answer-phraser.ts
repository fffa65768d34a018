import type { KbLanguage } from './article';
import { checkGrounded } from './fact-guard';

/** What a language model is given: the question and the retrieved articles as plain text, nothing else. */
export interface PhraseRequest {
  readonly question: string;
  readonly language: KbLanguage;
  readonly sources: readonly { readonly id: string; readonly title: string; readonly text: string }[];
}

/** The model behind the optional generative mode (teams-ai with OpenAI / Azure OpenAI, or a fake in tests). */
export interface AnswerPhraser {
  phrase(request: PhraseRequest): Promise<string>;
}

export type PhrasedAnswer =
  | { readonly mode: 'generated'; readonly text: string }
  | { readonly mode: 'plain'; readonly reason: 'ungrounded' | 'failed' | 'empty'; readonly unsupported: readonly string[] };

/**
 * Ask the model to phrase the answer, and keep it only if every fact in it is in the sources.
 * @remarks The caller shows the plain article whenever this returns `plain`.
 */
export async function phraseWithGuard(phraser: AnswerPhraser, request: PhraseRequest, timeoutMs = 8_000): Promise<PhrasedAnswer> {
  let text: string;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A hanging model must not hold the conversation: past the timeout the article is shown.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('model timeout')), timeoutMs);
    });
    text = (await Promise.race([phraser.phrase(request), timeout])).trim();
  } catch {
    // The model is optional: any failure (network, quota, content filter) falls back to the article.
    return { mode: 'plain', reason: 'failed', unsupported: [] };
  } finally {
    clearTimeout(timer);
  }
  if (!text) return { mode: 'plain', reason: 'empty', unsupported: [] };
  const guard = checkGrounded(text, request.sources.map((s) => `${s.title}\n${s.text}`));
  return guard.ok ? { mode: 'generated', text } : { mode: 'plain', reason: 'ungrounded', unsupported: guard.unsupported };
}
