/**
 * `npm run bench`: performance, measured here and never asserted in tests.
 * Each figure is printed with its ratio to a baseline measured in the same run on the same data,
 * so a slow machine shows up in both and the ratio stays meaningful.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { answerQuestion } from '../src/knowledge/answer';
import { loadKnowledgeBase } from '../src/knowledge/file-knowledge-base';
import { KnowledgeIndex } from '../src/knowledge/search-index';
import { createThesaurus } from '../src/knowledge/thesaurus';
import { tokenize } from '../src/knowledge/text-analysis';
import type { Article, KbLanguage } from '../src/knowledge/article';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/paths';
import { randomBytes } from 'node:crypto';
import { selectCases } from '../src/forwarding/case-index';
import { silentLogger } from '../src/log';
import { TableCaseIndex } from '../src/storage/table-case-index';
import { BlobCaseStore } from '../src/storage/blob-case-store';
import { caseIndexTableName, createTableClient, createBlobContainers } from '../src/storage/blob-container';
import { startEmbeddedAzurite } from '../src/storage/embedded-azurite';
import { JsonBlobStore } from '../src/storage/json-blob-store';
import { NoteCipher } from '../src/storage/note-cipher';
import { MEGAN_AAD, storeManyCases } from '../test/support/many-cases';
import { forwardingBenchmarks } from './load';

interface Stats {
  median: number;
  p95: number;
}

function measure(runs: number, fn: () => void): Stats {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

/** Baseline: the simplest possible search, counting question words that occur in each article. */
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

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const line = (name: string, s: Stats, base: Stats, budget?: number) =>
  `${name.padEnd(34)} median ${fmt(s.median).padStart(10)}  p95 ${fmt(s.p95).padStart(10)}  ×${(s.median / base.median).toPrecision(2)} baseline${budget ? `  (budget ${budget} ms: ${s.p95 <= budget ? 'ok' : 'OVER'})` : ''}`;

/** Async variant of measure, for storage round trips. */
async function measureAsync(runs: number, fn: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

/** `my cases` with 1,000 stored cases on a real (in-memory) Azurite, against scanning every case blob. */
async function caseViews(): Promise<void> {
  const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
  try {
    const containers = createBlobContainers(azurite.connectionString, 'bench');
    await containers.data.createIfNotExists();
    const store = new JsonBlobStore(containers.data);
    const cases = new BlobCaseStore(store, new NoteCipher(randomBytes(32)));
    const index = new TableCaseIndex(createTableClient(azurite.connectionString, caseIndexTableName('bench')));
    await storeManyCases(cases, index, 1000, 60);
    const viewer = { aadObjectId: MEGAN_AAD, targets: ['demo-coordinators'] };
    const fromIndex = await measureAsync(30, async () => selectCases(await index.open(), 'mine', viewer, () => false));
    const scanAll = await measureAsync(5, async () => {
      const all = await Promise.all((await store.list('cases/')).map((n) => store.get(n)));
      return all.length;
    });
    process.stdout.write(`${line('cases: "my cases" (1,000 stored)', fromIndex, scanAll)}   baseline: reading every case blob\n`);
  } finally {
    await azurite.stop();
  }
}

function main(): void {
  const kb = loadKnowledgeBase(LOCALES_DIR);
  const questions = ['../shared/kb-eval/dev.yaml', 'test/fixtures/kb-holdout.yaml'].flatMap((f) => {
    try {
      return (parse(readFileSync(path.resolve(PROJECT_ROOT, f), 'utf8')) as { q: string; lang: KbLanguage }[]).map((c) => ({ q: c.q, lang: c.lang }));
    } catch {
      return []; // shared/ may be absent on a machine that only has the repository
    }
  });
  const thesaurus = createThesaurus({ sv: [], en: [] });
  const bySv = kb.articles.filter((a) => a.language === 'sv');

  const load = measure(20, () => loadKnowledgeBase(LOCALES_DIR));
  const build = measure(30, () => KnowledgeIndex.build(kb.articles, thesaurus));
  const parseOnly = measure(30, () => {
    JSON.parse(JSON.stringify(kb.articles));
  });
  let i = 0;
  const ask = measure(questions.length * 20, () => {
    const c = questions[i++ % questions.length]!;
    answerQuestion(c.q, kb.index, { language: c.lang, audience: 'staff' });
  });
  let j = 0;
  const naive = measure(questions.length * 20, () => {
    naiveSearch(bySv, questions[j++ % questions.length]!.q);
  });

  process.stdout.write(`Samverka benchmarks (${kb.articles.length} articles, ${questions.length} questions, node ${process.version})\n`);
  process.stdout.write(`${line('knowledge: index build', build, parseOnly, 200)}   baseline: copying the articles\n`);
  process.stdout.write(`${line('knowledge: load + validate + index', load, parseOnly)}\n`);
  process.stdout.write(`${line('knowledge: answer one question', ask, naive, 50)}   baseline: naive word scan\n`);
}

main();
caseViews()
  .then(() => forwardingBenchmarks({ quick: process.argv.includes('--quick'), cost: process.argv.includes('--cost') }))
  .catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
