/**
 * `npm run kb:validate [-- DIR]`: check a knowledge base as start-up (and `kb:publish`) does; prints
 * every problem with its file. DIR is laid out as `locales/` is; without it, the shipped `locales/`.
 */
import path from 'node:path';
import { loadKnowledgeBase } from '../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../src/paths';

try {
  const dir = process.argv[2];
  const kb = loadKnowledgeBase(dir ? path.resolve(dir) : LOCALES_DIR);
  process.stdout.write(`knowledge base OK: ${kb.articles.length} articles\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
