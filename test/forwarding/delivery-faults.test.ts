import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { freshContainers } from '../support/azurite';
import { TEST_NOTE_KEY } from '../support/keys';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { startBotProcess, type StartedProcess } from '../support/processes';

/** Faults at the one part that cannot run here (Teams' connector), everything else real. */
const FAST = { OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '20' };

async function linkCoordinators(containers: Awaited<ReturnType<typeof freshContainers>>, connectorUrl: string): Promise<void> {
  await new BlobTargetLinkStore(new JsonBlobStore(containers.data)).set({
    targetId: 'demo-coordinators',
    conversationRef: {
      channelId: 'msteams',
      serviceUrl: connectorUrl,
      conversation: { id: '19:coordinators@thread.tacv2', conversationType: 'channel', isGroup: true },
      bot: { id: 'bot-1' },
      user: { id: 'bot-1' },
    },
    linkedBy: 'test',
    linkedAt: new Date().toISOString(),
  });
}

/** A partner sends a note with the one-card form; returns its case code. */
async function submitNote(baseUrl: string, conversationId: string): Promise<string> {
  const o = { conversationId, locale: 'en-US', userId: `partner-${conversationId}` };
  const form = await postActivity(baseUrl, messageActivity('quick form', o));
  const token = /"token":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardOf(form.replies[0])))![1];
  const sent = await postActivity(
    baseUrl,
    submitActivity(
      {
        verb: 'intake.form',
        practice: false,
        token,
        immediate_danger: 'no',
        possible_minor: 'no',
        site_area: 'room',
        observed_from__date: '2026-11-20',
        observed_from__time: '22:00',
        how_known: 'saw_myself',
        persons_role: 'unknown',
        persons_count: '2',
        observations: 'Frequent short visits to one room.',
        indicators: 'many_visitors',
        actions_taken: 'informed_manager',
        reporter_role: 'reception',
      },
      o,
    ),
  );
  return /K-[2-9A-HJKMNP-Z]{4}/.exec(sent.replies.map((r) => r.text ?? '').join(' '))![0];
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('delivery faults', () => {
  it('429 with Retry-After, then 500s, then recovery: exactly one card, and Retry-After is honoured', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    connector.script({ status: 429, retryAfter: 1 }, { status: 500 }, { status: 500 });
    const c = await freshContainers('fault-429');
    await linkCoordinators(c, connector.url);
    // The bot runs as its own process: restify patches Node's HTTP server globally, which would
    // break the fake connector if both lived in one process.
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST });
    cleanup.push(() => bot.stop());
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));

    const code = await submitNote(`http://127.0.0.1:${bot.port}`, 'conv-429');
    await waitUntil(async () => (await cases.getByCode(code))?.status === 'delivered');
    await new Promise((r) => setTimeout(r, 500)); // a duplicate, if any, would arrive now

    expect(connector.posted).toHaveLength(1);
    expect(connector.attempts[0]).toBe(429);
    expect(connector.attempts.filter((s) => s === 201)).toHaveLength(1);
    expect(connector.attemptTimes[1]! - connector.attemptTimes[0]!).toBeGreaterThanOrEqual(950);
    expect(JSON.stringify(connector.posted[0]!.activity)).toContain(code);
    expect(await new JsonBlobStore(c.data).list('outbox/')).toEqual([]);
  }, 60_000);

  it('a bot killed after storing and before delivering delivers exactly one card after restart', async () => {
    const port = await freePort();
    const c = await freshContainers('fault-kill');
    await linkCoordinators(c, `http://127.0.0.1:${port}/`); // the connector is down: nothing can be delivered
    const env = { STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST };
    const first: StartedProcess & { port: number } = await startBotProcess(env);
    const code = await submitNote(`http://127.0.0.1:${first.port}`, 'conv-kill');
    first.child.kill('SIGKILL');
    await first.stop();

    const connector = await startFakeConnector(port);
    cleanup.push(() => connector.close());
    const second = await startBotProcess(env);
    cleanup.push(() => second.stop());
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    // The killed holder's lease (15 s) must run out before another instance may deliver.
    await waitUntil(async () => (await cases.getByCode(code))?.status === 'delivered', 45_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(connector.posted).toHaveLength(1);
    expect(JSON.stringify(connector.posted[0]!.activity)).toContain(code);
  }, 90_000);

  it('two bot processes on one storage deliver one card', async () => {
    const connector: FakeConnector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('fault-two');
    await linkCoordinators(c, connector.url);
    const env = { STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, OUTBOX_POLL_MS: '100' };
    const [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    cleanup.push(() => a.stop(), () => b.stop());
    const codes = [await submitNote(`http://127.0.0.1:${a.port}`, 'conv-two-a'), await submitNote(`http://127.0.0.1:${b.port}`, 'conv-two-b')];
    await waitUntil(() => connector.posted.length >= 2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(connector.posted).toHaveLength(2);
    for (const code of codes) expect(connector.posted.filter((p) => JSON.stringify(p.activity).includes(code))).toHaveLength(1);
  });
});

describe('escalation across processes', () => {
  it('two bot processes on one storage escalate an unacknowledged P1 once per deadline', async () => {
    const c = await freshContainers('esc-two');
    const env = {
      STORAGE_CONNECTION_STRING: c.connectionString,
      STORAGE_CONTAINER: c.name,
      OUTBOX_POLL_MS: '200',
      ESCALATION_P1_MINUTES: '0.05', // 3 s per level: a drill, not a test clock (processes have the real one)
      ESCALATION_CHECK_MS: '1000',
    };
    const [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    cleanup.push(() => a.stop(), () => b.stop());
    const o = { conversationId: 'conv-esc', locale: 'en-US', userId: 'partner-esc' };
    const url = `http://127.0.0.1:${a.port}`;
    const form = await postActivity(url, messageActivity('quick form', o));
    const token = /"token":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardOf(form.replies[0])))![1];
    const sent = await postActivity(
      url,
      submitActivity(
        {
          verb: 'intake.form', practice: false, token, immediate_danger: 'yes', emergency_call_made: 'yes', possible_minor: 'no',
          site_area: 'room', observed_from__date: '2026-11-20', observed_from__time: '22:00', how_known: 'saw_myself',
          persons_role: 'unknown', persons_count: '1', observations: 'Screams from a room.', actions_taken: 'called_112', reporter_role: 'night_staff',
        },
        o,
      ),
    );
    const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(sent.replies.map((r) => r.text ?? '').join(' '))![0];
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    // Two deadlines pass (primary → deputy → next level); nobody acknowledges.
    await waitUntil(async () => ((await cases.getByCode(code))?.routing?.targets.length ?? 0) >= 3, 30_000);
    await new Promise((r) => setTimeout(r, 4_000)); // a duplicate escalation, if any, would have happened now
    const final = (await cases.getByCode(code))!;
    expect(final.note.urgency).toBe('P1');
    expect(final.routing?.targets.slice(1)).toEqual(['demo-deputy', 'region-coordinator']);
    expect(final.history.filter((h) => h.action === 'escalated')).toHaveLength(2);
    const outbox = (await new JsonBlobStore(c.data).list('outbox/')).map((n) => n.split('.').slice(1, -1).join('.')).sort();
    expect(outbox.filter((t) => t === 'demo-deputy')).toHaveLength(1);
  }, 90_000);
});
