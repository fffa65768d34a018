/**
 * `npm run kb:rollback -- N [--by NAME]` makes published version N current again: a new pointer
 * (who, when, "rollback"), written with the ETag of the one it replaces; no version is changed or
 * deleted, so the rollback can itself be undone the same way. Version N is validated again first,
 * as every instance will when it loads it. Every instance serves it within KB_REFRESH_SECONDS.
 * Recorded in the audit log (`kb.rollback`). Exit 1 when N does not exist or no longer validates.
 */
import { parseArgs } from 'node:util';
import { rollbackKnowledgeBase } from '../src/knowledge/rollback-knowledge-base';
import { operatorName, withKnowledgeVersions } from './lib/kb-versions';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { by: { type: 'string' } } });
  const [arg, ...extra] = positionals;
  const number = /^\d{1,6}$/.test(arg ?? '') ? Number(arg) : NaN;
  if (!(number >= 1) || extra.length > 0) throw new Error('usage: npm run kb:rollback -- N [--by NAME] (N: a version number from npm run kb:versions)');
  const by = operatorName(values.by);
  await withKnowledgeVersions(async ({ config, versions, audit, clock, logger }) => {
    const outcome = await rollbackKnowledgeBase(number, { versions, clock, by });
    const record = (result: 'ok' | 'refused', reason?: string) =>
      audit.record({ at: clock.now().toISOString(), actor: by, action: 'kb.rollback', result, version: number, ...(reason ? { reason } : {}) });
    switch (outcome.type) {
      case 'notFound':
        await record('refused', 'notFound');
        process.stderr.write(`kb:rollback: there is no version ${number} (npm run kb:versions lists them)\n`);
        process.exitCode = 1;
        return;
      case 'invalid':
        await record('refused', 'invalid');
        process.stderr.write(`kb:rollback: version ${number} no longer passes validation; nothing changed. ${outcome.problems}\n`);
        process.exitCode = 1;
        return;
      case 'alreadyCurrent':
        process.stdout.write(`kb:rollback: version ${number} is already current; nothing changed\n`);
        return;
      case 'madeCurrent':
        await record('ok');
        logger.info('knowledge base version made current', { version: number, previous: outcome.previous });
        process.stdout.write(
          `kb:rollback: version ${number} (published ${outcome.version.publishedAt.slice(0, 10)} by ${outcome.version.publishedBy}) is current again${outcome.previous ? ` instead of version ${outcome.previous}` : ''}; every instance serves it within ${config.knowledge.refreshMs / 1000} s\n`,
        );
    }
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`kb:rollback: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
