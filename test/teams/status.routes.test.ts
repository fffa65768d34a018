import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { messageActivity, postActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { startTestBot, TEST_NOTE_KEY } from '../support/bot';

describe('"status <code>" for the reporter only', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let cases: BlobCaseStore;
  let audit: BlobAuditLog;

  beforeAll(async () => {
    const c = await freshContainers('status');
    cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    audit = new BlobAuditLog(new JsonBlobStore(c.data));
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
    // Stored, but no card has reached a coordinator: the reporter is not told it was sent.
    ['received', 'mottaget och sparat, men det har ännu inte nått någon samordnare'],
    ['delivered', 'har nått ansvarig samordnare och väntar på att bli bekräftat'],
    ['taken', 'samordnaren har tagit emot det'],
    ['closed', 'hanterat och avslutat'],
  ] as const)('tells the reporter a %s case only what they may know', async (status, text) => {
    const c = await caseWith(status);
    const { replies } = await say(`status ${c.code.toLowerCase().replace('-', '')}`);
    expect(replies[0]?.text).toMatch(new RegExp(`^Ärende ${c.code}: ${text}`));
  });

  it('answers someone else exactly as for a code that does not exist, and audits the refusal', async () => {
    const c = await caseWith('received');
    const intruder = '00000000-0000-0000-0000-000000000099';
    for (const command of [`status ${c.code}`, `add ${c.code}: more`, `withdraw ${c.code}`, `answer ${c.code}: yes`]) {
      const other = await say(command, intruder, 'en-US');
      expect(other.replies[0]?.text).toBe(`I cannot find a case with code ${c.code} that you reported. Please check the code.`);
    }
    expect((await cases.get(c.id))?.case.status).toBe('received');
    const refused = (await audit.read(new Date().toISOString().slice(0, 10))).filter((e) => e.actor === intruder);
    expect(refused.map((e) => [e.action, e.result, e.reason, e.caseId])).toEqual([
      ['status', 'refused', 'notReporter', c.id],
      ['addInfo', 'refused', 'notReporter', c.id],
      ['withdraw', 'refused', 'notReporter', c.id],
      ['answerQuestion', 'refused', 'notReporter', c.id],
    ]);
  });

  it('answers case commands only in personal chat: in a channel the reporter is sent to their chat, nothing is revealed', async () => {
    const c = await caseWith('received');
    const inChannel = await postActivity(bot.baseUrl, {
      ...messageActivity(`status ${c.code}`, { userId: 'user-reporter', conversationType: 'channel', locale: 'en-US' }),
      from: { id: 'user-reporter', aadObjectId: '00000000-0000-0000-0000-000000000001' },
    });
    expect(inChannel.replies[0]?.text).toContain('only in your personal chat');
    expect(inChannel.replies[0]?.text).not.toContain(c.code);
    expect((await audit.read(new Date().toISOString().slice(0, 10))).some((e) => e.action === 'status' && e.reason === 'notPersonalChat')).toBe(true);
  });

  it('answers in the language of the words typed: Swedish commands in an English client, English in a Swedish one', async () => {
    const c = await caseWith('received');
    const me = '00000000-0000-0000-0000-000000000001';
    const reply = async (text: string, locale: string) => (await say(text, me, locale)).replies[0]?.text ?? '';
    expect(await reply(`läge ${c.code}`, 'en-US')).toMatch(new RegExp(`^Ärende ${c.code}: mottaget och sparat`));
    expect(await reply(`svar ${c.code}: ja, bilen var röd`, 'en-US')).toBe(`Det finns ingen obesvarad fråga på ärende ${c.code}.`);
    expect(await reply('läge K-', 'en-US')).toContain('Skriv ”status” följt av ärendekoden');
    expect(await reply(`answer ${c.code}: yes`, 'sv-SE')).toBe(`There is no unanswered question on case ${c.code}.`);
    // "status" is both languages' word: the conversation's language (the last words typed here), then the client's.
    expect(await reply(`status ${c.code}`, 'en-US')).toMatch(/^Case /);
  });

  it('explains the command when the code is missing or malformed', async () => {
    const { replies } = await say('status snälla');
    expect(replies[0]?.text).toContain('Skriv ”status” följt av ärendekoden');
    // The words decide, not the client: "please" is English.
    expect((await say('status please')).replies[0]?.text).toContain('Type “status” followed by the case code');
  });

  it('gives an administrator a case\'s trail (pseudonymous, refusals included) and its export, both audited; anyone else is refused', async () => {
    const ALEX = '00000000-0000-0000-0000-0000000000020'; // administrator in the example directory
    const c = await caseWith('received');
    await say(`status ${c.code}`, '00000000-0000-0000-0000-000000000077', 'en-US'); // someone else tries

    const trail = (await say(`audit ${c.code}`, ALEX, 'en-US')).replies[0]?.text ?? '';
    expect(trail).toContain(`Trail of case ${c.code}`);
    expect(trail).toMatch(/p-[0-9a-f]{8} · status \(refused: notReporter\)/);
    expect(trail).not.toContain('00000000-0000-0000-0000-000000000077');

    const exported = (await say(`export ${c.code}`, ALEX, 'en-US')).replies[0]?.text ?? '';
    const json = JSON.parse(/```json\n([\s\S]*)\n```/.exec(exported)![1]!) as { id: string; code: string; note: { formId: string } };
    expect(json).toMatchObject({ id: c.id, code: c.code, note: { formId: 'incident-note' } });

    const refused = await say(`export ${c.code}`, '00000000-0000-0000-0000-000000000001', 'en-US');
    expect(refused.replies[0]?.text).toBe('Only an administrator can read or export a case.');
    const events = await audit.read(new Date().toISOString().slice(0, 10));
    expect(events.filter((e) => e.caseId === c.id && e.result === 'ok').map((e) => [e.actor, e.action])).toEqual([
      [ALEX, 'trail'],
      [ALEX, 'export'],
    ]);
    expect(events.some((e) => e.action === 'export' && e.result === 'refused' && e.reason === 'notAdmin')).toBe(true);
  });
});

describe('after switching from the single NOTE_ENCRYPTION_KEY to a key ring', () => {
  it('opens what the legacy key sealed (the case, and the reporter’s saved language in bot state) and re-seals the sentinel under the new key', async () => {
    const c = await freshContainers('status-ring');
    const store = new JsonBlobStore(c.data);
    const reporter = { userId: 'user-ring', aadObjectId: '00000000-0000-0000-0000-000000000001' };
    const say = (bot: { baseUrl: string }, text: string) =>
      postActivity(bot.baseUrl, { ...messageActivity(text, { userId: reporter.userId, conversationId: 'conv-ring', locale: 'sv-SE' }), from: { id: reporter.userId, aadObjectId: reporter.aadObjectId } });

    // Before: the deployment as it was, with NOTE_ENCRYPTION_KEY only.
    const before = await startTestBot(c.connectionString, c.name);
    expect((await say(before, 'english')).replies[0]?.text).toContain('English');
    const now = new Date().toISOString();
    const legacy = await new BlobCaseStore(store, new NoteCipher(TEST_NOTE_KEY)).create({
      id: randomUUID(), status: 'received', createdAt: now, updatedAt: now, history: [],
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P3', category: 'other' },
      reporter: { ...reporter, conversationRef: {}, locale: 'en' },
    });
    await before.stop();

    // After: a new key in front; the old one kept as NOTE_ENCRYPTION_KEY.
    const after = await startTestBot(c.connectionString, c.name, { NOTE_ENCRYPTION_KEYS: `2026-06:${Buffer.alloc(32, 61).toString('base64')}` });
    try {
      const { replies } = await say(after, `status ${legacy.code}`);
      // English: the language saved in bot state under the old key was read.
      expect(replies[0]?.text).toMatch(new RegExp(`^Case ${legacy.code}: received`));
      expect((await store.get<{ sealed: { kid: string } }>('keys/sentinel.json'))?.value.sealed.kid).toBe('2026-06');
    } finally {
      await after.stop();
    }
  });
});
