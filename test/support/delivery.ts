import type { Case } from '../../src/forwarding/case';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { BlobPersonAddressStore } from '../../src/storage/blob-person-address-store';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardOf, messageActivity, postActivity, submitActivity } from './activities';
import { outboxIsEmpty, type TestContainers } from './azurite';
import { TEST_NOTE_KEY } from './keys';
import type { FakeConnector } from './fake-connector';
import { startBotProcess, type StartedProcess } from './processes';

/** Helpers for delivery tests against real bot processes, real Azurite and a loopback connector. */
export const FAST = { OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '500', OUTBOX_HOLD_SECONDS: '2' };
export const COORDINATORS = '19:coordinators@thread.tacv2';
export const ADMIN_CHAT = 'a:admin-megan';
export const MEGAN = '00000000-0000-0000-0000-0000000000021';
/** The card's line saying it may repeat an earlier one (the bot's default language is Swedish). */
export const MAY_REPEAT = /may repeat an earlier card|kan upprepa ett tidigare kort/;
export const saysMayRepeat = (p: { activity: Record<string, unknown> }) => MAY_REPEAT.test(JSON.stringify(p.activity));

export async function linkCoordinators(c: TestContainers, connectorUrl: string): Promise<void> {
  const ref = (id: string, type: string) => ({ channelId: 'msteams', serviceUrl: connectorUrl, conversation: { id, conversationType: type }, bot: { id: 'bot-1' }, user: { id: 'bot-1' } });
  const store = new JsonBlobStore(c.data);
  await new BlobTargetLinkStore(store).set({ targetId: 'demo-coordinators', conversationRef: ref(COORDINATORS, 'channel'), linkedBy: 'test', linkedAt: new Date().toISOString() });
  // An administrator who has the bot in their personal chat: dead letters are reported there.
  await new BlobPersonAddressStore(store).set(MEGAN, ref(ADMIN_CHAT, 'personal'));
}

/** A partner's one-card form, ready to submit (the token comes from the bot). */
export async function openForm(baseUrl: string, conversationId: string): Promise<Record<string, unknown>> {
  const o = { conversationId, locale: 'en-US', userId: `partner-${conversationId}` };
  const form = await postActivity(baseUrl, messageActivity('quick form', o));
  const token = /"token":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardOf(form.replies[0])))![1];
  return submitActivity(
    {
      verb: 'intake.form', practice: false, token, immediate_danger: 'no', possible_minor: 'no', ongoing: 'no', site_area: 'room',
      observed_from__date: '2026-11-20', observed_from__time: '22:00', how_known: 'saw_myself', persons_role: 'unknown',
      persons_count: '2', observations: 'Frequent short visits to one room.', indicators: 'many_visitors',
      actions_taken: 'informed_manager', reporter_role: 'reception',
    },
    o,
  );
}

/** Submit; resolves to the case code the reporter is shown. */
export async function submit(baseUrl: string, activity: Record<string, unknown>): Promise<string> {
  const sent = await postActivity(baseUrl, activity);
  const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(sent.replies.map((r) => r.text ?? '').join(' '))?.[0];
  if (!code) throw new Error(`no case code in the receipt: ${JSON.stringify(sent.replies).slice(0, 300)}`);
  return code;
}

export { waitUntil } from './wait';

/** Every case delivered (its record written, no send in flight) and nothing left in the outbox. */
export function quiet(c: TestContainers, codes: readonly string[]) {
  const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
  return async () => {
    for (const code of codes) {
      const found: Case | undefined = await cases.getByCode(code);
      if (!found?.deliveries?.length || found.sending?.length) return false;
    }
    return outboxIsEmpty(c);
  };
}

export const cardsFor = (connector: FakeConnector, code: string) => connector.posted.filter((p) => p.conversationId === COORDINATORS && JSON.stringify(p.activity).includes(code));
export const textsIn = (connector: FakeConnector, conversationId: string) => connector.posted.filter((p) => p.conversationId === conversationId).map((p) => JSON.stringify(p.activity));

/** A seeded random source, so a failing kill loop can be replayed. */
export { seededRandom as seeded } from './seeded-random';


/** How long a round waits for its armed kill (delivery is about 100 ms after the submit; minutes of load may slow it). */
const KILL_WAIT_MS = 10_000;

async function exitedOrAfter(bot: StartedProcess, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([bot.exited, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * `rounds` times: start a bot, open a form, `arm` a kill for this bot, and submit. A submit cut off
 * by the kill is pressed again on the next bot, as a reporter would. Ends with a bot that stays up
 * (the caller stops it). Returns every case code the reporters were given, and that last bot.
 */
export async function submitUnderKills(
  env: Record<string, string>,
  rounds: number,
  arm: (bot: StartedProcess, round: number) => void,
): Promise<{ codes: string[]; last: StartedProcess }> {
  const codes: string[] = [];
  let retry: Record<string, unknown> | undefined;
  for (let round = 0; round < rounds; round++) {
    const bot = await startBotProcess(env);
    const url = `http://127.0.0.1:${bot.port}`;
    if (retry) codes.push(await submit(url, retry));
    const activity = await openForm(url, `conv-kill-${round}`);
    arm(bot, round);
    retry = await submit(url, activity).then(
      (code) => void codes.push(code),
      () => activity,
    ) ?? undefined;
    // Let the armed kill land before stopping: on a busy machine the card may not have left yet, and a
    // bot stopped first hands it to the next bot, where a kill aimed at this one no longer reaches.
    await exitedOrAfter(bot, KILL_WAIT_MS);
    await bot.stop();
  }
  const last = await startBotProcess(env);
  if (retry) codes.push(await submit(`http://127.0.0.1:${last.port}`, retry));
  return { codes, last };
}
