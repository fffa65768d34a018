import { describe, expect, it } from 'vitest';
import { freshContainers } from './support/azurite';
import { spawnBot, startBotProcess } from './support/processes';

describe('process start and stop', () => {
  it('exits non-zero with one line naming an invalid variable', async () => {
    const p = spawnBot({ APP_ENV: 'local', PORT: 'abc' });
    const code = await new Promise<number | null>((r) => p.child.once('exit', r));
    expect(code).toBe(2);
    const lines = p.output().trim().split('\n').filter((l) => !/DEP0111|trace-deprecation/.test(l));
    expect(lines).toEqual(['Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")']);
  });

  it('stops cleanly on SIGTERM', async () => {
    const c = await freshContainers('proc');
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
  });
});
