import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { freshContainers } from '../support/azurite';
import { TEST_NOTE_KEY } from '../support/keys';
import { startBotProcess, startPlayground, type Playground, type PlaygroundEvent, type StartedProcess } from '../support/processes';

/** A report through the real Agents Playground and a real bot process, by typing only and by cards only. */
describe('guided note in the Agents Playground', () => {
  let bot: StartedProcess & { port: number };
  let playground: Playground;
  let cases: BlobCaseStore;
  let conv: string;

  beforeAll(async () => {
    const c = await freshContainers('e2e-intake');
    cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    playground = await startPlayground(`http://127.0.0.1:${bot.port}/api/messages`);
    conv = playground.config.personalChat.id;
  });
  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
  });

  const visible = (e: PlaygroundEvent) => `${e.message?.text ?? ''}${JSON.stringify(e.message?.attachments?.map((a) => a.content) ?? [])}`;

  /** Type a line and collect what the bot says until a message matching `until` arrives. */
  async function type(text: string, until: RegExp): Promise<string> {
    const since = playground.events.length;
    await playground.say(conv, text);
    await playground.waitForMessage(conv, (e) => until.test(visible(e)), since);
    return playground.events.slice(since).map(visible).join('\n');
  }

  /** The last intake card: its message id, and the data of its answer action. */
  function lastCard(): { messageId: string; fieldId?: string; revision: number } {
    const card = [...playground.events].reverse().find((e) => e.actionConversationId === conv && /"revision":\d+/.test(visible(e)))!;
    const json = visible(card);
    return {
      messageId: card.message!.messageId,
      fieldId: /"fieldId":"([a-z_]+)"/.exec(json)?.[1],
      revision: Number(/"revision":(\d+)/.exec(json)?.[1]),
    };
  }

  async function press(value: Record<string, unknown>, until: RegExp): Promise<string> {
    const card = lastCard();
    const since = playground.events.length;
    await playground.submit(conv, card.messageId, { revision: card.revision, ...(card.fieldId && value.verb === 'intake.answer' ? { fieldId: card.fieldId } : {}), ...value });
    await playground.waitForMessage(conv, (e) => until.test(visible(e)), since);
    return playground.events.slice(since).map(visible).join('\n');
  }
  const answer = (value: unknown, until: RegExp) => press({ verb: 'intake.answer', value }, until);

  it('by typing only, in Swedish: 112 first, minor gate, a bad date re-asked, back, skip, a side question, submit → case code', async () => {
    await type('svenska', /svenska/);
    expect(await type('rapportera', /Är någon i fara just nu/)).toContain('Är någon i fara just nu');
    expect(await type('ja', /Ring 112 nu/)).toContain('Ingrip inte');
    expect(await type('ringt 112', /händelsenummer/)).not.toContain('under 18');
    await type('hoppa över', /under 18/);
    // D2: who makes the concern report is said outright.
    expect(await type('ja', /Pågår det du vill rapportera fortfarande/)).toContain('Gör en orosanmälan själv');
    await type('nej', /Var på anläggningen/);
    await type('1', /Rums- eller platsnummer/);
    await type('tillbaka', /Var på anläggningen/);
    await type('reception', /Rums- eller platsnummer/);
    await type('hoppa över', /När började/);
    expect(await type('Får jag tipsa polisen anonymt?', /Vi fortsätter med rapporten/)).toContain('114 14');
    expect(await type('förrgår kl 25', /Jag förstod inte tiden/)).toContain('När började');
    await type('igår 23:10', /När slutade/);
    await type('hoppa över', /Har det här hänt förut/);
    await type('hoppa över', /Hur fick du veta/);
    await type('1', /Såg eller hörde någon annan/);
    await type('nej', /Vilka personer/);
    await type('1', /Ungefär hur många/);
    await type('2', /fordon/);
    await type('hoppa över', /Vad såg eller hörde du/);
    await type('En ung person verkade styrd av en man som svarade åt henne.', /Såg du något av det här/);
    await type('9', /Vad har gjorts/);
    await type('2', /Vilken är din roll/);
    await type('1', /telefonnummer/);
    expect(await type('hoppa över', /Kontrollera din rapport/)).toContain('anonym');
    // Alex reports as an administrator, and the example directory has two municipalities: he picks one, by typing its number.
    expect(await type('skicka', /Vilken kommun gäller rapporten/)).toContain('2. Norrby');
    const done = await type('2', /K-[2-9A-HJKMNP-Z]{4}/);
    expect(done).toContain('Mottagare: samordnarna för Norrby');
    // The receipt tells the truth: stored, waiting for delivery; and the concern report is the reporter's to make.
    expect(done).toContain('väntar på att levereras');
    expect(done).toContain('har du inte redan gjort en orosanmälan');
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(done)![0];
    const stored = await cases.getByCode(code);
    expect(stored?.note).toMatchObject({ urgency: 'P1', category: 'possibleMinor' });
    expect(stored?.routing?.municipality).toBe('norrby');
    expect(await type(`status ${code}`, /Ärende/)).toContain('mottaget');
  });

  const CARD_FLOW = {
    en: {
      language: 'english', start: 'report', danger: /Is anyone in danger right now/, call: /Call 112 now/, minor: /under 18/, ongoing: /still going on right now/, where: /Where on the premises/,
      before: /Has this happened before/, others: /anyone else see/,
      cancel: /Do you want to cancel/, cancelBody: 'nothing will be sent', unit: /Room or pitch number/, from: /When did what you saw or heard start/,
      to: /When did it end/, how: /How did you find out/, who: /Which people is it about/, count: /About how many/, age: /About how old/,
      vehicles: /vehicles/, what: /What did you see or hear/, signs: /Did you notice any of these/, done: /What has been done so far/,
      role: /What is your role/, phone: /phone number/, review: /Check your report/, corridor: 'Corridor', parking: 'Car park',
      observation: 'A man waited in the corridor and kept watch over a door.',
    },
    sv: {
      language: 'svenska', start: 'rapportera', danger: /Är någon i fara just nu/, call: /Ring 112 nu/, minor: /under 18/, ongoing: /fortfarande, just nu/, where: /Var på anläggningen/,
      before: /Har det här hänt förut/, others: /någon annan det också/,
      cancel: /Vill du avbryta/, cancelBody: 'ingenting skickas', unit: /Rums- eller platsnummer/, from: /När började/,
      to: /När slutade/, how: /Hur fick du veta/, who: /Vilka personer/, count: /Ungefär hur många/, age: /Ungefär hur gamla/,
      vehicles: /fordon/, what: /Vad såg eller hörde du/, signs: /Såg du något av det här/, done: /Vad har gjorts/,
      role: /Vilken är din roll/, phone: /telefonnummer/, review: /Kontrollera din rapport/, corridor: 'Korridor', parking: 'Parkering',
      observation: 'En man väntade i korridoren och höll uppsikt över en dörr.',
    },
  } as const;

  it.each(['en', 'sv'] as const)('by cards only (%s): danger gate, cancel and keep going, review with a changed answer, submit', async (lng) => {
    const f = CARD_FLOW[lng];
    await type(f.language, lng === 'en' ? /English/ : /svenska/);
    await type(f.start, f.danger);
    expect(await answer('unsure', f.call)).not.toMatch(f.minor);
    await press({ verb: 'intake.emergency', outcome: 'notNeeded' }, f.minor);
    await answer('no', f.ongoing);
    await answer('no', f.where);
    expect(await press({ verb: 'intake.command', command: 'cancel' }, f.cancel)).toContain(f.cancelBody);
    await press({ verb: 'intake.command', command: 'keepGoing' }, f.where);
    await answer('corridor', f.unit);
    await press({ verb: 'intake.command', command: 'skip' }, f.from);
    await answer('now', f.to);
    await press({ verb: 'intake.command', command: 'skip' }, f.before);
    await press({ verb: 'intake.command', command: 'skip' }, f.how);
    await answer('saw_myself', f.others);
    await press({ verb: 'intake.command', command: 'skip' }, f.who);
    await answer('possible_exploited,possible_controller', f.count);
    await answer('2', f.age);
    await answer('age_18_25', f.vehicles);
    await press({ verb: 'intake.command', command: 'skip' }, f.what);
    await answer(f.observation, f.signs);
    await answer('seems_controlled', f.done);
    await answer('informed_manager', f.role);
    await answer('night_staff', f.phone);
    const review = await press({ verb: 'intake.command', command: 'skip' }, f.review);
    expect(review).toContain(f.corridor);
    await press({ verb: 'intake.edit', fieldId: 'site_area' }, f.where);
    expect(await answer('parking', f.review)).toContain(f.parking);
    const origin = await press({ verb: 'intake.command', command: 'submit' }, /intake\.origin/);
    const token = /"token":"([0-9a-f-]{36})"/.exec(origin)![1];
    const done = await press({ verb: 'intake.origin', origin: 'municipality:demo', token }, /K-[2-9A-HJKMNP-Z]{4}/);
    const stored = await cases.getByCode(/K-[2-9A-HJKMNP-Z]{4}/.exec(done)![0]);
    expect(stored?.routing?.municipality).toBe('demo');
    expect(stored?.note.answers).toMatchObject({ immediate_danger: 'unsure', emergency_call_made: 'no', site_area: 'parking', observations: f.observation });
    expect(stored?.note.urgency).toBe('P1');
    expect(stored?.reporter.locale).toBe(lng);
  });

  it('by typing only, in English: a short note from start to case code', async () => {
    await type('english', /English/);
    await type('report', /Is anyone in danger right now/);
    await type('no', /under 18/);
    await type('no', /still going on right now/);
    await type('no', /Where on the premises/);
    await type('room', /Room or pitch number/);
    await type('skip', /When did what you saw or heard start/);
    expect(await type('tomorrow-ish', /I did not understand the time|did not understand/i)).toMatch(/When did what you saw or heard start/);
    await type('now', /When did it end/);
    await type('skip', /Has this happened before/);
    await type('skip', /How did you find out/);
    await type('2', /anyone else see/);
    await type('skip', /Which people is it about/);
    await type('4', /About how many/);
    await type('1', /About how old/);
    await type('skip', /vehicles/i);
    await type('skip', /What did you see or hear/);
    await type('Many short visits to one room during the night.', /Did you notice any of these/);
    await type('1', /What has been done so far/);
    await type('1', /What is your role/);
    await type('1', /phone number/);
    await type('skip', /Check your report/);
    await type('submit', /Which municipality is this report for/);
    const done = await type('demo', /K-[2-9A-HJKMNP-Z]{4}/);
    const stored = await cases.getByCode(/K-[2-9A-HJKMNP-Z]{4}/.exec(done)![0]);
    expect(stored?.note).toMatchObject({ urgency: 'P3', category: 'adultExploitation' });
  });

  it('logs no answer, observation or question text', () => {
    const out = bot.output();
    for (const text of ['En ung person verkade styrd', 'A man waited in the corridor', 'Får jag tipsa polisen', 'Many short visits']) expect(out).not.toContain(text);
    expect(out).toContain('"msg":"case created"');
  });
});
