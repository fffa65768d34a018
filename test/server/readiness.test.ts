import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite';
import { messageActivity, postActivity } from '../support/activities';
import { startTestBot } from '../support/bot';
import { waitUntil } from '../support/wait';

describe('readiness while storage goes away and comes back', () => {
  let azurite: EmbeddedAzurite;
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  const status = async () => (await fetch(`${bot.baseUrl}/readyz`)).status;

  beforeAll(async () => {
    // A private Azurite that this test may stop (the shared one must stay up for other files).
    azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
    bot = await startTestBot(azurite.connectionString, 'ready');
  });
  afterAll(async () => {
    await bot.stop();
    await azurite.stop();
  });

  it('reports 503 while storage is down, tells users, keeps running, and 200 when it is back', async () => {
    // Ready once storage has answered a probe: on a busy machine the first one may time out.
    await waitUntil(async () => (await status()) === 200, 15_000);

    await azurite.stop();
    await waitUntil(async () => (await status()) === 503, 15_000);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);

    const during = await postActivity(bot.baseUrl, messageActivity('hjälp', { locale: 'sv-SE' }));
    expect(during.status).toBe(200);
    expect(during.replies.map((r) => r.text).join(' ')).toContain('Jag når inte lagringen just nu');

    await azurite.start();
    await waitUntil(async () => (await status()) === 200, 15_000);
    const after = await postActivity(bot.baseUrl, messageActivity('hjälp', { locale: 'sv-SE' }));
    expect(after.replies[0]?.text).toContain('Så använder du Samverka');
  });
});
