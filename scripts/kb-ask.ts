/**
 * `npm run kb:ask -- --lang sv --audience partner "question"` prints one JSON object
 * {answered, articleId, title, text, sources, score, confidence, kind, choices, danger}: kind is
 * situation | question | command | outOfScope, choices the ids of the closest routines when no
 * single one fits, danger true when someone may be in danger now (the text then starts with the
 * 112 line). Without a question it reads one question per line from stdin and prints one JSON line each.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openKnowledgeBase, parseAudience, parseLanguage } from './lib/kb-cli';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { lang: { type: 'string', default: 'sv' }, audience: { type: 'string', default: 'staff' } },
    allowPositionals: true,
  });
  const language = parseLanguage(values.lang);
  const audience = parseAudience(values.audience);
  const kb = openKnowledgeBase(process.env);
  if (positionals.length > 0) {
    process.stdout.write(`${JSON.stringify(kb.ask(positionals.join(' '), language, audience))}\n`);
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) process.stdout.write(`${JSON.stringify(kb.ask(line, language, audience))}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`kb:ask: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
