import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installActivity, messageActivity, postActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';
import { waitUntil } from '../support/wait';

describe('HTTP edge', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;

  beforeAll(async () => {
    const c = await freshContainers('http');
    bot = await startTestBot(c.connectionString, c.name);
  });
  afterAll(() => bot.stop());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    // Ready once storage has answered a probe (asked at most once a second): on a busy machine the first,
    // at start-up, may time out, and /readyz says 503 until the next one answers.
    await waitUntil(async () => (await fetch(`${bot.baseUrl}/readyz`)).status === 200, 15_000);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', storage: 'up' });
  });

  it('keeps an idle connection open longer than a front end does (4 minutes), so the client is the one to close it', async () => {
    const res = await fetch(`${bot.baseUrl}/healthz`);
    await res.arrayBuffer();
    const seconds = Number(/timeout=(\d+)/.exec(res.headers.get('keep-alive') ?? '')?.[1]);
    expect(seconds).toBeGreaterThan(240);
  });

  it('rejects a non-JSON content type with 415', async () => {
    const res = await post('hello', 'text/plain');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('rejects invalid JSON with 400', async () => {
    expect((await post('{"type":')).status).toBe(400);
  });

  it('rejects a body over the limit with 413', async () => {
    const big = JSON.stringify(messageActivity('x'.repeat(300 * 1024)));
    expect((await post(big)).status).toBe(413);
  });

  it.each([
    ['an array', '[1,2]'],
    ['an activity without a type', JSON.stringify({ ...messageActivity('hi'), type: undefined })],
    ['an activity without a conversation', JSON.stringify({ ...messageActivity('hi'), conversation: undefined })],
    ['an activity without a serviceUrl', JSON.stringify({ ...messageActivity('hi'), serviceUrl: 42 })],
  ])('rejects %s with 400', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
  });

  it('stays up after bad requests', async () => {
    const { status, replies } = await postActivity(bot.baseUrl, messageActivity('help', { locale: 'en-US' }));
    expect(status).toBe(200);
    expect(replies[0]?.text).toContain('How to use Samverka');
  });

  it('welcomes in the user language when installed, with 112 before anything else', async () => {
    const sv = await postActivity(bot.baseUrl, installActivity({ locale: 'sv-SE' }));
    expect(sv.replies).toHaveLength(1);
    const text = sv.replies[0]?.text ?? '';
    expect(text).toContain('Hej! Jag är Samverka');
    expect(text.indexOf('Ring 112')).toBeLessThan(text.indexOf('Fråga'));
    const en = await postActivity(bot.baseUrl, installActivity({ locale: 'en-GB' }));
    expect(en.replies[0]?.text).toContain('Call 112 first');
  });

  it('answers "hjälp" in Swedish and "help" in English whatever the client locale', async () => {
    const sv = await postActivity(bot.baseUrl, messageActivity('hjälp', { locale: 'en-US' }));
    expect(sv.replies[0]?.text).toContain('Så använder du Samverka');
    const en = await postActivity(bot.baseUrl, messageActivity('Help!', { locale: 'sv-SE' }));
    expect(en.replies[0]?.text).toContain('How to use Samverka');
  });

  it('remembers an explicit language choice for the user', async () => {
    const userId = 'user-lang';
    const switched = await postActivity(bot.baseUrl, messageActivity('english', { locale: 'sv-SE', userId }));
    expect(switched.replies[0]?.text).toBe('I will answer in English from now on.');
    const later = await postActivity(bot.baseUrl, installActivity({ locale: 'sv-SE', userId }));
    expect(later.replies[0]?.text).toContain('Hi! I am Samverka');
  });

  it('refuses oversized text with a localized message, before storing anything', async () => {
    const { status, replies } = await postActivity(bot.baseUrl, messageActivity('a'.repeat(4_001), { locale: 'sv-SE' }));
    expect(status).toBe(200);
    expect(replies[0]?.text).toContain('Meddelandet är för långt (högst 4000 tecken)');
  });
});

describe('HTTP edge with a bot identity', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;

  beforeAll(async () => {
    const c = await freshContainers('auth');
    bot = await startTestBot(c.connectionString, c.name, {
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555556',
    });
  });
  afterAll(() => bot.stop());

  it.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-jwt' }],
  ])('refuses an activity with %s (401)', async (_name, headers) => {
    const res = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(messageActivity('hjälp')),
    });
    expect(res.status).toBe(401);
  });
});
