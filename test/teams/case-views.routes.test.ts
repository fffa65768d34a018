import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { caseIndexOn, freshContainers } from '../support/azurite';
import { startTestBot, TEST_NOTE_KEY } from '../support/bot';
import { MEGAN_AAD, storeManyCases } from '../support/many-cases';

describe('coordinator views in Teams', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let codes: { mine: string[]; open: string[] };

  beforeAll(async () => {
    const c = await freshContainers('views');
    const store = new JsonBlobStore(c.data);
    const open = await storeManyCases(new BlobCaseStore(store, new NoteCipher(TEST_NOTE_KEY)), caseIndexOn(c), 40, 14);
    codes = { mine: open.filter((o) => o.assignee === MEGAN_AAD).map((o) => o.code), open: open.map((o) => o.code) };
    bot = await startTestBot(c.connectionString, c.name);
  }, 60_000);
  afterAll(() => bot.stop());

  const as = (aad: string, text: string) => postActivity(bot.baseUrl, { ...messageActivity(text, { locale: 'en-US' }), from: { id: `u-${aad}`, aadObjectId: aad } });

  it('lists my cases for a coordinator', async () => {
    const { replies } = await as(MEGAN_AAD, 'my cases');
    const card = JSON.stringify(cardOf(replies[0]));
    expect(card).toContain(`My cases (${codes.mine.length})`);
    for (const code of codes.mine) expect(card).toContain(code);
  });

  it('pages the open cases, ten at a time', async () => {
    const first = JSON.stringify(cardOf((await as(MEGAN_AAD, 'öppna ärenden')).replies[0]));
    expect(first).toContain(`(${codes.open.length})`);
    expect((first.match(/"K-[2-9A-HJKMNP-Z]{4}"/g) ?? []).length).toBe(10);
    const { replies } = await postActivity(bot.baseUrl, {
      ...submitActivity({ verb: 'case.list', view: 'open', page: 1 }, { locale: 'en-US' }),
      from: { id: 'u-megan', aadObjectId: MEGAN_AAD },
    });
    const second = JSON.stringify(cardOf(replies[0]));
    expect((second.match(/"K-[2-9A-HJKMNP-Z]{4}"/g) ?? []).length).toBe(codes.open.length - 10);
  });

  it('refuses the lists to someone who is not a coordinator', async () => {
    const { replies } = await as('00000000-0000-0000-0000-000000000099', 'my cases');
    expect(replies[0]?.text).toBe('The case lists are for coordinators in the directory.');
  });
});
