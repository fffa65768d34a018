/**
 * Knowledge benchmarks (part of `npm run bench`; alone: `npx tsx bench/knowledge-only.ts [--quick]`).
 * 1. The example knowledge base: one message through understanding, spelling and search
 *    (`answerQuestion`), per message, against a naive word scan.
 * 2. A generated knowledge base of 10,000 articles per language (seeded, made from the example
 *    one): build through the bot's own path (validation, search index, spelling index, thesaurus)
 *    and answer, beside plain MiniSearch (default options, no stemming) over the same articles.
 * Questions are load only (shared/kb-eval/dev.yaml, the tuning half and the holdout set); nothing
 * here is asserted, and the held-out test half is never read.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { answerQuestion } from '../src/knowledge/answer';
import type { Article, Audience, KbLanguage } from '../src/knowledge/article';
import { KB_LANGUAGES } from '../src/knowledge/article';
import { loadKnowledgeBase } from '../src/knowledge/file-knowledge-base';
import { KnowledgeIndex } from '../src/knowledge/search-index';
import { tokenize } from '../src/knowledge/text-analysis';
import { validateKnowledgeBase } from '../src/knowledge/validate-knowledge-base';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/paths';
import { generateKnowledgeBase } from './generated-knowledge-base';

const out = (s: string) => process.stdout.write(`${s}\n`);

interface Question {
  q: string;
  lang: KbLanguage;
  audience: Audience;
}

/** Question files used as load: never the held-out test half. */
const QUESTION_FILES = ['../shared/kb-eval/dev.yaml', 'test/fixtures/kb-eval/tuning.yaml', 'test/fixtures/kb-holdout.yaml'];

function questions(): Question[] {
  return QUESTION_FILES.flatMap((f) => {
    try {
      return (parse(readFileSync(path.resolve(PROJECT_ROOT, f), 'utf8')) as Question[]).map((c) => ({ q: c.q, lang: c.lang, audience: c.audience }));
    } catch {
      return []; // shared/ may be absent on a machine that only has the repository
    }
  });
}

interface Stats {
  p50: number;
  p99: number;
  max: number;
}

function percentiles(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Time `fn` once per item, `rounds` times over the list, after `warmUp` calls (the JIT compiles the paths first taken). */
function perItem<T>(items: readonly T[], rounds: number, fn: (item: T) => void, warmUp = items.length): Stats {
  for (let i = 0; i < warmUp; i++) fn(items[i % items.length] as T);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const t0 = performance.now();
      fn(item);
      times.push(performance.now() - t0);
    }
  }
  return percentiles(times);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`.padStart(9);
const verdict = (value: number, budget: number) => `(budget ${budget.toLocaleString('en')} ms: ${value <= budget ? 'ok' : 'OVER'})`;
const row = (name: string, s: Stats) => `  ${name.padEnd(28)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;

/** The fields plain MiniSearch indexes: the same text ours does. */
function plainDoc(a: Article) {
  return { id: a.id, title: a.title, tags: a.tags.join(' '), synonyms: a.synonyms.join(' '), summary: a.summary, body: [...a.steps, a.escalation, ...a.notes].join(' ') };
}

function plainIndexes(articles: readonly Article[]): Map<KbLanguage, MiniSearch> {
  return new Map(
    KB_LANGUAGES.map((l) => {
      const ms = new MiniSearch({ fields: ['title', 'tags', 'synonyms', 'summary', 'body'] });
      ms.addAll(articles.filter((a) => a.language === l).map(plainDoc));
      return [l, ms];
    }),
  );
}

/** Baseline for the example knowledge base: count question words that occur in each article. */
function naiveSearch(articles: readonly Article[], question: string): Article | undefined {
  const words = tokenize(question);
  let best: { a: Article; n: number } | undefined;
  for (const a of articles) {
    const text = [a.title, a.summary, ...a.tags, ...a.steps].join(' ').toLowerCase();
    const n = words.filter((w) => text.includes(w)).length;
    if (!best || n > best.n) best = { a, n };
  }
  return best?.a;
}

export function knowledgeBenchmarks(options: { quick?: boolean } = {}): void {
  const rounds = options.quick ? 2 : 10;
  const qs = questions();
  const kb = loadKnowledgeBase(LOCALES_DIR);
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  out(`Knowledge (${qs.length} questions as load, ${rounds} rounds on the generated knowledge base, node ${process.version}, load average ${load}${options.quick ? ', --quick' : ''})`);

  // 1. The example knowledge base: a message through injection and small-talk checks, spelling,
  //    understanding and search, as the bot answers it.
  //    Cheap, so ten rounds even in a quick run: a p99 needs more than a few hundred answers.
  //    Three rounds of warm-up: a running bot answers long after start-up's compiling and collecting.
  const example = perItem(qs, 10, (c) => answerQuestion(c.q, kb.index, { language: c.lang, audience: c.audience }), 3 * qs.length);
  const naive = perItem(qs, 10, (c) => naiveSearch(kb.articles.filter((a) => a.language === c.lang), c.q));
  const exampleBuild = perItem([0], 20, () => KnowledgeIndex.build(kb.articles, kb.thesaurus));
  out(`example knowledge base (${kb.articles.length} articles)`);
  out(`${row('understand + search, ours', example)}  ${verdict(example.p99, 5)}`);
  out(`${row('naive word scan (baseline)', naive)}`);
  out(`  index build                  ${ms(exampleBuild.p50)}`);

  // 2. The generated knowledge base: validation and index, as loadKnowledgeBase does after
  //    parsing the files. The first build is what start-up costs; the median of three in full runs.
  const perLanguage = 10_000;
  const generated = generateKnowledgeBase(kb.articles, perLanguage);
  const words = new Set(generated.flatMap((a) => tokenize([a.title, a.summary, ...a.tags, ...a.steps, a.escalation, ...a.notes].join(' '))));
  let index: KnowledgeIndex | undefined;
  const buildTimes: number[] = [];
  for (let i = 0; i < (options.quick ? 1 : 3); i++) {
    index = undefined; // let the previous index go before building the next
    const built = timed(() => {
      const problems = validateKnowledgeBase(generated, KB_LANGUAGES);
      if (problems.length > 0) throw new Error(`generated knowledge base is invalid: ${problems[0]?.message}`);
      return KnowledgeIndex.build(generated, kb.thesaurus);
    });
    index = built.value;
    buildTimes.push(built.ms);
  }
  const first = buildTimes[0] as number;
  const median = percentiles(buildTimes).p50;
  const ours = perItem(qs, rounds, (c) => answerQuestion(c.q, index as KnowledgeIndex, { language: c.lang, audience: c.audience }));
  index = undefined;
  // Plain MiniSearch matches every stop word in every article: a quarter of a second a question,
  // so the quick run times it on the first 60 questions, once.
  const plainBuilt = timed(() => plainIndexes(generated));
  const plain = perItem(options.quick ? qs.slice(0, 60) : qs, options.quick ? 1 : 3, (c) => plainBuilt.value.get(c.lang)?.search(c.q), 10);
  out(`generated knowledge base (${perLanguage.toLocaleString('en')} articles per language, ${words.size.toLocaleString('en')} distinct words)`);
  out(`  build, ours                  ${ms(first)} first${options.quick ? '' : `, ${ms(median).trim()} median of 3`}  ${verdict(first, 3000)}`);
  out(`  build, plain MiniSearch      ${ms(plainBuilt.ms)}        ours ×${(first / plainBuilt.ms).toPrecision(2)}`);
  out(`${row('answer, ours', ours)}  ${verdict(ours.p99, 20)}`);
  out(`${row('search, plain MiniSearch', plain)}  ours ×${(ours.p99 / plain.p99).toPrecision(2)} at p99`);
}
