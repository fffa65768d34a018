import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshContainers } from '../support/azurite';
import { startBotProcess, startPlayground, type Playground, type StartedProcess } from '../support/processes';

/** The whole first conversation through the real Agents Playground and a real bot process. */
describe('first conversation in the Agents Playground', () => {
  let bot: StartedProcess & { port: number };
  let playground: Playground;

  beforeAll(async () => {
    const c = await freshContainers('e2e');
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    playground = await startPlayground(`http://127.0.0.1:${bot.port}/api/messages`);
  });
  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
  });

  it('welcomes on install, then answers help, in the user language', async () => {
    const conv = playground.config.personalChat.id;
    await playground.install(conv);
    const welcome = await playground.waitForMessage(conv, (e) => /Samverka/.test(e.message?.text ?? ''));
    // The Playground sends no locale on install, so the welcome is in the default language (Swedish).
    expect(welcome.message?.text).toMatch(/^Hej! Jag är Samverka/);
    expect(welcome.message?.text).toContain('Ring 112 först');

    const since = playground.events.length;
    await playground.say(conv, 'help');
    const help = await playground.waitForMessage(conv, () => true, since);
    expect(help.message?.text).toContain('How to use Samverka');

    const since2 = playground.events.length;
    await playground.say(conv, 'hjälp');
    const hjalp = await playground.waitForMessage(conv, () => true, since2);
    expect(hjalp.message?.text).toContain('Så använder du Samverka');
  });

  const cardText = (e: { message?: { attachments?: { content: unknown }[] } }) => JSON.stringify(e.message?.attachments?.[0]?.content ?? '');

  it('answers a Swedish and an English question with the routine card and its sources', async () => {
    const conv = playground.config.personalChat.id;
    let since = playground.events.length;
    await playground.say(conv, 'Vilket nummer har Kvinnofridslinjen?');
    const sv = await playground.waitForMessage(conv, (e) => (e.message?.attachments?.length ?? 0) > 0, since);
    expect(cardText(sv)).toContain('020-50 50 50');
    expect(cardText(sv)).toContain('Källor');

    since = playground.events.length;
    await playground.say(conv, 'Can I tip off the police anonymously?');
    const en = await playground.waitForMessage(conv, (e) => (e.message?.attachments?.length ?? 0) > 0, since);
    expect(cardText(en)).toContain('114 14');
    expect(cardText(en)).toContain('Sources');
  });

  it('refuses an off-topic request politely instead of offering a routine', async () => {
    const conv = playground.config.personalChat.id;
    const since = playground.events.length;
    await playground.say(conv, "What's the weather tomorrow?");
    const reply = await playground.waitForMessage(conv, () => true, since);
    expect(reply.message?.text).toContain('That is outside what I can help with');
    expect(cardText(reply)).not.toContain('Ask a coordinator');
  });

  it('logs no message text', () => {
    expect(bot.output()).not.toContain('hjälp');
    expect(bot.output()).not.toContain('Kvinnofridslinjen');
    expect(bot.output()).not.toContain('weather');
    expect(bot.output()).not.toMatch(/"text"/);
  });
});
