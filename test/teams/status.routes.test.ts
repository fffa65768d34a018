import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { messageActivity, postActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { startTestBot, TEST_NOTE_KEY } from '../support/bot';

describe('"status <code>" for the reporter only', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let cases: BlobCaseStore;

  beforeAll(async () => {
    const c = await freshContainers('status');
    cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    bot = await startTestBot(c.connectionString, c.name);
  });
  afterAll(() => bot.stop());

  async function caseWith(status: Case['status']): Promise<Case> {
    const now = new Date().toISOString();
    return cases.create({
      id: randomUUID(),
      status,
      createdAt: now,
      updatedAt: now,
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P3', category: 'other' },
      reporter: { userId: 'user-reporter', aadObjectId: '00000000-0000-0000-0000-000000000001', conversationRef: {}, locale: 'sv' },
      history: [],
    });
  }
  const say = (text: string, aad = '00000000-0000-0000-0000-000000000001', locale = 'sv-SE') =>
    postActivity(bot.baseUrl, { ...messageActivity(text, { userId: 'user-reporter', locale }), from: { id: 'user-reporter', aadObjectId: aad } });

  it.each([
    ['received', 'mottaget och skickat till ansvarig samordnare'],
    ['taken', 'samordnaren har tagit emot det'],
    ['closed', 'hanterat och avslutat'],
  ] as const)('tells the reporter a %s case only what they may know', async (status, text) => {
    const c = await caseWith(status);
    const { replies } = await say(`status ${c.code.toLowerCase().replace('-', '')}`);
    expect(replies[0]?.text).toMatch(new RegExp(`^Ärende ${c.code}: ${text}`));
  });

  it('answers someone else exactly as for a code that does not exist', async () => {
    const c = await caseWith('received');
    const other = await say(`status ${c.code}`, '00000000-0000-0000-0000-000000000099', 'en-US');
    expect(other.replies[0]?.text).toBe(`I cannot find a case with code ${c.code} that you reported. Please check the code.`);
  });

  it('explains the command when the code is missing or malformed', async () => {
    const { replies } = await say('status please');
    expect(replies[0]?.text).toContain('Skriv ”status” följt av ärendekoden');
  });
});
