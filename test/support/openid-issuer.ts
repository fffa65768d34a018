import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** The Bot Framework channel token issuer (botbuilder's public-cloud default). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  /** Header fields; `alg` decides how the token is signed (RS256 with the issuer's key, HS256 with `hmacSecret`, none unsigned). */
  readonly header?: Record<string, unknown>;
  /** Sign with this private key instead of the issuer's (a forged signature). */
  readonly privateKey?: KeyObject;
  readonly hmacSecret?: string | Buffer;
}

/**
 * A stand-in for the Bot Framework's OpenID issuer on loopback: `/openid` (metadata) and `/jwks`
 * (one RSA key, endorsed for msteams), each request counted; `sign` makes tokens with its key.
 */
export interface TestIssuer {
  readonly metadataUrl: string;
  readonly kid: string;
  readonly publicKeyPem: string;
  readonly hits: { metadata: number; jwks: number };
  /** While down, both endpoints answer 500 (requests are still counted). */
  setDown(down: boolean): void;
  sign(claims: Record<string, unknown>, options?: TokenOptions): string;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A compact JWS, signed as its header's `alg` says (RS256, HS256 or none). */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: { privateKey?: KeyObject; hmacSecret?: string | Buffer }): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (header.alg === 'none') return `${input}.`;
  if (header.alg === 'HS256') return `${input}.${b64url(createHmac('sha256', key.hmacSecret ?? '').update(input).digest())}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key.privateKey!))}`;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const hits = { metadata: 0, jwks: 0 };
  let base = '';
  let down = false;
  const server = createServer((req, res) => {
    if (req.url === '/openid') hits.metadata++;
    if (req.url === '/jwks') hits.jwks++;
    if (down) {
      res.writeHead(500).end();
    } else if (req.url === '/openid') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/jwks` }));
    } else if (req.url === '/jwks') {
      const jwk = publicKey.export({ format: 'jwk' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await listen(server);
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    metadataUrl: `${base}/openid`,
    kid,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    hits,
    setDown: (value) => {
      down = value;
    },
    sign: (claims, options = {}) =>
      signJwt({ alg: 'RS256', typ: 'JWT', kid, ...options.header }, claims, { privateKey: options.privateKey ?? privateKey, ...(options.hmacSecret ? { hmacSecret: options.hmacSecret } : {}) }),
    close: () => close(server),
  };
}

/** A server that accepts connections and never answers (a metadata host behind a black hole). */
export async function startSilentServer(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer(() => {
    requests++;
  });
  server.on('connection', (s) => sockets.add(s));
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/openid`,
    requests: () => requests,
    close: () => {
      for (const s of sockets) s.destroy();
      return close(server);
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
