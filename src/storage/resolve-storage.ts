import path from 'node:path';
import type { AppConfig } from '../config';
import type { Logger } from '../log';
import { PROJECT_ROOT } from '../paths';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './embedded-azurite';

/**
 * The storage account to use: the configured connection string, or (a local run) the embedded
 * Azurite started on the configured data folder. Used by the bot and by `npm run keys:rotate`.
 */
export async function resolveStorage(
  config: AppConfig,
  logger: Logger,
  options: { restartOnExit: boolean },
): Promise<{ connectionString: string; embedded?: EmbeddedAzurite }> {
  if (config.storage.kind === 'connectionString') return { connectionString: config.storage.connectionString };
  const dir = path.resolve(PROJECT_ROOT, config.storage.dir);
  const embedded = await startEmbeddedAzurite({ dir, port: config.storage.port, logger, restartOnExit: options.restartOnExit });
  logger.info('embedded storage started (Azurite)', { port: embedded.port });
  return { connectionString: embedded.connectionString, embedded };
}
