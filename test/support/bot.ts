import { loadConfig } from '../../src/config';
import { startBot, type RunningBot, type StartOverrides } from '../../src/index';
import { silentLogger } from '../../src/log';

import { TEST_NOTE_KEY } from './keys';

export { TEST_NOTE_KEY };

/** Start the real bot in this test process (port 0) against the given storage, with APP_ENV=local. */
export async function startTestBot(
  connectionString: string,
  container: string,
  env: Record<string, string> = {},
  overrides: StartOverrides = {},
): Promise<RunningBot & { baseUrl: string }> {
  const config = loadConfig({
    APP_ENV: 'local',
    HOST: '127.0.0.1',
    PORT: '0',
    STORAGE_CONNECTION_STRING: connectionString,
    STORAGE_CONTAINER: container,
    LOG_LEVEL: 'silent',
    NOTE_ENCRYPTION_KEY: TEST_NOTE_KEY.toString('base64'),
    ...env,
  });
  const bot = await startBot(config, silentLogger, overrides);
  return { ...bot, baseUrl: `http://127.0.0.1:${bot.port}` };
}
