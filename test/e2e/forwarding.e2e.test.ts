import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { freshContainers } from '../support/azurite';
import { TEST_NOTE_KEY } from '../support/keys';
import { startBotProcess, startPlayground, type Playground, type PlaygroundEvent, type StartedProcess } from '../support/processes';

const ALEX = 'user-id-0'; // the Playground's signed-in user: administrator, and the reporting partner
const MEGAN = 'user-id-1'; // coordinator (src/forwarding/directories/playground-demo.yaml)
const ADELE = 'user-id-2'; // deputy
const LYNNE = 'user-id-5'; // not a coordinator

/** The whole story in the Agents Playground: partner reports → channel card → coordinator acts → partner is told. */
describe('forwarding in the Agents Playground', () => {
  let bot: StartedProcess & { port: number };
  let playground: Playground;
  let cases: BlobCaseStore;
  let containers: Awaited<ReturnType<typeof freshContainers>>;
  let personal: string;
  const channel = 'team-id';

  beforeAll(async () => {
    const c = await freshContainers('e2e-fwd');
    containers = c;
    cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, OUTBOX_POLL_MS: '200' });
    playground = await startPlayground(`http://127.0.0.1:${bot.port}/api/messages`);
    personal = playground.config.personalChat.id;
  });
  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
  });

  const visible = (e: PlaygroundEvent) => `${e.message?.text ?? ''}${JSON.stringify(e.message?.attachments?.map((a) => a.content) ?? [])}`;
  const inChannel = (e: PlaygroundEvent) => e.actionConversationId.split(';')[0] === channel;
  async function waitIn(match: (e: PlaygroundEvent) => boolean, re: RegExp, since: number): Promise<PlaygroundEvent> {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const found = playground.events.slice(since).find((e) => e.action === 'createMessage' && match(e) && re.test(visible(e)));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`nothing matched ${re}: ${JSON.stringify(playground.events.slice(since)).slice(0, 1200)}`);
  }

  /** Alex is an administrator: with two municipalities in the directory he chooses Demokommun for his note. */
  async function chooseDemo(since: number): Promise<void> {
    const card = await waitIn((e) => e.actionConversationId === personal, /intake\.origin/, since);
    const token = /"token":"([0-9a-f-]{36})"/.exec(visible(card))![1];
    await playground.submit(personal, card.message!.messageId, { verb: 'intake.origin', origin: 'municipality:demo', token });
  }

  /** The partner sends a note with the one-card form; resolves when its card is in the channel. */
  async function reportAndWaitForCard(answers: Record<string, string>): Promise<{ code: string; caseId: string; card: PlaygroundEvent }> {
    let since = playground.events.length;
    await playground.say(personal, 'quick form');
    const form = await waitIn((e) => e.actionConversationId === personal, /"token":"/, since);
    const token = /"token":"([0-9a-f-]{36})"/.exec(visible(form))![1];
    since = playground.events.length;
    await playground.submit(personal, form.message!.messageId, { verb: 'intake.form', practice: false, token, immediate_danger: 'no', possible_minor: 'no', ongoing: 'no', ...answers });
    await chooseDemo(since);
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(visible(await waitIn((e) => e.actionConversationId === personal, /K-[2-9A-HJKMNP-Z]{4}/, since)))![0];
    const card = await waitIn(inChannel, new RegExp(code), since);
    return { code, caseId: /"caseId":"([0-9a-f-]{36})"/.exec(visible(card))![1]!, card };
  }

  it('partner reports → card in the linked channel → acknowledge, take, close → the partner is told each step', async () => {
    // The administrator (the Playground's signed-in user) installs the bot personally: that is how
    // the bot can reach them. A note for a target nobody has linked yet waits and is reported to them.
    let since = playground.events.length;
    await playground.install(personal);
    await waitIn((e) => e.actionConversationId === personal, /Samverka/, since);

    // The partner fills in the one-card form in personal chat.
    since = playground.events.length;
    await playground.say(personal, 'quick form');
    const form = await waitIn((e) => e.actionConversationId === personal, /"token":"/, since);
    const token = /"token":"([0-9a-f-]{36})"/.exec(visible(form))![1];
    since = playground.events.length;
    await playground.submit(personal, form.message!.messageId, {
      verb: 'intake.form',
      practice: false,
      token,
      immediate_danger: 'no',
      possible_minor: 'no',
      ongoing: 'no',
      site_area: 'corridor',
      observed_from__date: '2026-11-20',
      observed_from__time: '23:00',
      how_known: 'saw_myself',
      persons_role: 'possible_exploited',
      persons_count: '1',
      observations: 'A woman was escorted between rooms by a man who held her phone.',
      indicators: 'seems_controlled',
      actions_taken: 'informed_manager',
      reporter_role: 'night_staff',
    });
    await chooseDemo(since);
    const receipt = await waitIn((e) => e.actionConversationId === personal, /K-[2-9A-HJKMNP-Z]{4}/, since);
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(visible(receipt))![0];
    const waiting = await waitIn((e) => e.actionConversationId === personal, /is not linked|inte länkad/, since);
    expect(visible(waiting)).toContain(code);
    expect(playground.events.slice(since).some(inChannel)).toBe(false);

    // An administrator links the channel to the directory's coordinators: the waiting card goes at once.
    since = playground.events.length;
    await playground.sayInChannel(channel, 'link demo-coordinators', ALEX);
    await waitIn(inChannel, /Done: reports for|Klart: rapporter/, since);
    const card = await waitIn(inChannel, new RegExp(code), since);
    expect(visible(card)).toContain('case.acknowledge');
    const caseId = /"caseId":"([0-9a-f-]{36})"/.exec(visible(card))![1]!;
    // The outbox records the delivery right after posting the card.
    const until = Date.now() + 5_000;
    while ((await cases.get(caseId))?.case.status !== 'delivered' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await cases.get(caseId))?.case.status).toBe('delivered');

    // Somebody who is not a coordinator cannot act; nothing changes.
    const before = JSON.stringify((await cases.get(caseId))?.case);
    for (const [verb, data] of [
      ['case.acknowledge', { caseId }],
      ['case.take', { caseId }],
      ['case.close', { caseId, outcome: 'noAction', reason: 'forged' }],
    ] as const) {
      const forged = await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, verb, data, LYNNE);
      expect(JSON.stringify(forged)).toContain('not a coordinator');
      expect(JSON.stringify(forged)).not.toContain('case.acknowledge'); // no actions for them
    }
    expect(JSON.stringify((await cases.get(caseId))?.case)).toBe(before);
    expect(bot.output()).toContain('audit: case action refused');
    const audit = await new BlobAuditLog(new JsonBlobStore(containers.data)).read(new Date().toISOString().slice(0, 10));
    const refusedForCase = audit.filter((e) => e.caseId === caseId && e.result === 'refused');
    expect(refusedForCase.map((e) => e.action).sort()).toEqual(['case.acknowledge', 'case.close', 'case.take']);
    expect(JSON.stringify(audit)).not.toContain('forged'); // the close reason typed into the forged action

    // The coordinator acknowledges: the card updates and the partner is told.
    since = playground.events.length;
    const ack = await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.acknowledge', { caseId }, MEGAN);
    expect(JSON.stringify(ack)).toContain('Acknowledged');
    await waitIn((e) => e.actionConversationId === personal, /the coordinator has received your report/, since);

    // The deputy takes it; the coordinator's later "Take" is told who has it.
    await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.take', { caseId }, ADELE);
    const second = await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.take', { caseId }, MEGAN);
    expect(JSON.stringify(second)).toContain('already been taken by Adele Vance');
    const taken = (await cases.get(caseId))!.case;
    expect(taken.history.filter((h) => h.action === 'taken')).toHaveLength(1);

    // Closing needs an outcome and a reason; then the partner is told, and nothing more.
    since = playground.events.length;
    const refused = await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.close', { caseId, outcome: 'noAction', reason: '' }, ADELE);
    expect(JSON.stringify(refused)).toContain('Choose an outcome and write a reason');
    await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.close', { caseId, outcome: 'referredSocialServices', reason: 'Social services took it over.' }, ADELE);
    const told = await waitIn((e) => e.actionConversationId === personal, /handled and closed/, since);
    expect(visible(told)).not.toContain('Social services took it over');
    const closed = (await cases.get(caseId))!.case;
    expect(closed.status).toBe('closed');
    expect(closed.outcome).toEqual({ code: 'referredSocialServices', reason: 'Social services took it over.' });
    expect(closed.history.map((h) => h.action)).toEqual(['received', 'delivered', 'acknowledged', 'taken', 'closed']);
  });

  it('the reporter adds information to an open case, then withdraws it', async () => {
    const { code, caseId } = await reportAndWaitForCard({
      site_area: 'parking', observed_from__date: '2026-11-21', observed_from__time: '01:30', how_known: 'told_by_colleague',
      persons_role: 'unknown', persons_count: '3', observations: 'Cars dropping people off at night.', actions_taken: 'none', reporter_role: 'security',
    });
    let since = playground.events.length;
    await playground.say(personal, `add ${code}: The same car came back at 02:15.`);
    await waitIn((e) => e.actionConversationId === personal, /What you added is now on case/, since);
    const updated = (await cases.get(caseId))!.case;
    expect(updated.additions?.map((a) => a.text)).toEqual(['The same car came back at 02:15.']);

    since = playground.events.length;
    await playground.say(personal, `withdraw ${code}`);
    await waitIn((e) => e.actionConversationId === personal, /is withdrawn/, since);
    expect((await cases.get(caseId))!.case.status).toBe('withdrawn');
    // Someone else's code is not theirs to withdraw (the Playground has one user, so use a made-up code).
    since = playground.events.length;
    await playground.say(personal, 'withdraw K-2222');
    await waitIn((e) => e.actionConversationId === personal, /cannot find a case with code K-2222/, since);
  });

  it('coordinator asks → the reporter sees the question → the reporter answers → the card shows the answer', async () => {
    const { code, caseId, card } = await reportAndWaitForCard({
      site_area: 'room', observed_from__date: '2026-11-22', observed_from__time: '21:00', how_known: 'saw_myself', persons_role: 'possible_exploited',
      persons_count: '1', observations: 'A young woman did not seem to know where she was.', actions_taken: 'informed_manager', reporter_role: 'reception',
    });
    expect(visible(card)).toContain('case.ask');

    let since = playground.events.length;
    const asked = await playground.execute(`${channel};messageid=${card.message!.messageId}`, card.message!.messageId, 'case.ask', { caseId, question: 'Which floor was the room on?' }, MEGAN);
    expect(JSON.stringify(asked)).toContain('Which floor was the room on?');
    const question = await waitIn((e) => e.actionConversationId === personal, /has a question about case/, since);
    expect(visible(question)).toContain('Which floor was the room on?');
    expect(visible(question)).toContain('The coordinator for Demokommun');
    expect(visible(question)).not.toContain('Megan');

    since = playground.events.length;
    await playground.say(personal, `answer ${code}: The third floor, by the lift.`);
    await waitIn((e) => e.actionConversationId === personal, /Your answer has been sent/, since);
    const stored = (await cases.get(caseId))!.case;
    expect(stored.questions).toEqual([expect.objectContaining({ text: 'Which floor was the room on?', answer: 'The third floor, by the lift.' })]);
    // Every posted card is updated in place with the answer.
    const until = Date.now() + 5_000;
    const updated = () => playground.events.slice(since).find((e) => e.action === 'updateMessage' && visible(e).includes('The third floor, by the lift.'));
    while (!updated() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(updated()).toBeDefined();
  });
  it('the receptionist\'s report (a young woman, many men at night, cash, she seemed scared) comes out P2 by rule U3, and the card says why', async () => {
    const { code, caseId, card } = await reportAndWaitForCard({
      ongoing: 'yes', site_area: 'room', observed_from__date: '2026-11-22', observed_from__time: '23:00', how_known: 'saw_myself',
      persons_role: 'possible_exploited,visitor', persons_count: '5', persons_age_band: 'age_18_25',
      observations: 'A young woman has had many men visiting her room tonight, one at a time. She paid cash and seemed scared.',
      indicators: 'many_visitors,short_visits_not_guests,cash_several_rooms,fearful_injuries', actions_taken: 'informed_manager', reporter_role: 'night_staff',
    });
    const stored = (await cases.get(caseId))!.case;
    expect(stored.note).toMatchObject({ formVersion: 2, urgency: 'P2', category: 'adultExploitation' });
    // The coordinators' card (in the default language) shows the level and the rule behind it.
    expect(visible(card)).toContain('P2 Brådskande, samma dag');
    expect(visible(card)).toContain('(U3)');
    expect(visible(card)).toContain(code);
  });

  it('a coordinator involves the regional coordinator only with the victim\'s consent: "not asked" sends nothing, "yes" sends the card (audited)', async () => {
    const { caseId, card } = await reportAndWaitForCard({
      site_area: 'corridor', observed_from__date: '2026-11-22', observed_from__time: '20:00', how_known: 'told_by_person',
      persons_role: 'possible_exploited', persons_count: '1', observations: 'A woman told me she is not allowed to keep her passport.',
      indicators: 'documents_held', actions_taken: 'informed_manager', reporter_role: 'reception',
    });
    expect(visible(card)).toContain('case.consultRegional');
    // The administrator links the regional coordinator's target to the team's other channel.
    const regionChannel = 'channel-announcements-id';
    let since = playground.events.length;
    await playground.sayInChannel(regionChannel, 'link region-coordinator', ALEX);
    await waitIn((e) => e.actionConversationId.split(';')[0] === regionChannel, /Regionkoordinatorn/, since);

    const conversation = `${channel};messageid=${card.message!.messageId}`;
    since = playground.events.length;
    const notAsked = await playground.execute(conversation, card.message!.messageId, 'case.consultRegional', { caseId, consent: 'notAsked' }, MEGAN);
    expect(JSON.stringify(notAsked)).toMatch(/Nothing from the report is sent|Inget från rapporten skickas/);
    await new Promise((r) => setTimeout(r, 1_500)); // a poll of the outbox or two
    expect(playground.events.slice(since).some((e) => e.action === 'createMessage' && e.actionConversationId.split(';')[0] === regionChannel)).toBe(false);

    since = playground.events.length;
    const yes = await playground.execute(conversation, card.message!.messageId, 'case.consultRegional', { caseId, consent: 'yes' }, MEGAN);
    expect(JSON.stringify(yes)).toMatch(/with the person's consent|med personens samtycke/);
    const theirs = await waitIn((e) => e.actionConversationId.split(';')[0] === regionChannel, new RegExp(caseId), since);
    expect(visible(theirs)).toContain('Skickat till regionkoordinatorn med personens samtycke');
    expect(visible(theirs)).not.toContain('case.acknowledge'); // consulted, not responsible
    const stored = (await cases.get(caseId))!.case;
    expect(stored.consultations?.map((x) => x.consent)).toEqual(['notAsked', 'yes']);
    expect(stored.routing?.targets).not.toContain('region-coordinator');
    const audit = await new BlobAuditLog(new JsonBlobStore(containers.data)).read(new Date().toISOString().slice(0, 10));
    expect(audit.filter((e) => e.caseId === caseId && e.action === 'case.consultRegional').map((e) => [e.result, e.consent])).toEqual([
      ['ok', 'notAsked'],
      ['ok', 'yes'],
    ]);
  });

  it('"Ask a coordinator": the question reaches the channel as a card → the coordinator answers → the answer reaches the asker; "Needs a routine" tells the routine owners', async () => {
    let since = playground.events.length;
    await playground.say(personal, 'How long does the police investigation of a trafficking case take?');
    const noAnswer = await waitIn((e) => e.actionConversationId === personal, /knowledge\.askCoordinator/, since);

    since = playground.events.length;
    await playground.submit(personal, noAnswer.message!.messageId, { verb: 'knowledge.askCoordinator' });
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(visible(await waitIn((e) => e.actionConversationId === personal, /waiting to be delivered to the coordinators/, since)))![0];
    const card = await waitIn(inChannel, new RegExp(code), since);
    // The coordinators see the question, its language and the kind of asker; never a name.
    expect(visible(card)).toContain('How long does the police investigation of a trafficking case take?');
    expect(visible(card)).toContain('case.reply');
    expect(visible(card)).not.toMatch(/Alex/);
    const caseId = /"caseId":"([0-9a-f-]{36})"/.exec(visible(card))![1]!;

    since = playground.events.length;
    const conversation = `${channel};messageid=${card.message!.messageId}`;
    const answered = await playground.execute(conversation, card.message!.messageId, 'case.reply', { caseId, answer: 'Usually several months; call me tomorrow.' }, MEGAN);
    expect(JSON.stringify(answered)).toContain('Usually several months; call me tomorrow.');
    const relayed = await waitIn((e) => e.actionConversationId === personal, /answers your question/, since);
    expect(visible(relayed)).toContain('Usually several months; call me tomorrow.');
    expect(visible(relayed)).toContain(code);
    expect(visible(relayed)).not.toContain('Megan');
    const stored = (await cases.get(caseId))!.case;
    expect(stored).toMatchObject({ status: 'closed', outcome: { code: 'answered' }, note: { category: 'question' } });

    since = playground.events.length;
    await playground.execute(conversation, card.message!.messageId, 'case.needsRoutine', { caseId }, MEGAN);
    // The routine owners (here the administrator, Alex) are told in their personal chat.
    await waitIn((e) => e.actionConversationId === personal, /behöver en rutin|needing a routine/, since);
    expect((await cases.get(caseId))!.case.history.map((h) => h.action)).toContain('routineRequested');
  });

  it('a Swedish command in an English client gets a Swedish reply; the same command word both languages use follows the words typed last', async () => {
    const { code, caseId } = await reportAndWaitForCard({
      site_area: 'reception', observed_from__date: '2026-11-22', observed_from__time: '22:00', how_known: 'saw_myself',
      persons_role: 'unknown', persons_count: '1', observations: 'Someone waited in the lobby all evening.', actions_taken: 'none', reporter_role: 'reception',
    });
    // The delivery is recorded right after the card is posted.
    const until = Date.now() + 5_000;
    while ((await cases.get(caseId))?.case.status !== 'delivered' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    let since = playground.events.length;
    await playground.say(personal, `läge ${code}`);
    const sv = await waitIn((e) => e.actionConversationId === personal, new RegExp(`Ärende ${code}`), since);
    expect(visible(sv)).toContain('har nått ansvarig samordnare');
    since = playground.events.length;
    await playground.say(personal, `svar ${code}: ja`);
    await waitIn((e) => e.actionConversationId === personal, /Det finns ingen obesvarad fråga/, since);
    // "status" is both languages' word: it follows the language written last here (Swedish), not the client.
    since = playground.events.length;
    await playground.say(personal, `status ${code}`);
    await waitIn((e) => e.actionConversationId === personal, new RegExp(`Ärende ${code}: har nått`), since);
    since = playground.events.length;
    await playground.say(personal, `withdraw ${code}`);
    await waitIn((e) => e.actionConversationId === personal, new RegExp(`Case ${code} is withdrawn`), since);
  });
});
