import { answerText } from '../../src/cards/answer-text';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n/create-i18n';
import { placeholderValues } from '../../src/i18n/placeholder-values';
import { AUDIENCES, KB_LANGUAGES, type Audience, type KbLanguage } from '../../src/knowledge/article';
import { answerQuestion } from '../../src/knowledge/answer';
import { loadKnowledgeBase, loadLocalValues } from '../../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../../src/paths';

/** One answer as the administrator tools print it. */
export interface AskResult {
  answered: boolean;
  articleId: string | null;
  title: string | null;
  text: string;
  sources: { ref: string; title: string; url: string }[];
  score: number;
  confidence: number;
  /** situation | question | command | outOfScope, as the bot understood the message. */
  kind: string;
  /** Closest routines (ids) offered when no single routine fits; empty otherwise. */
  choices: string[];
  /** Someone may be in danger now: the text then starts with the 112 line, as the bot shows it first. */
  danger: boolean;
}

type Asker = (question: string, language: KbLanguage, audience: Audience) => AskResult;
/** The text of one article as the bot prints it (for judging the first of several choices). */
type ArticleText = (id: string, language: KbLanguage) => string;

/** Load the knowledge base exactly as the bot does (same config, same placeholders) and return an asker. */
export function openKnowledgeBase(env: NodeJS.ProcessEnv): { ask: Asker; articleText: ArticleText; articles: number } {
  const config = loadConfig({ ...env, APP_ENV: 'local' });
  const i18n = createI18n(LOCALES_DIR, config.defaultLocale);
  const kb = loadKnowledgeBase(LOCALES_DIR);
  const values = placeholderValues(i18n, config.knowledge.localValuesFile ? loadLocalValues(config.knowledge.localValuesFile) : {});
  const labelsFor = (language: KbLanguage) => {
    const t = i18n.t(language);
    return {
      escalation: t('knowledge:answer.escalation'),
      sources: t('knowledge:answer.sources'),
      lastReviewed: (date: string, owner: string) => t('knowledge:answer.lastReviewed', { date, owner }),
    };
  };
  const articleText: ArticleText = (id, language) => {
    const article = kb.index.article(id, language);
    return article ? answerText(article, labelsFor(language), values[language]) : '';
  };
  return {
    articles: kb.articles.length,
    articleText,
    ask: (question, language, audience) => {
      const t = i18n.t(language);
      const result = answerQuestion(question, kb.index, { language, audience, minConfidence: config.knowledge.minConfidence });
      if (result.type === 'noAnswer') {
        // An out-of-scope refusal reads like the no-routine message until the edge has its own text.
        const key = `knowledge:noAnswer.${result.reason}`;
        return {
          answered: false,
          articleId: null,
          title: null,
          text: t(key),
          sources: [],
          score: round(result.bestScore),
          confidence: round(result.bestConfidence),
          kind: result.kind,
          choices: result.choices.map((a) => a.id),
          danger: result.danger,
        };
      }
      const body = answerText(result.article, labelsFor(language), values[language]);
      return {
        answered: true,
        articleId: result.article.id,
        title: result.article.title,
        text: result.danger ? `${t('knowledge:answer.dangerBanner')}\n${body}` : body,
        sources: result.article.sources.map((s) => ({ ...s })),
        score: round(result.score),
        confidence: round(result.confidence),
        kind: result.kind,
        choices: [],
        danger: result.danger,
      };
    },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function parseLanguage(value: string | undefined): KbLanguage {
  if (value && (KB_LANGUAGES as readonly string[]).includes(value)) return value as KbLanguage;
  throw new Error(`--lang must be one of ${KB_LANGUAGES.join(', ')} (got ${value ?? 'nothing'})`);
}

export function parseAudience(value: string | undefined): Audience {
  if (value && (AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new Error(`--audience must be one of ${AUDIENCES.join(', ')} (got ${value ?? 'nothing'})`);
}

const CATEGORIES = ['narrative', 'typo', 'colloquial', 'non-native', 'out-of-scope', 'near-miss', 'plain'] as const;

const EvalCase = z.object({
  q: z.string().min(1),
  lang: z.enum(KB_LANGUAGES),
  audience: z.enum(AUDIENCES),
  expect: z.array(z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  no_answer: z.boolean().optional(),
  category: z.enum(CATEGORIES).optional(),
  kind: z.enum(['situation', 'question', 'outOfScope', 'command']).optional(),
  writer: z.string().optional(),
  article: z.string().optional(),
  danger: z.boolean().optional(),
});
type EvalCase = z.infer<typeof EvalCase>;

/** Matching ignores case, spaces, dashes and dots, so "020-39 00 00" matches "020 390 000". */
const normalizeForMatch = (s: string) => s.toLowerCase().replace(/[\s\-–.]/g, '');

/** Passed and total per group (category, audience). */
export type Tally = Record<string, { passed: number; total: number }>;

export interface EvalReport {
  cases: number;
  passed: number;
  failures: string[];
  byCategory: Tally;
  byAudience: Tally;
}

/**
 * Why one case fails, or undefined when it passes (rules in the header of scripts/kb-eval.ts).
 */
function judge(c: EvalCase, r: AskResult, articleText?: ArticleText): string | undefined {
  if (c.no_answer) {
    if (r.answered) return `expected no answer, got "${r.articleId}" (confidence ${r.confidence})`;
    // Offering routines to choose from is right for an in-domain question no routine answers for
    // this asker, but not for out-of-scope text or a task for the bot, which must be refused outright.
    if (r.choices.length > 0 && c.kind !== 'question' && c.kind !== 'situation') return `expected a refusal, got choices ${JSON.stringify(r.choices)}`;
    return undefined;
  }
  let text = r.text;
  let shown = r.articleId;
  if (!r.answered) {
    const first = r.choices[0];
    if (!first || !articleText) return `expected an answer, got none (best confidence ${r.confidence}, kind ${r.kind})`;
    // Choices: the first (closest) routine stands in for the answer.
    text = articleText(first, c.lang);
    shown = `choice ${first}`;
  }
  if (c.danger && !r.danger) return `expected danger, got "${shown}" without the danger flag`;
  const normalized = normalizeForMatch(text);
  const missing = (c.expect ?? []).filter((e) => !(Array.isArray(e) ? e : [e]).some((alt) => normalized.includes(normalizeForMatch(alt))));
  if (missing.length > 0) return `answer "${shown}" lacks ${JSON.stringify(missing)}`;
  return undefined;
}

/** Score a question file (format of shared/kb-eval/dev.yaml, plus the optional tuning fields) with an asker; failures say why. */
export function evaluateFile(yamlText: string, ask: Asker, articleText?: ArticleText): EvalReport {
  const cases = z.array(EvalCase).parse(parseYaml(yamlText));
  const failures: string[] = [];
  const byCategory: Tally = {};
  const byAudience: Tally = {};
  const count = (tally: Tally, key: string, ok: boolean) => {
    const entry = (tally[key] ??= { passed: 0, total: 0 });
    entry.total += 1;
    if (ok) entry.passed += 1;
  };
  for (const c of cases) {
    const r = ask(c.q, c.lang, c.audience);
    const problem = judge(c, r, articleText);
    count(byCategory, c.category ?? (c.no_answer ? 'no-answer' : 'uncategorised'), !problem);
    count(byAudience, c.audience, !problem);
    if (problem) failures.push(`FAIL [${c.lang}/${c.audience}${c.category ? `/${c.category}` : ''}] ${c.q}\n     ${problem}`);
  }
  return { cases: cases.length, passed: cases.length - failures.length, failures, byCategory, byAudience };
}
