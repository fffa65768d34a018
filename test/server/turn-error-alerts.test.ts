import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliverer } from '../../src/forwarding/deliverer';
import { BlobPersonAddressStore } from '../../src/storage/blob-person-address-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher, type Sealed } from '../../src/storage/note-cipher';
import { messageActivity, postActivity } from '../support/activities';
import { freshContainers, type TestContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';
import { testClock } from '../support/forwarding';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const MEGAN_CHAT = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:admin-megan', conversationType: 'personal' } };
const DRAFT_TEXT = 'Man i röd jacka vid rum 214, anna.andersson@example.se';

describe('turn faults on stored data that cannot be opened', () => {
  let c: TestContainers;
  let store: JsonBlobStore;
  const clock = testClock(new Date('2026-11-24T09:00:00Z'));
  const told: { ref: Readonly<Record<string, unknown>>; text: string }[] = [];
  const deliverer: Deliverer = {
    sendCard: async () => ({ activityId: 'a' }),
    sendText: async (ref, text) => void told.push({ ref, text }),
    updateCard: async () => undefined,
  };
  // Two instances of the bot on one storage account.
  let bots: Awaited<ReturnType<typeof startTestBot>>[] = [];

  beforeAll(async () => {
    c = await freshContainers('turn-fault');
    store = new JsonBlobStore(c.data);
    bots = [await startTestBot(c.connectionString, c.name, {}, { deliverer, clock }), await startTestBot(c.connectionString, c.name, {}, { deliverer, clock })];
    await new BlobPersonAddressStore(store).set(MEGAN, MEGAN_CHAT);
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
  });

  const say = (bot: number, conversationId: string, text: string) =>
    postActivity(bots[bot]!.baseUrl, messageActivity(text, { conversationId, userId: `user-${conversationId}`, locale: 'en-US' }));

  /** Give a conversation bot state sealed with a key the bot does not have (a wrong or lost key). */
  async function sealWithForeignKey(conversationId: string): Promise<void> {
    await say(0, conversationId, 'report');
    const names = (await store.list('state/')).filter((n) => decodeURIComponent(n).includes(conversationId));
    expect(names.length).toBeGreaterThan(0);
    const foreign = new NoteCipher([{ id: 'lost-key', key: Buffer.alloc(32, 77) }]);
    for (const name of names) {
      const key = decodeURIComponent(name.slice('state/'.length));
      await store.put(name, { sealed: foreign.seal({ intake: { answers: { observations: DRAFT_TEXT } } }, key) });
    }
  }

  it('tells the user and the administrators, but the administrators at most once an hour however many turns fail, on any instance', async () => {
    const convs = ['conv-f1', 'conv-f2', 'conv-f3'];
    for (const conv of convs) await sealWithForeignKey(conv);
    expect(told).toEqual([]);

    // 24 failing turns at once, spread over both instances and three conversations.
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => say(i % 2, convs[i % 3]!, `hello ${i}`)));
    for (const r of replies) expect(r.replies.map((a) => a.text).join(' ')).toContain('The administrator has been alerted');
    expect(told).toHaveLength(1);
    expect(told[0]!.ref).toMatchObject({ conversation: { id: 'a:admin-megan' } });
    // Default locale (Swedish), naming the code and the key id, never what the stored data says.
    expect(told[0]!.text).toContain('STORAGE_CORRUPT');
    expect(told[0]!.text).toContain('lost-key');
    expect(told[0]!.text).toContain('NOTE_ENCRYPTION_KEYS');
    expect(told[0]!.text).not.toMatch(/röd jacka|anna|example\.se|conv-f/);

    // Still failing 59 minutes later: nothing new for the administrators.
    clock.advance(59 * 60_000);
    await say(1, 'conv-f1', 'hello again');
    expect(told).toHaveLength(1);
    // An hour after the notice: one more, however many turns fail.
    clock.advance(2 * 60_000);
    await Promise.all(Array.from({ length: 6 }, (_, i) => say(i % 2, convs[i % 3]!, `later ${i}`)));
    expect(told).toHaveLength(2);
    // The last notice time is shared through storage (a small blob, no personal data).
    const record = await store.get<{ lastAt: string }>('notices/turn-fault-storage-corrupt.json');
    expect(record?.value).toEqual({ lastAt: '2026-11-24T10:01:00.000Z' });
  });

  it('keeps the raw state blob free of the draft text (sealed, with only a key id in clear)', async () => {
    const names = await store.list('state/');
    const raw = (await Promise.all(names.map((n) => store.readText(n)))).join('\n');
    expect(raw).not.toMatch(/röd jacka|anna|example\.se/);
    const kids = await Promise.all(names.map(async (n) => (await store.get<{ sealed: Sealed }>(n))?.value.sealed.kid));
    expect(kids.every((k) => typeof k === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(k))).toBe(true);
  });
});
