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
}

/** Load the knowledge base exactly as the bot does (same config, same placeholders) and return an asker. */
export function openKnowledgeBase(env: NodeJS.ProcessEnv): { ask: (question: string, language: KbLanguage, audience: Audience) => AskResult; articles: number } {
  const config = loadConfig({ ...env, APP_ENV: 'local' });
  const i18n = createI18n(LOCALES_DIR, config.defaultLocale);
  const kb = loadKnowledgeBase(LOCALES_DIR);
  const values = placeholderValues(i18n, config.knowledge.localValuesFile ? loadLocalValues(config.knowledge.localValuesFile) : {});
  return {
    articles: kb.articles.length,
    ask: (question, language, audience) => {
      const t = i18n.t(language);
      const result = answerQuestion(question, kb.index, { language, audience, minConfidence: config.knowledge.minConfidence });
      if (result.type === 'noAnswer') {
        const key = result.reason === 'lowConfidence' ? 'knowledge:noAnswer.lowConfidence' : `knowledge:noAnswer.${result.reason}`;
        return { answered: false, articleId: null, title: null, text: t(key), sources: [], score: round(result.bestScore), confidence: round(result.bestConfidence) };
      }
      const labels = {
        escalation: t('knowledge:answer.escalation'),
        sources: t('knowledge:answer.sources'),
        lastReviewed: (date: string, owner: string) => t('knowledge:answer.lastReviewed', { date, owner }),
      };
      return {
        answered: true,
        articleId: result.article.id,
        title: result.article.title,
        text: answerText(result.article, labels, values[language]),
        sources: result.article.sources.map((s) => ({ ...s })),
        score: round(result.score),
        confidence: round(result.confidence),
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

const EvalCase = z.object({
  q: z.string().min(1),
  lang: z.enum(KB_LANGUAGES),
  audience: z.enum(AUDIENCES),
  expect: z.array(z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  no_answer: z.boolean().optional(),
});

/** Matching ignores case, spaces, dashes and dots, so "020-39 00 00" matches "020 390 000". */
const normalizeForMatch = (s: string) => s.toLowerCase().replace(/[\s\-–.]/g, '');

/** Score a question file (format of shared/kb-eval/dev.yaml) with an asker; failures say why. */
export function evaluateFile(
  yamlText: string,
  ask: (question: string, language: KbLanguage, audience: Audience) => AskResult,
): { cases: number; passed: number; failures: string[] } {
  const cases = z.array(EvalCase).parse(parseYaml(yamlText));
  const failures: string[] = [];
  for (const c of cases) {
    const r = ask(c.q, c.lang, c.audience);
    const text = normalizeForMatch(r.text);
    let problem: string | undefined;
    if (c.no_answer) {
      if (r.answered) problem = `expected no answer, got "${r.articleId}" (confidence ${r.confidence})`;
    } else if (!r.answered) {
      problem = `expected an answer, got none (best confidence ${r.confidence})`;
    } else {
      const missing = (c.expect ?? []).filter((e) => !(Array.isArray(e) ? e : [e]).some((alt) => text.includes(normalizeForMatch(alt))));
      if (missing.length > 0) problem = `answer "${r.articleId}" lacks ${JSON.stringify(missing)}`;
    }
    if (problem) failures.push(`FAIL [${c.lang}/${c.audience}] ${c.q}\n     ${problem}`);
  }
  return { cases: cases.length, passed: cases.length - failures.length, failures };
}
