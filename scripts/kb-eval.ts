/**
 * `npm run kb:eval -- FILE.yaml` scores a question file (format of shared/kb-eval/dev.yaml; the
 * optional fields category, kind, writer, article and danger are understood too): prints the
 * accuracy overall, per category and per audience, each failure, and a last line
 * `N passed, M failed`. Exits 1 on any failure.
 *
 * How a case passes:
 * - `no_answer`: the bot answers nothing (answered=false). Offered choices count as a refusal only
 *   when the item's kind is question or situation (in-domain, but nothing for this asker); for
 *   out-of-scope items, and items without a kind, choices are a fail: off-topic text is refused outright.
 * - `expect`: every expectation is in the answer text. When the bot offers choices instead of one
 *   answer, the first (closest) choice's text is judged; an in-domain question whose first choice
 *   lacks the expectations fails.
 * - `danger: true`: the result must also carry danger=true, and the expectations (e.g. "112") are
 *   checked against the printed text, which for danger results starts with the 112 line.
 */
import { readFileSync } from 'node:fs';
import { evaluateFile, openKnowledgeBase, type Tally } from './lib/kb-cli';

const pct = (passed: number, total: number) => `${((100 * passed) / Math.max(total, 1)).toFixed(1)}%`;

function table(title: string, tally: Tally): string {
  const rows = Object.entries(tally).map(([key, { passed, total }]) => `  ${key.padEnd(14)} ${pct(passed, total).padStart(6)}  (${passed}/${total})`);
  return `${title}\n${rows.join('\n')}\n`;
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run kb:eval -- FILE.yaml [--summary]');
  // --summary: the numbers only, for a held-out set whose failures must not be read (they would become tuning data).
  const summary = process.argv.includes('--summary');
  const kb = openKnowledgeBase(process.env);
  const { cases, passed, failures, byCategory, byAudience } = evaluateFile(readFileSync(file, 'utf8'), kb.ask, kb.articleText);
  process.stdout.write(`accuracy: ${pct(passed, cases)} (${passed}/${cases})\n`);
  process.stdout.write(table('by category:', byCategory));
  process.stdout.write(table('by audience:', byAudience));
  if (!summary) for (const f of failures) process.stdout.write(`${f}\n`);
  process.stdout.write(`${passed} passed, ${failures.length} failed\n`);
  if (failures.length > 0) process.exitCode = 1;
}

// Piped into `head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  main();
} catch (err) {
  process.stderr.write(`kb:eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
