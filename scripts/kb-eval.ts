/**
 * `npm run kb:eval -- FILE.yaml` scores a question file (format of shared/kb-eval/dev.yaml):
 * prints the accuracy, each failure, and a last line `N passed, M failed`. Exits 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { AUDIENCES, KB_LANGUAGES } from '../src/knowledge/article';
import { openKnowledgeBase } from './lib/kb-cli';

const Case = z.object({
  q: z.string().min(1),
  lang: z.enum(KB_LANGUAGES),
  audience: z.enum(AUDIENCES),
  expect: z.array(z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  no_answer: z.boolean().optional(),
});

/** Matching ignores case, spaces, dashes and dots, so "020-39 00 00" matches "020 390 000". */
const normalize = (s: string) => s.toLowerCase().replace(/[\s\-–.]/g, '');

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run kb:eval -- FILE.yaml');
  const cases = z.array(Case).parse(parse(readFileSync(file, 'utf8')));
  const kb = openKnowledgeBase(process.env);
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const r = kb.ask(c.q, c.lang, c.audience);
    const text = normalize(r.text);
    let problem: string | undefined;
    if (c.no_answer) {
      if (r.answered) problem = `expected no answer, got "${r.articleId}" (confidence ${r.confidence})`;
    } else if (!r.answered) {
      problem = `expected an answer, got none (best confidence ${r.confidence})`;
    } else {
      const missing = (c.expect ?? []).filter((e) => !(Array.isArray(e) ? e : [e]).some((alt) => text.includes(normalize(alt))));
      if (missing.length > 0) problem = `answer "${r.articleId}" lacks ${JSON.stringify(missing)}`;
    }
    if (problem) failures.push(`FAIL [${c.lang}/${c.audience}] ${c.q}\n     ${problem}`);
    else passed++;
  }
  const total = cases.length;
  process.stdout.write(`accuracy: ${((100 * passed) / Math.max(total, 1)).toFixed(1)}% (${passed}/${total})\n`);
  for (const f of failures) process.stdout.write(`${f}\n`);
  process.stdout.write(`${passed} passed, ${failures.length} failed\n`);
  if (failures.length > 0) process.exitCode = 1;
}

try {
  main();
} catch (err) {
  process.stderr.write(`kb:eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
