/**
 * `npm run keys:rotate [-- --concurrency 16]` re-seals every sealed blob (cases, question hand-offs,
 * bot state, the key sentinel) under the newest note key, with the bot's own configuration: the
 * same environment variables (and `.env` if present, as `npm run dev` reads it), the configured
 * storage account or, in a local run, the embedded Azurite on its data folder (stop the local bot
 * first: two Azurites must not share one folder).
 *
 * Safe to run while the bot runs, to stop at any point and to run again: each blob is written with
 * the ETag it was read with (a blob the bot changed meanwhile is read again, never overwritten with
 * the stale copy), and blobs already under the newest key are skipped. Prints one line,
 * `keys:rotate: N re-sealed, M already current, F failed (newest key "id")`, and exits 1 when any failed
 * (each failure is logged as a JSON line on stderr; those blobs are left as they were).
 */
import { parseArgs } from 'node:util';
import { withBotStorage } from './lib/bot-storage';
import { NoteCipher } from '../src/storage/note-cipher';
import { noteKeyRing } from '../src/storage/note-key-ring';
import { DEFAULT_ROTATE_KEYS_OPTIONS, rotateKeys } from '../src/storage/rotate-keys';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: String(DEFAULT_ROTATE_KEYS_OPTIONS.concurrency) } } });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be a whole number from 1 to 64');
  await withBotStorage(async ({ config, logger, store }) => {
    const cipher = new NoteCipher(noteKeyRing(config, logger));
    const summary = await rotateKeys(store, cipher, {
      concurrency,
      logger,
      onResealed: (name) => logger.debug('re-sealed', { kind: name.split('/')[0] }),
    });
    const gone = summary.gone > 0 ? `, ${summary.gone} deleted meanwhile` : '';
    process.stdout.write(`keys:rotate: ${summary.resealed} re-sealed, ${summary.current} already current, ${summary.failed} failed${gone} (newest key "${cipher.currentKeyId}")\n`);
    process.exitCode = summary.failed > 0 ? 1 : 0;
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`keys:rotate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
