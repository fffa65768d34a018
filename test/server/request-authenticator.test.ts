import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/activities';
import { freshContainers, type TestContainers } from '../support/azurite';
import { CHANNEL_ISSUER, startSilentServer, startTestIssuer, type TestIssuer } from '../support/openid-issuer';
import { startBotProcess, type StartedProcess } from '../support/processes';

/**
 * Sign-in over HTTP: the real bot (a child process, so everything it prints is seen) behind its own
 * OpenID metadata and keys on loopback, sent tokens that are valid and invalid in every way.
 */

const APP_ID = '5b0b3a8e-1d3c-4c6f-9a51-6f1e2d3c4b5a';
const TENANT = '0d7c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const OTHER_TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const SERVICE_URL = 'http://127.0.0.1:9/unused/';
const now = () => Math.floor(Date.now() / 1000);

type Bot = StartedProcess & { port: number };

function botEnv(c: TestContainers, metadataUrl: string): Record<string, string> {
  return {
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    MICROSOFT_APP_TENANT_ID: TENANT,
    BOT_OPENID_METADATA_URL: metadataUrl,
    BOT_ALLOWED_TENANT_IDS: TENANT,
    STORAGE_CONNECTION_STRING: c.connectionString,
    STORAGE_CONTAINER: c.name,
  };
}

/** A Teams message ('english' stores the user's language, so a processed turn leaves state behind). */
function activity(name: string, tenants: { channelData?: string; conversation?: string } = { channelData: TENANT, conversation: TENANT }) {
  const a = messageActivity('english', { conversationId: `conv-${name}`, userId: `user-${name}`, locale: 'sv-SE' });
  return {
    ...a,
    serviceUrl: SERVICE_URL,
    conversation: { id: `conv-${name}`, conversationType: 'personal', ...(tenants.conversation ? { tenantId: tenants.conversation } : {}) },
    channelData: tenants.channelData ? { tenant: { id: tenants.channelData } } : {},
  };
}

const validClaims = () => ({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now() - 60, nbf: now() - 60, exp: now() + 3600 });

interface Answer {
  status: number;
  body: string;
  headers: Headers;
  ms: number;
  /** Log output offset before the request. */
  from: number;
}

async function post(bot: Bot, body: unknown, token?: string): Promise<Answer> {
  const from = bot.output().length;
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text, headers: res.headers, ms: performance.now() - started, from };
}

/** The complete lines the bot printed since `from`, once at least one has arrived and a moment has passed for any other. */
async function linesSince(bot: Bot, from: number): Promise<string[]> {
  const lines = () => bot.output().slice(from).split('\n').slice(0, -1);
  const until = Date.now() + 3_000;
  while (lines().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 150));
  return lines();
}

/** Exactly one JSON log line for the request: the refusal, with its code and reason and nothing of the token. */
async function expectOneRefusalLine(bot: Bot, answer: Answer, code: string, reason: string, token?: string): Promise<void> {
  const lines = await linesSince(bot, answer.from);
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(entry).toMatchObject({ level: 'warn', msg: 'request refused', code, reason, component: 'auth' });
  expect(entry.status).toBe(answer.status);
  if (token) expect(lines[0]).not.toContain(token.split('.')[1]);
}

async function blobNames(c: TestContainers): Promise<string[]> {
  const names: string[] = [];
  for await (const b of c.data.listBlobsFlat()) names.push(b.name);
  return names;
}

/** Whatever the bot stored for a conversation/user of this test case (state blobs carry both ids). */
async function storedFor(c: TestContainers, name: string): Promise<string[]> {
  return (await blobNames(c)).filter((n) => n.includes(`conv-${name}`) || n.includes(`user-${name}`));
}

describe('sign-in at /api/messages', () => {
  let issuer: TestIssuer;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let c: TestContainers;
  let cStalled: TestContainers;
  let bot: Bot;
  let stalledBot: Bot;

  beforeAll(async () => {
    [issuer, silent, c, cStalled] = await Promise.all([startTestIssuer(), startSilentServer(), freshContainers('authn'), freshContainers('authn-stall')]);
    [bot, stalledBot] = await Promise.all([startBotProcess(botEnv(c, issuer.metadataUrl)), startBotProcess(botEnv(cStalled, silent.url))]);
  });
  afterAll(async () => {
    await Promise.all([bot?.stop(), stalledBot?.stop()]);
    await Promise.all([issuer?.close(), silent?.close()]);
  });

  it('processes an activity with a valid token (and only then stores anything)', async () => {
    expect(await storedFor(c, 'valid')).toEqual([]);
    const answer = await post(bot, activity('valid'), issuer.sign(validClaims()));
    expect(answer.status).toBe(200);
    const replies = (JSON.parse(answer.body) as { activities: { text?: string }[] }).activities;
    expect(replies[0]?.text).toBe('I will answer in English from now on.');
    expect((await storedFor(c, 'valid')).length).toBeGreaterThan(0);
  });

  const { privateKey: strangerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cases: { name: string; token: (i: TestIssuer) => string | undefined; code: string; reason: string }[] = [
    { name: 'expired', token: (i) => i.sign({ ...validClaims(), iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }), code: 'AUTH_TOKEN_INVALID', reason: 'expired' },
    { name: 'not-yet-valid', token: (i) => i.sign({ ...validClaims(), nbf: now() + 3600, exp: now() + 7200 }), code: 'AUTH_TOKEN_INVALID', reason: 'not_yet_valid' },
    { name: 'wrong-audience', token: (i) => i.sign({ ...validClaims(), aud: '00000000-1111-4222-8333-444444444444' }), code: 'AUTH_TOKEN_INVALID', reason: 'audience' },
    { name: 'wrong-issuer', token: (i) => i.sign({ ...validClaims(), iss: 'https://issuer.example.com' }), code: 'AUTH_TOKEN_INVALID', reason: 'issuer' },
    { name: 'bad-signature', token: (i) => i.sign(validClaims(), { privateKey: strangerKey }), code: 'AUTH_TOKEN_INVALID', reason: 'bad_signature' },
    { name: 'alg-none', token: (i) => i.sign(validClaims(), { header: { alg: 'none' } }), code: 'AUTH_TOKEN_INVALID', reason: 'algorithm' },
    { name: 'hs256-public-key', token: (i) => i.sign(validClaims(), { header: { alg: 'HS256' }, hmacSecret: i.publicKeyPem }), code: 'AUTH_TOKEN_INVALID', reason: 'algorithm' },
    { name: 'unknown-kid', token: (i) => i.sign(validClaims(), { header: { kid: 'not-published' } }), code: 'AUTH_TOKEN_INVALID', reason: 'unknown_key' },
    { name: 'wrong-service-url', token: (i) => i.sign({ ...validClaims(), serviceurl: 'https://attacker.example.com/' }), code: 'AUTH_TOKEN_INVALID', reason: 'service_url' },
    { name: 'not-a-jwt', token: () => 'not-a-jwt', code: 'AUTH_TOKEN_INVALID', reason: 'malformed' },
    { name: 'no-token', token: () => undefined, code: 'AUTH_TOKEN_MISSING', reason: 'no_token' },
  ];

  it.each(cases)('refuses a token that is $name with 401, one log line and nothing stored', async ({ name, token, code, reason }) => {
    const t = token(issuer);
    const answer = await post(bot, activity(name), t);
    expect(answer.status).toBe(401);
    expect(answer.body).toBe('{"error":"unauthorized"}');
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    await expectOneRefusalLine(bot, answer, code, reason, t);
    expect(await storedFor(c, name)).toEqual([]);
  });

  it.each([
    ['from another tenant', { channelData: OTHER_TENANT, conversation: OTHER_TENANT }, 'tenant_not_allowed'],
    ['naming two different tenants', { channelData: TENANT, conversation: OTHER_TENANT }, 'tenant_not_allowed'],
    ['naming no tenant', {}, 'no_tenant'],
  ])('refuses a validly signed activity %s with 403, one log line and nothing stored', async (_label, tenants, reason) => {
    const name = `tenant-${reason}-${Object.keys(tenants).length}`;
    const answer = await post(bot, activity(name, tenants), issuer.sign(validClaims()));
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('{"error":"forbidden"}');
    await expectOneRefusalLine(bot, answer, 'AUTH_TENANT_NOT_ALLOWED', reason);
    expect(await storedFor(c, name)).toEqual([]);
  });

  it('accepts the allowed tenant whatever the case of its id', async () => {
    const answer = await post(bot, activity('tenant-upper', { channelData: TENANT.toUpperCase(), conversation: TENANT }), issuer.sign(validClaims()));
    expect(answer.status).toBe(200);
    expect((await storedFor(c, 'tenant-upper')).length).toBeGreaterThan(0);
  });

  it('fetches the metadata and the keys once for many requests', async () => {
    for (const n of [1, 2, 3]) expect((await post(bot, activity(`cached-${n}`), issuer.sign(validClaims()))).status).toBe(200);
    expect((await post(bot, activity('cached-unknown'), issuer.sign(validClaims(), { header: { kid: 'other' } }))).status).toBe(401);
    expect(issuer.hits).toEqual({ metadata: 1, jwks: 1 });
  });

  it('answers 503 within 5 s when the metadata host never answers, with one log line and nothing stored', async () => {
    const answer = await post(stalledBot, activity('stalled'), issuer.sign(validClaims()));
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.body).toBe('{"error":"unavailable"}');
    expect(silent.requests()).toBeGreaterThanOrEqual(1);
    await expectOneRefusalLine(stalledBot, answer, 'AUTH_KEYS_UNAVAILABLE', 'keys_unavailable');
    expect(await storedFor(cStalled, 'stalled')).toEqual([]);
    // Right after a failed fetch, the next request fails at once instead of waiting again.
    const again = await post(stalledBot, activity('stalled-again'), issuer.sign(validClaims()));
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(1_000);
  });

  it('printed nothing but JSON lines (no stack traces) after it started listening', () => {
    for (const b of [bot, stalledBot]) {
      const out = b.output();
      const after = out.slice(out.indexOf('"msg":"listening"'));
      const lines = after.split('\n').slice(1).filter((l) => l !== '');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(after).not.toMatch(/^\s+at /m);
    }
  });
});
