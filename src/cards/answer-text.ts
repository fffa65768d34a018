import type { Article } from '../knowledge/article';
import { fillPlaceholders, type PlaceholderValues } from '../knowledge/placeholders';

/** Labels an answer needs, already translated (the domain speaks keys; the edge translates). */
export interface AnswerLabels {
  readonly escalation: string;
  readonly sources: string;
  readonly lastReviewed: (date: string, owner: string) => string;
}

/**
 * The article as plain text, exactly as written, placeholders filled: used by the CLI, the card's
 * fallback text and the LLM guard. Nothing is added that the article does not say.
 */
export function answerText(article: Article, labels: AnswerLabels, values: PlaceholderValues): string {
  const fill = (s: string) => fillPlaceholders(s, values);
  const lines = [
    article.title,
    ...(article.label ? [article.label] : []),
    fill(article.summary),
    ...article.steps.map((s, i) => `${i + 1}. ${fill(s)}`),
    `${labels.escalation}: ${fill(article.escalation)}`,
    ...article.notes.map(fill),
    `${labels.sources}: ${article.sources.map((s) => `${s.title} (${s.url})`).join('; ')}`,
    labels.lastReviewed(article.lastReviewed, article.owner),
  ];
  return lines.join('\n');
}
