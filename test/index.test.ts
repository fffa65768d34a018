import { describe, expect, it } from 'vitest';
import { JsonBlobStore } from '../src/storage/json-blob-store';
import { KeySentinel } from '../src/storage/key-sentinel';
import { NoteCipher } from '../src/storage/note-cipher';
import { freshContainers } from './support/azurite';
import { TEST_NOTE_KEY } from './support/keys';
import { spawnBot, startBotProcess } from './support/processes';

describe('process start and stop', () => {
  it('exits non-zero with one line naming an invalid variable', async () => {
    const p = spawnBot({ APP_ENV: 'local', PORT: 'abc' });
    const code = await p.exited;
    expect(code).toBe(2);
    const lines = p.output().trim().split('\n').filter((l) => !/DEP0111|trace-deprecation/.test(l));
    expect(lines).toEqual(['Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")']);
  });

  it('refuses to start with one structured error line, no stack, when no configured key opens the stored data', async () => {
    const c = await freshContainers('proc-keys');
    // The deployment's data was sealed with the test key (its sentinel written as the bot does at start).
    await new KeySentinel(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY)).check();
    const p = spawnBot({
      APP_ENV: 'local',
      HOST: '127.0.0.1',
      PORT: '0',
      STORAGE_CONNECTION_STRING: c.connectionString,
      STORAGE_CONTAINER: c.name,
      NOTE_ENCRYPTION_KEYS: `2026-06:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    const code = await p.exited;
    expect(code).toBe(1);
    const lines = p.output().trim().split('\n').filter((l) => !/DEP0111|trace-deprecation/.test(l));
    const errors = lines.filter((l) => !l.startsWith('{') || (JSON.parse(l) as { level: string }).level !== 'info');
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!)).toMatchObject({
      level: 'error',
      code: 'STORAGE_KEY_MISMATCH',
      msg: expect.stringMatching(/^Note encryption keys do not open the stored data: keys\/sentinel\.json is sealed with key "[0-9a-f]{8}" and none of the configured keys \("2026-06"\) opens it/),
    });
    expect(p.output()).not.toMatch(/^\s+at /m);
    expect(p.output()).not.toContain('"msg":"listening"');
  });

  it('stops cleanly on SIGTERM', async () => {
    const c = await freshContainers('proc');
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
  });
});
