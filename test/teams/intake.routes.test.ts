import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher, type Sealed } from '../../src/storage/note-cipher';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { startTestBot, TEST_NOTE_KEY } from '../support/bot';

type Reply = { type: string; text?: string; attachments?: unknown[] };
/** Everything a user sees in the replies: texts and card JSON. */
const seen = (replies: Reply[]) => replies.map((r) => r.text ?? JSON.stringify(cardOf(r) ?? '')).join('\n');
/** The revision the last card offers (what a real client would send back). */
const revisionOf = (replies: Reply[]) => {
  const m = [...seen(replies).matchAll(/"revision":(\d+)/g)].at(-1);
  return m ? Number(m[1]) : undefined;
};

describe('guided note in Teams (real bot, real Azurite)', () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  let containers: Awaited<ReturnType<typeof freshContainers>>;
  let store: JsonBlobStore;
  let cases: BlobCaseStore;

  beforeAll(async () => {
    containers = await freshContainers('intake');
    store = new JsonBlobStore(containers.data);
    cases = new BlobCaseStore(store, new NoteCipher(TEST_NOTE_KEY));
    bot = await startTestBot(containers.connectionString, containers.name);
  });
  afterAll(() => bot?.stop());

  const auditLines = async () => new BlobAuditLog(store).read(new Date().toISOString().slice(0, 10));
  const storedCases = async (): Promise<Case[]> =>
    Promise.all((await store.list('cases/')).map(async (n) => (await cases.get(n.slice('cases/'.length, -'.json'.length)))!.case));

  function chat(conversationId: string, locale = 'sv-SE', baseUrl = () => bot.baseUrl) {
    const o = { conversationId, locale, userId: `user-${conversationId}` };
    return {
      say: async (text: string) => (await postActivity(baseUrl(), messageActivity(text, o))).replies as Reply[],
      submit: async (value: Record<string, unknown>) => (await postActivity(baseUrl(), submitActivity(value, o))).replies as Reply[],
    };
  }

  it('walks the whole note by typing, in Swedish: 112 first, minor gate, bad date, back, skip, a side question, review edit, submit', async () => {
    const u = chat('typed-sv');
    let r = await u.say('rapportera');
    expect(seen(r)).toContain('Är någon i fara just nu');

    r = await u.say('ja');
    expect(seen(r)).toContain('Ring 112 nu. Ingrip inte');
    // Nothing else is asked until 112 is resolved.
    r = await u.say('korridor');
    expect(seen(r)).toContain('Ring 112 nu');
    expect(seen(r)).not.toContain('Kan någon av de inblandade vara under 18');

    r = await u.say('ringt 112');
    expect(seen(r)).toContain('händelsenummer');
    r = await u.say('hoppa över');
    expect(seen(r)).toContain('Kan någon av de inblandade vara under 18 år?');

    r = await u.say('vet inte');
    // D2: who makes the concern report is said outright.
    expect(seen(r)).toContain('Gör en orosanmälan själv: ring socialtjänsten nu');
    expect(seen(r)).toContain('Rapporten här i boten ersätter inte en orosanmälan');
    expect(seen(r)).toContain('Pågår det du vill rapportera fortfarande, just nu?');
    r = await u.say('nej');
    expect(seen(r)).toContain('Var på anläggningen hände det?');

    r = await u.say('3');
    expect(seen(r)).toContain('Rums- eller platsnummer');
    r = await u.say('tillbaka');
    expect(seen(r)).toContain('Var på anläggningen hände det?');
    r = await u.say('2');
    r = await u.say('hoppa över');
    expect(seen(r)).toContain('När började det du såg eller hörde?');

    r = await u.say('Får jag tipsa polisen anonymt?');
    expect(seen(r)).toContain('114 14');
    expect(seen(r)).toContain('Vi fortsätter med rapporten där du var');
    expect(seen(r)).toContain('När började det du såg eller hörde?');

    r = await u.say('31/13 25:99');
    expect(seen(r)).toContain('Jag förstod inte tiden');
    expect(seen(r)).toContain('När började det du såg eller hörde?');
    r = await u.say('2099-01-01 10:00');
    expect(seen(r)).toContain('Den tiden ligger i framtiden');
    r = await u.say('igår 23:10');
    expect(seen(r)).toContain('När slutade det?');
    r = await u.say('hoppa över'); // observed_to is optional
    expect(seen(r)).toContain('Har det här hänt förut?');
    r = await u.say('hoppa över');
    expect(seen(r)).toContain('Hur fick du veta det?');
    r = await u.say('1');
    expect(seen(r)).toContain('Såg eller hörde någon annan det också?');
    r = await u.say('nej');
    r = await u.say('1, 2');
    r = await u.say('2');
    // persons_age_band is asked only when the minor gate said no; here it said "vet inte".
    expect(seen(r)).toContain('fordon');
    r = await u.say('hoppa över');
    r = await u.say('Två män gick in och ut ur samma rum flera gånger under natten.');
    expect(seen(r)).toContain('Såg du något av det här?');
    r = await u.say('1, 2');
    r = await u.say('2');
    // D5: ending a booking carries its warning where the option is offered.
    expect(seen(r)).not.toContain('Avsluta inte en bokning');
    r = await u.say('1');
    expect(seen(r)).toContain('telefonnummer');
    r = await u.say('hoppa över');
    expect(seen(r)).toContain('Kontrollera din rapport');
    expect(seen(r)).toContain('Kommunen kan inte garantera att du är anonym');

    // Change one answer from the review without starting over.
    const rev = revisionOf(r);
    r = await u.submit({ verb: 'intake.edit', fieldId: 'site_area', revision: rev });
    expect(seen(r)).toContain('Var på anläggningen hände det?');
    r = await u.say('parkering');
    expect(seen(r)).toContain('Kontrollera din rapport');

    const before = (await store.list('cases/')).length;
    r = await u.submit({ verb: 'intake.command', command: 'submit', revision: revisionOf(r) });
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(seen(r))?.[0];
    expect(code).toBeDefined();
    expect(seen(r)).toContain(`status ${code}`);
    // The receipt tells the truth: stored and waiting, not yet delivered; and who makes the concern report.
    expect(seen(r)).toContain('väntar på att levereras');
    expect(seen(r)).not.toContain('är skickad');
    expect(seen(r)).toContain('har du inte redan gjort en orosanmälan, ring socialtjänsten nu');
    const after = await storedCases();
    expect(after.length).toBe(before + 1);
    const stored = await cases.getByCode(code!);
    expect(stored?.note).toMatchObject({ urgency: 'P1', category: 'possibleMinor' });
    expect(stored?.note.answers).toMatchObject({ immediate_danger: 'yes', emergency_call_made: 'yes', possible_minor: 'unsure', site_area: 'parking' });

    // Pressing submit again on the old card creates nothing more.
    r = await u.submit({ verb: 'intake.command', command: 'submit', revision: 0 });
    expect((await store.list('cases/')).length).toBe(before + 1);
  });

  it('D1: a possible minor, still going on, shows the 112 screen with the reason, though nobody said danger', async () => {
    const u = chat('d1-sv');
    await u.say('rapportera');
    await u.say('nej');
    let r = await u.say('ja');
    expect(seen(r)).toContain('Tror du att barnet är med en köpare eller en annan vuxen just nu: ring 112.');
    r = await u.say('ja');
    expect(seen(r)).toContain('Ring 112 nu');
    expect(seen(r)).toContain('Du har svarat att ett barn kan vara inblandat och att det pågår just nu.');
    expect(seen(r)).toContain('"verb":"intake.emergency"');
    r = await u.say('korridor');
    expect(seen(r)).toContain('Ring 112 nu'); // nothing else until 112 is answered
    r = await u.say('ringt 112');
    expect(seen(r)).toContain('händelsenummer');
  });

  it('cancels only after confirmation', async () => {
    const u = chat('cancel-en', 'en-US');
    await u.say('report');
    let r = await u.say('no');
    expect(seen(r)).toContain('under 18');
    r = await u.say('cancel');
    expect(seen(r)).toContain('Do you want to cancel?');
    r = await u.submit({ verb: 'intake.command', command: 'keepGoing', revision: revisionOf(r) });
    expect(seen(r)).toContain('under 18');
    r = await u.say('cancel');
    r = await u.submit({ verb: 'intake.command', command: 'confirmCancel', revision: revisionOf(r) });
    expect(seen(r)).not.toContain('under 18');
    r = await u.say('How long is the reflection period?');
    expect(seen(r)).not.toContain('under 18'); // no report in progress any more: a plain question
  });

  it.each<[string, Record<string, unknown>]>([
    ['an answer to a step that is not current', { verb: 'intake.answer', fieldId: 'observations', value: 'x' }],
    ['a field id that does not exist', { verb: 'intake.answer', fieldId: 'passport_number', value: 'x' }],
    ['an answer outside the choices', { verb: 'intake.answer', fieldId: 'immediate_danger', value: 'maybe-later' }],
    ['a stale card', { verb: 'intake.answer', fieldId: 'immediate_danger', value: 'no', revision: 999 }],
    ['an unknown command', { verb: 'intake.command', command: 'deleteEverything' }],
  ])('rejects %s with a message and leaves the draft unchanged', async (name, value) => {
    const conversation = `forged-${name.replace(/\W+/g, '-')}`;
    const u = chat(conversation, 'en-US');
    await u.say('report');
    const stateBlob = async () => {
      const names = await store.list('state/');
      const mine = names.filter((n) => decodeURIComponent(n).includes(conversation));
      const cipher = new NoteCipher(TEST_NOTE_KEY);
      return Promise.all(
        mine.map(async (n) => {
          const sealed = (await store.get<{ sealed: Sealed }>(n))!.value.sealed;
          return JSON.stringify(cipher.open<{ intake?: unknown }>(sealed, decodeURIComponent(n.slice('state/'.length))).intake ?? null);
        }),
      );
    };
    const draftBefore = await stateBlob();
    expect(draftBefore).toHaveLength(1);
    expect(draftBefore[0]).toContain('"formId":"incident-note"');
    const r = await u.submit(value);
    expect(seen(r)).toContain('Is anyone in danger right now');
    expect(r.length).toBeGreaterThanOrEqual(2); // the refusal, then the current question again
    expect(await stateBlob()).toEqual(draftBefore);
  });

  it('offers the one-card form, validates it with the same rules, keeps answers, and makes one case per card', async () => {
    const u = chat('one-card', 'en-US');
    let r = await u.say('quick form');
    const card = seen(r);
    expect(card.indexOf('Call 112 now')).toBeLessThan(card.indexOf('Is anyone in danger right now'));
    const token = /"token":"([0-9a-f-]{36})"/.exec(card)?.[1];
    expect(token).toBeDefined();
    const before = (await store.list('cases/')).length;
    const answers = {
      immediate_danger: 'no',
      possible_minor: 'no',
      site_area: 'room',
      observed_from__date: '2026-11-20',
      observed_from__time: '22:15',
      how_known: 'saw_myself',
      ongoing: 'no',
      persons_role: 'visitor,unknown',
      persons_count: '3',
      observations: 'x'.repeat(1001),
      actions_taken: 'informed_manager',
      reporter_role: 'reception',
    };
    r = await u.submit({ verb: 'intake.form', practice: false, token, ...answers });
    expect(seen(r)).toContain('Some answers need correcting');
    expect(seen(r)).toMatch(/too long/i);
    expect(seen(r)).toContain('"value":"visitor,unknown"'); // answers are kept
    // D5: the warning stands next to the choice, before anyone ends a booking.
    expect(seen(r)).toContain('Refused or ended a booking:** Do not end a booking on your own before you have talked to the police or the coordinator.');
    expect((await store.list('cases/')).length).toBe(before);

    r = await u.submit({ verb: 'intake.form', practice: false, token, ...answers, observations: 'Three men visited room 12 for ten minutes each.' });
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(seen(r))?.[0];
    expect(code).toBeDefined();
    const stored = await cases.getByCode(code!);
    expect(stored?.note.answers).toMatchObject({ site_area: 'room', persons_count: 3, persons_role: ['visitor', 'unknown'] });
    expect(stored?.note.urgency).toBe('P3');
    expect(stored?.note.answers.observed_from).toBe('2026-11-20T21:15:00Z');

    // The same card pressed again: the same code, no second case.
    r = await u.submit({ verb: 'intake.form', practice: false, token, ...answers, observations: 'again' });
    expect(seen(r)).toContain(code!);
    expect((await store.list('cases/')).length).toBe(before + 1);

    // Someone else sending the same token, here or in their own chat: refused, audited, and no code revealed.
    const auditBefore = await auditLines();
    for (const conversationId of ['one-card', 'someone-elses-chat']) {
      const other = { conversationId, locale: 'en-US', userId: 'user-intruder', aadObjectId: '00000000-0000-0000-0000-0000000000099' };
      const forged = (await postActivity(bot.baseUrl, submitActivity({ verb: 'intake.form', practice: false, token, ...answers, observations: 'mine now' }, other))).replies as Reply[];
      expect(seen(forged)).not.toMatch(/K-[2-9A-HJKMNP-Z]{4}/);
      expect(seen(forged)).toContain('That card is out of date');
    }
    expect((await store.list('cases/')).length).toBe(before + 1);
    const refusals = (await auditLines()).slice(auditBefore.length).filter((e) => e.reason === 'tokenNotYours');
    expect(refusals).toHaveLength(2);
    expect(refusals.every((e) => e.actor === '00000000-0000-0000-0000-0000000000099' && e.result === 'refused')).toBe(true);
  });

  it('asks someone who reports for several municipalities where the note goes, by card or typed, and sends nothing when they cancel', async () => {
    // Megan is a coordinator in the example directory, which has two municipalities.
    const o = { conversationId: 'origin-choice', locale: 'en-US', userId: 'user-megan', aadObjectId: '00000000-0000-0000-0000-0000000000021' };
    const say = async (text: string) => (await postActivity(bot.baseUrl, messageActivity(text, o))).replies as Reply[];
    const submit = async (value: Record<string, unknown>) => (await postActivity(bot.baseUrl, submitActivity(value, o))).replies as Reply[];
    const answers = {
      immediate_danger: 'no', possible_minor: 'no', ongoing: 'no', site_area: 'room', observed_from__date: '2026-11-20', observed_from__time: '22:15', how_known: 'saw_myself',
      persons_role: 'unknown', persons_count: '1', observations: 'A man waited outside room 5 all night.', actions_taken: 'informed_manager', reporter_role: 'reception',
    };
    const formToken = async () => /"token":"([0-9a-f-]{36})"/.exec(seen(await say('quick form')))![1];
    const before = (await store.list('cases/')).length;

    let r = await submit({ verb: 'intake.form', practice: false, token: await formToken(), ...answers });
    expect(seen(r)).toContain('Which municipality is this report for?');
    expect(seen(r)).toContain('1. Demokommun');
    expect(seen(r)).toContain('2. Norrby');
    r = await say('cancel');
    expect(seen(r)).not.toMatch(/K-[2-9A-HJKMNP-Z]{4}/);
    expect((await store.list('cases/')).length).toBe(before);

    await submit({ verb: 'intake.form', practice: false, token: await formToken(), ...answers });
    r = await say('2');
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(seen(r))?.[0];
    expect(seen(r)).toContain('To: the coordinators for Norrby');
    expect(seen(r)).toContain('waiting to be delivered');
    expect((await cases.getByCode(code!))?.routing?.municipality).toBe('norrby');
    expect((await store.list('cases/')).length).toBe(before + 1);
  });

  it('practice mode walks the dialog, clearly marked, and stores no case', async () => {
    const u = chat('practice', 'en-US');
    const before = (await store.list('cases/')).length;
    let r = await u.say('practice');
    expect(seen(r)).toContain('This is a practice');
    expect(seen(r)).toContain('Is anyone in danger right now');
    for (const answer of ['no', 'no', 'no', 'reception', 'skip', 'now', 'skip', 'skip', '1', 'skip', '4', '1', '18-25', 'skip', 'Nothing in particular, only many visitors.', 'skip', '1', '1', 'skip']) {
      r = await u.say(answer);
    }
    expect(seen(r)).toContain('Check your report');
    r = await u.submit({ verb: 'intake.command', command: 'submit', revision: revisionOf(r) });
    expect(seen(r)).toContain('The practice run is finished');
    expect((await store.list('cases/')).length).toBe(before);
  });

  it('keeps a draft across a bot restart and offers it again', async () => {
    let url = bot.baseUrl;
    const u = chat('restart', 'en-US', () => url);
    await u.say('report');
    await u.say('no');
    await u.say('no');
    let r = await u.say('no');
    expect(seen(r)).toContain('Where on the premises');
    await bot.stop();
    bot = await startTestBot(containers.connectionString, containers.name);
    url = bot.baseUrl;
    r = await u.say('report');
    expect(seen(r)).toContain('You have a report in progress');
    r = await u.submit({ verb: 'intake.resume', choice: 'resume' });
    expect(seen(r)).toContain('Where on the premises');
  });

  it('keeps the language a report was started in, whatever the Teams client says', async () => {
    const u = chat('lang-sv', 'en-US');
    const r = await u.say('rapportera');
    expect(seen(r)).toContain('Är någon i fara just nu');
    expect(seen(await u.say('nej'))).toContain('Kan någon av de inblandade vara under 18 år?');
  });

  it('takes reports only in personal chat', async () => {
    const { replies } = await postActivity(bot.baseUrl, messageActivity('report', { conversationType: 'channel', locale: 'en-US' }));
    expect(seen(replies as Reply[])).toContain('I only take reports in a personal chat');
  });
});
