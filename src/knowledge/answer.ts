import type { Article, Audience, KbLanguage } from './article';
import type { KnowledgeIndex, SearchHit } from './search-index';

export type NoAnswerReason = 'empty' | 'smallTalk' | 'injection' | 'lowConfidence';

export type Answer =
  | {
      readonly type: 'answer';
      readonly article: Article;
      readonly score: number;
      readonly confidence: number;
      /** Up to three other articles the asker may read (the article's own related list first). */
      readonly related: readonly Article[];
    }
  | { readonly type: 'noAnswer'; readonly reason: NoAnswerReason; readonly bestScore: number; readonly bestConfidence: number };

export interface AnswerOptions {
  readonly language: KbLanguage;
  readonly audience: Audience;
  /** Share of the question an article must cover to be shown (0..1). */
  readonly minConfidence?: number;
}

export const DEFAULT_ANSWER_OPTIONS = { minConfidence: 0.6 } as const;

/** Attempts to steer a language model or the bot itself; refused before any search. */
const INJECTION = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|rules?|prompt|above|previous)\b/i,
  /\b(system prompt|jailbreak|developer mode|act as|pretend (to be|you are)|you are now)\b/i,
  /\b(ignorera|glöm|strunta i)\b.{0,40}\b(instruktioner|instruktionerna|regler|reglerna|tidigare|ovan)\b/i,
  /\b(systemprompt|låtsas att du|du är nu|agera som)\b/i,
];
const SMALL_TALK = /^\s*(tack( så mycket)?|tusen tack|thanks?( you)?|thank you( so much)?|ok(ay)?|bra|good|great|perfekt|perfect|hej då|bye|god natt|good night)\s*[.!]*\s*$/i;

export function isInjectionAttempt(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}

/**
 * Answer a question from the knowledge base, or say why not. Never composes text: the answer is
 * an article, shown as written, so no fact can appear that the knowledge base does not hold.
 */
export function answerQuestion(question: string, index: KnowledgeIndex, options: AnswerOptions): Answer {
  const none = (reason: NoAnswerReason, best?: SearchHit): Answer => ({
    type: 'noAnswer',
    reason,
    bestScore: best?.score ?? 0,
    bestConfidence: best?.confidence ?? 0,
  });
  const text = question.trim();
  if (!text) return none('empty');
  if (isInjectionAttempt(text)) return none('injection');
  if (SMALL_TALK.test(text)) return none('smallTalk');

  const hits = index.search(text, { language: options.language, audience: options.audience, limit: 6 });
  const best = hits[0];
  const minConfidence = options.minConfidence ?? DEFAULT_ANSWER_OPTIONS.minConfidence;
  if (!best || best.confidence < minConfidence) return none('lowConfidence', best);

  const visible = (a: Article | undefined): a is Article => !!a && a.id !== best.article.id && a.audience.includes(options.audience);
  const own = best.article.related.map((id) => index.article(id, options.language)).filter(visible);
  const nearby = hits.slice(1).filter((h) => h.confidence >= minConfidence / 2).map((h) => h.article).filter(visible);
  const related = [...new Map([...own, ...nearby].map((a) => [a.id, a])).values()].slice(0, 3);
  return { type: 'answer', article: best.article, score: best.score, confidence: best.confidence, related };
}
