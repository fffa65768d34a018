/**
 * `npm run kb:publish -- DIR [--by NAME]` publishes the knowledge base in DIR (laid out as
 * `locales/` is: `DIR/sv/knowledge/*.md`, `DIR/en/knowledge/*.md`, each with its `thesaurus.yaml`).
 * It is validated exactly as start-up validates it; a broken one is refused with each problem as
 * `file: reason` and nothing is stored (exit 1). Otherwise it is stored as the next version
 * (`kb/versions/NNNNNN.json`, never changed afterwards) with who published it (`--by`, else the
 * login name) and when, and made current: every running instance serves it within
 * KB_REFRESH_SECONDS, without a restart. Recorded in the audit log (`kb.publish`).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readKnowledgeFiles } from '../src/knowledge/knowledge-files';
import { publishKnowledgeBase } from '../src/knowledge/publish-knowledge-base';
import { operatorName, withKnowledgeVersions } from './lib/kb-versions';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { by: { type: 'string' } } });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new Error('usage: npm run kb:publish -- DIR [--by NAME]');
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${dir} is not a folder`);
  const by = operatorName(values.by);
  const files = readKnowledgeFiles(root);
  await withKnowledgeVersions(async ({ config, versions, audit, clock, logger }) => {
    const outcome = await publishKnowledgeBase(files, { versions, clock, by });
    if (outcome.type === 'invalid') {
      await audit.record({ at: clock.now().toISOString(), actor: by, action: 'kb.publish', result: 'refused', reason: 'invalid' });
      process.stderr.write(`kb:publish: refused, nothing stored. ${outcome.problems}\n`);
      process.exitCode = 1;
      return;
    }
    const { version } = outcome;
    await audit.record({ at: clock.now().toISOString(), actor: by, action: 'kb.publish', result: 'ok', version: version.number });
    logger.info('knowledge base published', { version: version.number, articles: version.articles, current: outcome.current });
    process.stdout.write(
      outcome.current
        ? `kb:publish: version ${version.number} published by ${version.publishedBy} (${version.articles} articles) and current; every instance serves it within ${config.knowledge.refreshMs / 1000} s\n`
        : `kb:publish: version ${version.number} stored (${version.articles} articles), but a newer version was made current meanwhile and stays current (npm run kb:versions)\n`,
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`kb:publish: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
