import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { freshContainers } from '../support/azurite';
import { TEST_NOTE_KEY } from '../support/keys';
import { playgroundConfigAs, startBotProcess, startPlayground, type Playground, type PlaygroundEvent, type StartedProcess } from '../support/processes';

/**
 * Roles, partner sites and municipalities, through real Playgrounds and a real bot process, with
 * the example directory (src/forwarding/directories/playground-demo.yaml). The Playground lets only
 * its signed-in user type, so there are two: Megan Bowen (administrator and coordinator for
 * Demokommun) and Lynne Robbins (night receptionist at Hotell Norrsken, a partner site in Norrby).
 */
describe('who is who in the Agents Playground', () => {
  let bot: StartedProcess & { port: number };
  let megan: Playground;
  let lynne: Playground;
  let cases: BlobCaseStore;
  let blobs: JsonBlobStore;
  const demoChannel = 'team-id';
  const norrbyChannel = 'channel-announcements-id';
  const question = 'How do I triage an incoming report from a hotel as a coordinator?';

  beforeAll(async () => {
    const c = await freshContainers('e2e-who');
    blobs = new JsonBlobStore(c.data);
    cases = new BlobCaseStore(blobs, new NoteCipher(TEST_NOTE_KEY));
    bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, OUTBOX_POLL_MS: '200' });
    [megan, lynne] = await Promise.all([
      startPlayground(`http://127.0.0.1:${bot.port}/api/messages`, playgroundConfigAs('user-id-1')),
      startPlayground(`http://127.0.0.1:${bot.port}/api/messages`, playgroundConfigAs('user-id-5')),
    ]);
  });
  afterAll(async () => {
    await megan?.stop();
    await lynne?.stop();
    await bot?.stop();
  });

  const visible = (e: PlaygroundEvent) => `${e.message?.text ?? ''}${JSON.stringify(e.message?.attachments?.map((a) => a.content) ?? [])}`;
  async function waitIn(p: Playground, conversation: (id: string) => boolean, re: RegExp, since: number): Promise<PlaygroundEvent> {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const found = p.events.slice(since).find((e) => e.action === 'createMessage' && conversation(e.actionConversationId) && re.test(visible(e)));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`nothing matched ${re}: ${JSON.stringify(p.events.slice(since)).slice(0, 1200)}`);
  }
  const personalOf = (p: Playground) => (id: string) => id === p.config.personalChat.id;
  const inChannel = (channel: string) => (id: string) => id.split(';')[0] === channel;

  it('a coordinator gets the coordinator routine that a partner is refused', async () => {
    let since = megan.events.length;
    await megan.say(megan.config.personalChat.id, question);
    expect(visible(await waitIn(megan, personalOf(megan), /Sources|Källor/, since))).toContain('Receiving a partner report: triage and actions');

    since = lynne.events.length;
    await lynne.say(lynne.config.personalChat.id, question);
    const refused = await waitIn(lynne, personalOf(lynne), /routine|rutin/i, since);
    expect(visible(refused)).not.toContain('Receiving a partner report: triage and actions');
  });

  it('a partner\'s note names its site and reaches the coordinators of the site\'s municipality, never the other one\'s', async () => {
    let since = megan.events.length;
    await megan.sayInChannel(demoChannel, 'link demo-coordinators', 'user-id-1');
    await waitIn(megan, inChannel(demoChannel), /Samordnare Demokommun/, since);
    since = megan.events.length;
    await megan.sayInChannel(norrbyChannel, 'link norrby-coordinators', 'user-id-1');
    await waitIn(megan, inChannel(norrbyChannel), /Samordnare Norrby/, since);

    const personal = lynne.config.personalChat.id;
    since = lynne.events.length;
    await lynne.say(personal, 'quick form');
    const form = await waitIn(lynne, personalOf(lynne), /"token":"/, since);
    const token = /"token":"([0-9a-f-]{36})"/.exec(visible(form))![1];
    since = lynne.events.length;
    const channelSince = megan.events.length;
    await lynne.submit(personal, form.message!.messageId, {
      verb: 'intake.form',
      practice: false,
      token,
      immediate_danger: 'no',
      possible_minor: 'no',
      ongoing: 'no',
      site_area: 'room',
      observed_from__date: '2026-11-29',
      observed_from__time: '23:00',
      how_known: 'saw_myself',
      persons_role: 'possible_exploited',
      persons_count: '1',
      observations: 'Several men visited one room during the night.',
      actions_taken: 'informed_manager',
      reporter_role: 'night_staff',
    });
    // One site: nothing to choose; the receipt says where the note went.
    const receipt = visible(await waitIn(lynne, personalOf(lynne), /K-[2-9A-HJKMNP-Z]{4}/, since));
    expect(receipt).toContain('Hotell Norrsken');
    expect(receipt).toContain('Norrby');
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(receipt)![0];

    // The card reaches Norrby's linked channel (in Megan's Playground, where the channels were linked), naming the site.
    const card = await waitIn(megan, inChannel(norrbyChannel), new RegExp(code), channelSince);
    expect(visible(card)).toContain('Hotell Norrsken');
    // The delivery is recorded just after the card is posted.
    const until = Date.now() + 5_000;
    while (!(await cases.getByCode(code))?.deliveries?.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const stored = await cases.getByCode(code);
    expect(stored?.origin).toMatchObject({ municipality: 'norrby', site: { id: 'hotell-norrsken', kind: 'hotel' } });
    expect(stored?.deliveries?.map((d) => d.targetId)).toEqual(['norrby-coordinators']);
    // Counted once the delivery is recorded: Demokommun's channel never saw it.
    expect(megan.events.filter((e) => inChannel(demoChannel)(e.actionConversationId) && visible(e).includes(code))).toEqual([]);

    // The site says where the reporter works: like the note, it is in no log line and in no raw blob in clear.
    const raw = JSON.stringify((await blobs.get(`cases/${stored!.id}.json`))?.value);
    for (const secret of ['Hotell Norrsken', 'Several men visited', 'lynner@example.com', 'Lynne']) {
      expect(raw).not.toContain(secret);
      expect(bot.output()).not.toContain(secret);
    }
  });
});
