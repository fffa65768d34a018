import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { errorFields, type Logger } from '../log';

/** How the signing keys of one OpenID issuer are fetched and kept. */
export interface OpenIdKeysOptions {
  /** The metadata document and the key set together must arrive within this (ms); else the request gets 503. */
  readonly timeoutMs: number;
  /** Keys are fetched again this long after the last successful fetch (botbuilder: 24 h). */
  readonly maxAgeMs: number;
  /** A token naming a key id we do not have makes us fetch again, at most this often (botbuilder: 1 h). */
  readonly unknownKeyRefetchMs: number;
  /** After a failed fetch, requests fail at once for this long instead of each trying again. */
  readonly failureBackoffMs: number;
}

export const DEFAULT_OPENID_KEYS_OPTIONS: OpenIdKeysOptions = {
  timeoutMs: 3_000,
  maxAgeMs: 24 * 3_600_000,
  unknownKeyRefetchMs: 5 * 60_000,
  failureBackoffMs: 5_000,
};

/** One signing key in the shape botframework-connector's JwtTokenExtractor reads (`IOpenIdMetadataKey`). */
export interface SigningKey {
  /** PEM (SPKI) public key. */
  readonly key: string;
  /** Channels this key may sign for (Bot Framework keys carry e.g. `msteams`); checked by botbuilder. */
  readonly endorsements?: string[];
}

/** The keys could not be fetched (timeout, network, bad answer) and none are cached: answer 503. */
export class OpenIdKeysUnavailableError extends Error {
  override readonly name = 'OpenIdKeysUnavailableError';
}

const METADATA = z.object({ jwks_uri: z.string().regex(/^https?:\/\//) });
const JWKS = z.object({
  keys: z.array(
    z
      .object({ kid: z.string().optional(), kty: z.string().optional(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() })
      .passthrough(),
  ),
});

/**
 * The signing keys published by one OpenID metadata document (and its `jwks_uri`), fetched with a
 * deadline, one fetch at a time, and cached.
 * @remarks botframework-connector's own `OpenIdMetadata` fetches without a timeout (a metadata host
 * that accepts and never answers holds every request for minutes), starts one fetch per request
 * while the keys are missing, and turns a failed fetch into a 500. This class is put in its place
 * (see {@link installOpenIdKeys}), so botbuilder's token validation reads its keys from here.
 */
export class OpenIdKeys {
  private keys = new Map<string, SigningKey>();
  private fetchedAt = 0;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(
    readonly metadataUrl: string,
    private readonly options: OpenIdKeysOptions = DEFAULT_OPENID_KEYS_OPTIONS,
    private readonly logger?: Logger,
  ) {}

  /**
   * The key with this id, or null when the issuer does not publish it.
   * @throws OpenIdKeysUnavailableError when no keys could be fetched within the deadline.
   */
  async getKey(kid: string | undefined): Promise<SigningKey | null> {
    const age = Date.now() - this.fetchedAt;
    if (this.fetchedAt === 0 || age >= this.options.maxAgeMs) {
      await this.refresh();
    } else if (!this.find(kid) && age >= this.options.unknownKeyRefetchMs) {
      // A key published since our last fetch (key rollover). A failure here leaves the cached keys.
      await this.refresh().catch(() => undefined);
    }
    return this.find(kid);
  }

  private find(kid: string | undefined): SigningKey | null {
    return kid === undefined ? null : (this.keys.get(kid) ?? null);
  }

  /** Fetch the keys once for every caller waiting; keep the old keys if the fetch fails. */
  private refresh(): Promise<void> {
    if (Date.now() - this.failedAt < this.options.failureBackoffMs) return this.stale(undefined);
    this.inFlight ??= this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = Date.now();
        this.logger?.debug('openid keys fetched', { keys: keys.size });
      })
      .catch((err: unknown) => {
        this.failedAt = Date.now();
        return this.stale(err);
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** After a failed fetch: carry on with the keys we have (logged), or fail if there are none. */
  private stale(err: unknown): Promise<void> {
    if (this.keys.size === 0) return Promise.reject(new OpenIdKeysUnavailableError('OpenID signing keys unavailable', { cause: err }));
    if (err !== undefined) this.logger?.warn('openid keys could not be refreshed; using the cached keys', errorFields(err));
    return Promise.resolve();
  }

  private async fetchKeys(): Promise<Map<string, SigningKey>> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const getJson = async (url: string): Promise<unknown> => {
      const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    };
    const metadata = METADATA.parse(await getJson(this.metadataUrl));
    const jwks = JWKS.parse(await getJson(metadata.jwks_uri));
    const keys = new Map<string, SigningKey>();
    for (const jwk of jwks.keys) {
      // RSA keys with an id only (botbuilder ignores the rest too; the algorithms it allows are RS*).
      if (!jwk.kid || jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
      const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
      keys.set(jwk.kid, { key: pem, ...(jwk.endorsements ? { endorsements: jwk.endorsements } : {}) });
    }
    if (keys.size === 0) throw new Error('the key set holds no RSA keys');
    return keys;
  }
}

/**
 * Make botframework-connector read the keys of `metadataUrl` from an {@link OpenIdKeys}: one per URL
 * in this process, shared by every adapter (the library's cache is process-wide too).
 * @remarks The library has no option for this: its `JwtTokenExtractor` looks up an `OpenIdMetadata`
 * per URL in a static map, and only calls `getKey(kid)` on it. We fill that map entry first. If a
 * botbuilder upgrade removes the map, start-up fails here instead of silently losing the timeout.
 */
export function installOpenIdKeys(metadataUrl: string, options: OpenIdKeysOptions = DEFAULT_OPENID_KEYS_OPTIONS, logger?: Logger): OpenIdKeys {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  if (!(cache instanceof Map)) throw new Error('botframework-connector: JwtTokenExtractor.openIdMetadataCache not found (botbuilder upgraded?)');
  const existing: unknown = cache.get(metadataUrl);
  if (existing instanceof OpenIdKeys) return existing;
  const keys = new OpenIdKeys(metadataUrl, options, logger);
  cache.set(metadataUrl, keys);
  return keys;
}
