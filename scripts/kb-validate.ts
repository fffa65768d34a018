/** `npm run kb:validate`: check the knowledge base as start-up does; prints every problem with its file. */
import { loadKnowledgeBase } from '../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../src/paths';

try {
  const kb = loadKnowledgeBase(LOCALES_DIR);
  process.stdout.write(`knowledge base OK: ${kb.articles.length} articles\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
