import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPENID_KEYS_OPTIONS, installOpenIdKeys, OpenIdKeys, OpenIdKeysUnavailableError } from '../../src/server/openid-keys';
import type { Logger } from '../../src/log';
import { startSilentServer, startTestIssuer, type TestIssuer } from '../support/openid-issuer';

function recordingLogger(lines: { level: string; msg: string }[]): Logger {
  const at = (level: string) => (msg: string) => void lines.push({ level, msg });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

describe('OpenIdKeys', () => {
  let issuer: TestIssuer;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;

  beforeAll(async () => {
    [issuer, silent] = await Promise.all([startTestIssuer(), startSilentServer()]);
  });
  afterAll(async () => {
    await Promise.all([issuer.close(), silent.close()]);
  });

  const fresh = () => {
    issuer.hits.metadata = 0;
    issuer.hits.jwks = 0;
    issuer.setDown(false);
  };

  it('gives the published key as PEM with its endorsements, fetching once for callers at the same time', async () => {
    fresh();
    const keys = new OpenIdKeys(issuer.metadataUrl);
    const found = await Promise.all([1, 2, 3, 4, 5].map(() => keys.getKey(issuer.kid)));
    expect(found[0]?.key).toBe(issuer.publicKeyPem);
    expect(found[0]?.endorsements).toEqual(['msteams']);
    expect(issuer.hits).toEqual({ metadata: 1, jwks: 1 });
    expect(await keys.getKey(issuer.kid)).toEqual(found[0]);
    expect(issuer.hits).toEqual({ metadata: 1, jwks: 1 });
  });

  it('answers null for an unknown key id, fetching again only after unknownKeyRefetchMs', async () => {
    fresh();
    const cached = new OpenIdKeys(issuer.metadataUrl);
    await cached.getKey(issuer.kid);
    expect(await cached.getKey('rolled-over')).toBeNull();
    expect(await cached.getKey(undefined)).toBeNull();
    expect(issuer.hits.jwks).toBe(1);
    const eager = new OpenIdKeys(issuer.metadataUrl, { ...DEFAULT_OPENID_KEYS_OPTIONS, unknownKeyRefetchMs: 0 });
    await eager.getKey(issuer.kid);
    expect(await eager.getKey('rolled-over')).toBeNull();
    expect(issuer.hits.jwks).toBe(3);
  });

  it('fails with OpenIdKeysUnavailableError at its deadline when the host never answers, then fails at once during the backoff', async () => {
    const keys = new OpenIdKeys(silent.url, { ...DEFAULT_OPENID_KEYS_OPTIONS, timeoutMs: 300 });
    const before = silent.requests();
    let started = performance.now();
    await expect(keys.getKey('any')).rejects.toBeInstanceOf(OpenIdKeysUnavailableError);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(1_500);
    started = performance.now();
    await expect(keys.getKey('any')).rejects.toBeInstanceOf(OpenIdKeysUnavailableError);
    expect(performance.now() - started).toBeLessThan(100);
    expect(silent.requests() - before).toBe(1);
  });

  it('keeps using the keys it has when a refresh fails, and says so once', async () => {
    fresh();
    const lines: { level: string; msg: string }[] = [];
    const keys = new OpenIdKeys(issuer.metadataUrl, { ...DEFAULT_OPENID_KEYS_OPTIONS, maxAgeMs: 0 }, recordingLogger(lines));
    await keys.getKey(issuer.kid);
    issuer.setDown(true);
    expect((await keys.getKey(issuer.kid))?.key).toBe(issuer.publicKeyPem);
    expect((await keys.getKey(issuer.kid))?.key).toBe(issuer.publicKeyPem);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([{ level: 'warn', msg: 'openid keys could not be refreshed; using the cached keys' }]);
    expect(issuer.hits.metadata).toBe(2);
  });

  it('treats a host that answers 500 as unavailable', async () => {
    fresh();
    issuer.setDown(true);
    await expect(new OpenIdKeys(issuer.metadataUrl).getKey(issuer.kid)).rejects.toBeInstanceOf(OpenIdKeysUnavailableError);
  });

  it('is what botbuilder token validation reads its keys from, one per metadata URL', () => {
    const url = `${issuer.metadataUrl}?installed`;
    const keys = installOpenIdKeys(url);
    expect(installOpenIdKeys(url)).toBe(keys);
    const extractor = new JwtTokenExtractor({}, url, ['RS256']);
    expect(extractor.openIdMetadata).toBe(keys);
  });
});
