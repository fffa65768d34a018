import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshContainers } from '../support/azurite';
import { playgroundConfigAs, startBotProcess, startPlayground, type Playground, type PlaygroundEvent, type StartedProcess } from '../support/processes';

/**
 * What someone describing a situation sees, through the real Agents Playground and a real bot
 * process: danger gets 112 before anything else; a suspicion gets the routine and "Report this",
 * which starts a note with the description proposed as the observation. The one who types is Lynne,
 * night receptionist at a partner hotel in the example directory.
 */
describe('situations described in the Agents Playground', () => {
  let bot: StartedProcess & { port: number };
  let playground: Playground;
  let conv: string;

  beforeAll(async () => {
    const c = await freshContainers('e2e-situations');
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name });
    playground = await startPlayground(`http://127.0.0.1:${bot.port}/api/messages`, playgroundConfigAs('user-id-5'));
    conv = playground.config.personalChat.id;
  });
  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
  });

  const visible = (e: PlaygroundEvent) => `${e.message?.text ?? ''}${JSON.stringify(e.message?.attachments?.map((a) => a.content) ?? [])}`;

  /** Say something and return the bot's messages, in order, up to the first that matches `until`. */
  async function say(text: string, until: RegExp): Promise<PlaygroundEvent[]> {
    const since = playground.events.length;
    await playground.say(conv, text);
    await playground.waitForMessage(conv, (e) => until.test(visible(e)), since, 20_000);
    return playground.events.slice(since).filter((e) => e.message && e.actionConversationId === conv);
  }

  it.each([
    ['sv', 'En tjej kom ner till receptionen och grät, hon säger att hon inte får gå härifrån. Mannen står och tittar på oss från hissen.', 'Ring 112 nu', 'Rapportera det här'],
    ['en', 'a girl came down to the desk crying and says she is not allowed to leave, the man is watching us from the lift', 'Call 112 now', 'Report this'],
  ])('%s: someone held at the desk gets the 112 card first, then what to do now', async (_lng, text, call112, reportThis) => {
    const replies = await say(text, new RegExp(reportThis));
    expect(visible(replies[0]!)).toContain(call112);
    expect(replies.map(visible).join('\n')).toContain('112');
  });

  it.each([
    ['sv', 'En tjej som ser ut att vara kanske 14 gick precis upp till rum 305 med en äldre man, de är där nu', 'Ring 112 nu', 'orosanmälan'],
    ['en', 'a man just went up to room 305 with a girl who looks about 14, they are in the room now', 'Call 112 now', 'concern report'],
  ])('%s: a possible child with an adult now gets 112 and the orosanmälan steps', async (_lng, text, call112, concernReport) => {
    const replies = await say(text, new RegExp(concernReport, 'i'));
    expect(visible(replies[0]!)).toContain(call112);
    expect(replies.map(visible).join('\n').toLowerCase()).toContain(concernReport.toLowerCase());
  });

  it('sv: an off-topic request gets a polite refusal, not a routine', async () => {
    const replies = await say('Har du ett bra recept på kanelbullar?', /utanför det jag kan hjälpa till med/);
    expect(replies.map(visible).join('\n')).not.toContain('114 14');
  });

  it('en: many men visiting one room tonight gets the routine with 114 14 and "Report this"', async () => {
    const replies = await say('so many different men have gone up to room 214 tonight, one at a time, what do i do', /Report this/);
    const card = replies.map(visible).join('\n');
    expect(card).toContain('114 14');
    expect(visible(replies[0]!)).not.toContain('Call 112 now');
  });

  it('sv: many men visiting one room tonight gets the routine with 114 14, and "Report this" starts a note with the description filled in', async () => {
    const described = 'Det har gått upp många olika män till rum 214 i kväll, en i taget, och de stannar en kvart var.';
    const replies = await say(described, /Rapportera det här/);
    const answer = replies.find((e) => /Rapportera det här/.test(visible(e)))!;
    expect(visible(answer)).toContain('114 14');

    // Press "Report this" with the data its button carries.
    const action = JSON.stringify(answer.message?.attachments?.[0]?.content);
    const data = JSON.parse(/"title":"Rapportera det här"[^{}]*"data":(\{[^{}]*\})/.exec(action)?.[1] ?? '{}') as Record<string, unknown>;
    expect(data).toMatchObject({ verb: 'intake.start', situation: true });
    let since = playground.events.length;
    await playground.submit(conv, answer.message!.messageId, data);
    await playground.waitForMessage(conv, (e) => /Är någon i fara just nu/.test(visible(e)), since, 20_000);

    // Walk the note to its observation question: no danger, no minor, a start time, the rest skipped.
    const replyTo: [RegExp, string][] = [
      [/Är någon i fara just nu/, 'nej'], [/under 18/, 'nej'], [/Pågår det/, 'nej'], [/Var på anläggningen/, '1'],
      [/När började/, 'igår 23:10'], [/Såg eller hörde någon annan|Har det här hänt förut/, 'nej'], [/Hur fick du veta|Vilka personer|Ungefär hur många/, '1'],
    ];
    let seen = visible(playground.events.at(-1)!);
    for (let step = 0; step < 25 && !/Vad såg eller hörde du/.test(seen); step++) {
      // The question asked last decides the reply.
      const asked = replyTo.map(([re, reply]) => ({ at: seen.search(re), reply })).filter((r) => r.at >= 0).sort((a, b) => b.at - a.at)[0];
      since = playground.events.length;
      await playground.say(conv, asked?.reply ?? 'hoppa över');
      // Each answer is followed by the next question's card (a notice may come first).
      await playground.waitForMessage(conv, (e) => (e.message?.attachments?.length ?? 0) > 0, since, 20_000);
      seen = playground.events.slice(since).map(visible).join('\n');
    }
    expect(seen).toContain('Vad såg eller hörde du');
    // The description is proposed as the answer, for the reporter to keep or change.
    expect(seen).toContain(described);
  });
});
