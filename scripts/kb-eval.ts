/**
 * `npm run kb:eval -- FILE.yaml` scores a question file (format of shared/kb-eval/dev.yaml):
 * prints the accuracy, each failure, and a last line `N passed, M failed`. Exits 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { evaluateFile, openKnowledgeBase } from './lib/kb-cli';

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run kb:eval -- FILE.yaml');
  const kb = openKnowledgeBase(process.env);
  const { cases, passed, failures } = evaluateFile(readFileSync(file, 'utf8'), kb.ask);
  const total = cases;
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
