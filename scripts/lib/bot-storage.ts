/**
 * How an operator's command reaches the bot's storage: the bot's configuration (the environment,
 * and `.env` if present, as `npm run dev` reads it), its storage account or, in a local run, the
 * embedded Azurite on its data folder (stop the local bot first: two Azurites must not share one
 * folder), stopped again when the command is done. Logs are JSON lines on stderr; stdout carries
 * only the command's own lines.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/log';
import { PROJECT_ROOT } from '../../src/paths';
import { createBlobContainers, isContainerReachable } from '../../src/storage/blob-container';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { resolveStorage } from '../../src/storage/resolve-storage';

export interface BotStorage {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** The bot's data container. */
  readonly store: JsonBlobStore;
}

export async function withBotStorage<T>(run: (storage: BotStorage) => Promise<T>): Promise<T> {
  const envFile = path.join(PROJECT_ROOT, '.env');
  // Values already in the environment win over the file's.
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const config = loadConfig();
  const logger = createLogger(config.logLevel, pino.destination(2));
  const { connectionString, embedded } = await resolveStorage(config, logger, { restartOnExit: false });
  try {
    const containers = createBlobContainers(connectionString, config.storage.container);
    if (!(await isContainerReachable(containers.probe, 10_000))) throw new Error('storage is not reachable');
    return await run({ config, logger, store: new JsonBlobStore(containers.data) });
  } finally {
    await embedded?.stop();
  }
}
