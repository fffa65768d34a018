import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../src/config';
import { AppError } from '../src/errors';

const LOCAL = { APP_ENV: 'local' };
const GUID = '11111111-2222-3333-4444-555555555555';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFIG_INVALID');
    return (err as AppError).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults for a local run', () => {
    const c = loadConfig(LOCAL);
    expect(c.server.port).toBe(3978);
    expect(c.defaultLocale).toBe('sv');
    expect(c.storage).toEqual({ kind: 'embedded', dir: '.data/azurite', port: 0, container: 'samverka' });
    expect(c.bot.appId).toBe('');
    expect(c.logLevel).toBe('info');
  });

  it('keeps a bot without identity on loopback', () => {
    expect(loadConfig(LOCAL).server.host).toBe('127.0.0.1');
    expect(problemsOf({ ...LOCAL, HOST: '0.0.0.0' })).toContain('HOST must be a loopback address (127.0.0.1) when MICROSOFT_APP_ID is empty');
  });

  it('names the variable and the rule in one line when a value is invalid', () => {
    const message = problemsOf({ ...LOCAL, PORT: 'abc' });
    expect(message).toBe('Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(message).not.toContain('\n');
  });

  it('reports every bad variable at once', () => {
    const message = problemsOf({ ...LOCAL, PORT: '70000', DEFAULT_LOCALE: 'de', LOG_LEVEL: 'loud', STORAGE_CONTAINER: 'Bad_Name' });
    for (const name of ['PORT', 'DEFAULT_LOCALE', 'LOG_LEVEL', 'STORAGE_CONTAINER']) expect(message).toContain(name);
  });

  it('refuses to run in production without a bot identity and real storage', () => {
    const message = problemsOf({});
    expect(message).toContain('MICROSOFT_APP_ID is required unless APP_ENV=local');
    expect(message).toContain('STORAGE_CONNECTION_STRING is required unless APP_ENV=local');
    expect(message).toContain('NOTE_ENCRYPTION_KEY or NOTE_ENCRYPTION_KEYS is required unless APP_ENV=local');
    expect(message).toContain('BOT_ALLOWED_TENANT_IDS is required unless APP_ENV=local');
  });

  it('reads the allowed tenants as lower-case GUIDs, and allows every tenant only in a local run', () => {
    expect(loadConfig(LOCAL).bot.allowedTenantIds).toEqual([]);
    const ids = loadConfig({ ...LOCAL, BOT_ALLOWED_TENANT_IDS: ` ${GUID.toUpperCase()} ,, 22222222-2222-4222-8222-222222222222,${GUID}` }).bot.allowedTenantIds;
    expect(ids).toEqual([GUID, '22222222-2222-4222-8222-222222222222']);
    expect(problemsOf({ ...LOCAL, BOT_ALLOWED_TENANT_IDS: `${GUID},contoso.onmicrosoft.com` })).toContain(
      'BOT_ALLOWED_TENANT_IDS must be Entra ID tenant ids (GUIDs), separated by commas',
    );
  });

  it('rejects an encryption key of the wrong length without echoing it', () => {
    const message = problemsOf({ ...LOCAL, NOTE_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(message).toContain('NOTE_ENCRYPTION_KEY must be 32 random bytes');
    expect(message).not.toContain('c2hvcnQ=');
  });

  it('reads NOTE_ENCRYPTION_KEYS as a ring, newest first, with NOTE_ENCRYPTION_KEY as its oldest key', () => {
    const [a, b, c] = [1, 2, 3].map((n) => Buffer.alloc(32, n));
    const ring = loadConfig({ ...LOCAL, NOTE_ENCRYPTION_KEYS: ` 2026-06:${a!.toString('base64')} , 2025.1_x:${b!.toString('base64')}`, NOTE_ENCRYPTION_KEY: c!.toString('base64') }).noteKeys;
    expect(ring).toEqual([{ id: '2026-06', key: a }, { id: '2025.1_x', key: b }, { key: c }]);
    // The single key alone is a ring of one (named by its fingerprint when used); listed in the ring too, it is not repeated.
    expect(loadConfig({ ...LOCAL, NOTE_ENCRYPTION_KEY: c!.toString('base64') }).noteKeys).toEqual([{ key: c }]);
    expect(loadConfig({ ...LOCAL, NOTE_ENCRYPTION_KEYS: `k:${c!.toString('base64')}`, NOTE_ENCRYPTION_KEY: c!.toString('base64') }).noteKeys).toEqual([{ id: 'k', key: c }]);
    expect(loadConfig(LOCAL).noteKeys).toBeUndefined();
  });

  it('rejects a malformed key ring without echoing any key', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    for (const [value, problem] of [
      [`k1:${key},k2`, 'entry 2 must be id:key'],
      [`bad id:${key}`, 'entry 1 must be id:key'],
      ['k1:c2hvcnQ=', 'entry 1 must be id:key'],
      [`k1:${key},k1:${Buffer.alloc(32, 8).toString('base64')}`, 'names a key id twice'],
      [`k1:${key},k2:${key}`, 'lists the same key twice'],
    ] as const) {
      const message = problemsOf({ ...LOCAL, NOTE_ENCRYPTION_KEYS: value });
      expect(message).toContain(`NOTE_ENCRYPTION_KEYS ${problem}`);
      expect(message).not.toContain(key);
      expect(message).not.toContain('c2hvcnQ=');
    }
    expect(loadConfig({ APP_ENV: 'production', MICROSOFT_APP_ID: GUID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: GUID, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', NOTE_ENCRYPTION_KEYS: `k1:${key}`, BOT_ALLOWED_TENANT_IDS: GUID }).noteKeys).toHaveLength(1);
  });

  it('requires a tenant and a secret for a single-tenant identity, without echoing secrets', () => {
    const message = problemsOf({ ...LOCAL, MICROSOFT_APP_ID: GUID });
    expect(message).toContain('MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant');
    expect(message).toContain('MICROSOFT_APP_PASSWORD or a certificate');
    const secret = problemsOf({ ...LOCAL, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: GUID, MICROSOFT_APP_TENANT_ID: GUID, MICROSOFT_APP_PASSWORD: 'hunter2' });
    expect(secret).toContain('MICROSOFT_APP_PASSWORD must be empty');
    expect(secret).not.toContain('hunter2');
  });

  it('accepts a complete production configuration and freezes it', () => {
    const c = loadConfig({
      MICROSOFT_APP_ID: GUID,
      MICROSOFT_APP_PASSWORD: 'secret',
      MICROSOFT_APP_TENANT_ID: GUID,
      BOT_ALLOWED_TENANT_IDS: GUID,
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      NOTE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      PORT: '8080',
      DEFAULT_LOCALE: 'en',
    });
    expect(c.env).toBe('production');
    expect(c.storage.kind).toBe('connectionString');
    expect(c.server.port).toBe(8080);
    expect(c.bot.allowedTenantIds).toEqual([GUID]);
    expect(Object.isFrozen(c.server)).toBe(true);
    expect(Object.isFrozen(c.bot.allowedTenantIds)).toBe(true);
    expect(() => {
      (c.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads the public address for download links (https outside a local run) and how long a link works', () => {
    const prod = { MICROSOFT_APP_ID: GUID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: GUID, BOT_ALLOWED_TENANT_IDS: GUID, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', NOTE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(loadConfig(LOCAL).server.publicBaseUrl).toBe('');
    expect(loadConfig(LOCAL).statistics.linkMinutes).toBe(15);
    expect(loadConfig({ ...prod, PUBLIC_BASE_URL: 'https://samverka.example.org/bot/', STATISTICS_LINK_MINUTES: '60' })).toMatchObject({ server: { publicBaseUrl: 'https://samverka.example.org/bot' }, statistics: { linkMinutes: 60 } });
    expect(loadConfig({ ...LOCAL, PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }).server.publicBaseUrl).toBe('http://127.0.0.1:3978');
    expect(problemsOf({ ...prod, PUBLIC_BASE_URL: 'http://samverka.example.org' })).toContain('PUBLIC_BASE_URL must be an https address unless APP_ENV=local');
    expect(problemsOf({ ...LOCAL, PUBLIC_BASE_URL: 'samverka.example.org' })).toContain('PUBLIC_BASE_URL must be an http(s) address');
    expect(problemsOf({ ...LOCAL, STATISTICS_LINK_MINUTES: '0' })).toContain('STATISTICS_LINK_MINUTES must be a whole number from 1 to 1440');
  });

  it('documents exactly the variables it reads in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(CONFIG_VARIABLES));
  });
});
