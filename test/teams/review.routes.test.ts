import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { routineTextHash } from '../../src/knowledge/review-reminders';
import { LOCALES_DIR } from '../../src/paths';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';
import { testClock } from '../support/forwarding';

const kb = loadKnowledgeBase(LOCALES_DIR);
const MEGAN = '00000000-0000-0000-0000-0000000000021'; // coordinator; every example routine's owner in the demo directory
const PARTNER = '00000000-0000-0000-0000-0000000000025'; // Lynne, night receptionist at a partner site
const hashOf = (id: string) => routineTextHash(kb.articles.filter((a) => a.id === id));
const QUESTION = 'Vad gör jag om gästen kan vara under 18 år?';

describe('review reminders in Teams (real bot, real Azurite)', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let store: JsonBlobStore;
  // A year and a month after the example routines were reviewed: every one is overdue.
  const clock = testClock(new Date('2027-12-01T09:00:00Z'));

  beforeAll(async () => {
    const c = await freshContainers('review');
    store = new JsonBlobStore(c.data);
    bot = await startTestBot(c.connectionString, c.name, {}, { clock });
  });
  afterAll(() => bot.stop());

  // Each person has their own Teams user id (the bot caches what it learns about a person by it).
  /** The answer card a user gets for the question, and the routine it shows. */
  const answerFor = async (aadObjectId: string) => {
    const json = JSON.stringify(cardOf((await postActivity(bot.baseUrl, messageActivity(QUESTION, { aadObjectId, userId: `user-${aadObjectId.slice(-2)}` }))).replies[0]));
    return { json, articleId: /"verb":"knowledge\.feedback","articleId":"([a-z0-9-]+)"/.exec(json)?.[1] ?? '' };
  };
  const press = async (aadObjectId: string, articleId: string, textHash = hashOf(articleId)) =>
    (await postActivity(bot.baseUrl, submitActivity({ verb: 'knowledge.reviewed', articleId, textHash }, { aadObjectId, userId: `user-${aadObjectId.slice(-2)}` }))).replies[0]?.text ?? '';

  it('shows "review overdue" to staff and coordinators, not to partners, until "Reviewed, no change" is pressed by an owner', async () => {
    const shown = await answerFor(MEGAN);
    const id = shown.articleId;
    expect(kb.index.article(id, 'sv')).toBeDefined();
    expect(shown.json).toContain('Granskning försenad');
    expect((await answerFor(PARTNER)).json).not.toContain('Granskning försenad');

    expect(await press(PARTNER, id)).toContain('Bara rutinens ansvariga');
    expect(await press(MEGAN, id, 'f'.repeat(64))).toContain('har ändrats');
    expect(await press(MEGAN, id)).toContain('Nästa granskning senast 2028-12-01');

    expect((await answerFor(MEGAN)).json).not.toContain('Granskning försenad');
    const events = (await new BlobAuditLog(store).read('2027-12-01')).filter((e) => e.action === 'kb.reviewed');
    expect(events.map((e) => [e.actor, e.result, e.reason, e.articleId])).toEqual([
      [PARTNER, 'refused', 'notOwner', id],
      [MEGAN, 'refused', 'textChanged', id],
      [MEGAN, 'ok', undefined, id],
    ]);
  });

  it('refuses a forged button (no hash) as malformed, recording no review', async () => {
    const { replies } = await postActivity(bot.baseUrl, submitActivity({ verb: 'knowledge.reviewed', articleId: 'helplines' }, { aadObjectId: MEGAN }));
    expect(replies[0]?.text).toBeTruthy();
    expect(await store.get('kb/reviews/helplines.json')).toBeUndefined();
    // A malformed card action is audited by the edge, with the wall clock's day.
    const today = new Date().toISOString().slice(0, 10);
    const refused = (await new BlobAuditLog(store).read(today)).filter((e) => e.action === 'knowledge.reviewed');
    expect(refused.map((e) => [e.result, e.reason])).toEqual([['refused', 'invalidPayload']]);
  });
});
