import { afterEach, describe, expect, it } from 'vitest';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardOf, messageActivity, postActivity, submitActivity } from '../support/activities';
import { freshContainers, outboxIsEmpty } from '../support/azurite';
import { ADMIN_CHAT, cardsFor, COORDINATORS, FAST, linkCoordinators, MEGAN, openForm, quiet, submit, textsIn, waitUntil } from '../support/delivery';
import { startFakeConnector } from '../support/fake-connector';
import { TEST_NOTE_KEY } from '../support/keys';
import { startBotProcess } from '../support/processes';

/**
 * Faults at the one part that cannot run here (Teams' connector, a loopback stand-in), with real
 * bot processes and real Azurite. Outages last longer than the connector client's own retries
 * (about five seconds), and every test ends by counting the cards the stand-in received once the
 * system is quiet (every case delivered, nothing left in the outbox), never by sleeping.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('delivery faults (real bot processes, real Azurite, a loopback connector)', () => {
  it('a connector storm longer than 30 s (429 with Retry-After, then 500, then 201): every case gets exactly one card', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('storm');
    await linkCoordinators(c, connector.url);
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST });
    cleanup.push(() => bot.stop());
    const url = `http://127.0.0.1:${bot.port}`;
    const t0 = Date.now();
    connector.respond((conv, now) => (conv !== COORDINATORS ? 'ok' : now - t0 < 15_000 ? { status: 429, retryAfter: 2 } : now - t0 < 32_000 ? { status: 500 } : 'ok'));
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(await submit(url, await openForm(url, `conv-storm-${i}`)));

    await waitUntil(quiet(c, codes), 150_000);
    expect(Date.now() - t0).toBeGreaterThan(32_000);
    for (const code of codes) expect(cardsFor(connector, code)).toHaveLength(1);
    expect(connector.attempts).toContain(429);
    expect(connector.attempts).toContain(500);
    expect(textsIn(connector, COORDINATORS).some((t) => t.includes('Something went wrong'))).toBe(false);
    expect(await new JsonBlobStore(c.data).list('outbox-dead/')).toEqual([]);
  }, 200_000);

  it('a connector that fails forever: dead letter after the configured attempts, administrators told, re-drive delivers one card', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('forever');
    await linkCoordinators(c, connector.url);
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST, OUTBOX_MAX_ATTEMPTS: '3' });
    cleanup.push(() => bot.stop());
    const url = `http://127.0.0.1:${bot.port}`;
    let down = true;
    connector.respond((conv) => (conv === COORDINATORS && down ? { status: 500 } : 'ok'));
    const code = await submit(url, await openForm(url, 'conv-forever'));

    await waitUntil(() => textsIn(connector, ADMIN_CHAT).some((t) => t.includes(code)), 90_000);
    const dead = await new JsonBlobStore(c.data).list('outbox-dead/');
    expect(dead).toHaveLength(1);
    expect(cardsFor(connector, code)).toHaveLength(0);
    expect(textsIn(connector, COORDINATORS).some((t) => t.includes('Something went wrong'))).toBe(false);
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    expect((await cases.getByCode(code))?.status).toBe('received'); // never "delivered" without a card

    // The administrator lists the dead letters in Teams and re-drives the note once the channel works.
    const admin = (text: string) => postActivity(url, { ...messageActivity(text, { conversationId: ADMIN_CHAT, locale: 'en-US', userId: 'megan' }), from: { id: 'megan', aadObjectId: MEGAN } });
    const listed = (await admin('dead letters')).replies.map((r) => r.text ?? '').join('\n');
    expect(listed).toContain(code);
    const id = /(\S+\.demo-coordinators)/.exec(listed)![1]!;
    expect((await postActivity(url, { ...messageActivity('dead letters', { conversationId: 'conv-partner', locale: 'en-US' }) })).replies[0]?.text).toContain('Only an administrator');
    down = false;
    expect((await admin(`redrive ${id}`)).replies[0]?.text).toContain('Queued again');
    await waitUntil(quiet(c, [code]), 60_000);
    expect(cardsFor(connector, code)).toHaveLength(1);
    expect(await new JsonBlobStore(c.data).list('outbox-dead/')).toEqual([]);
  }, 150_000);

  it('a card the connector refuses (400) is dead-lettered at once, the administrators are told, and nothing is posted in the coordinators’ channel', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('refused');
    await linkCoordinators(c, connector.url);
    const bot = await startBotProcess({ STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST });
    cleanup.push(() => bot.stop());
    const url = `http://127.0.0.1:${bot.port}`;
    connector.respond((conv) => (conv === COORDINATORS ? { status: 400 } : 'ok'));
    const code = await submit(url, await openForm(url, 'conv-400'));
    await waitUntil(() => textsIn(connector, ADMIN_CHAT).some((t) => t.includes(code)), 30_000);
    expect(textsIn(connector, COORDINATORS)).toEqual([]);
    expect(await new JsonBlobStore(c.data).list('outbox-dead/')).toHaveLength(1);
    expect(await outboxIsEmpty(c)).toBe(true);
  }, 60_000);

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
    const code = await submit(
      url,
      submitActivity(
        {
          verb: 'intake.form', practice: false, token, immediate_danger: 'yes', emergency_call_made: 'yes', possible_minor: 'no', ongoing: 'no',
          site_area: 'room', observed_from__date: '2026-11-20', observed_from__time: '22:00', how_known: 'saw_myself',
          persons_role: 'unknown', persons_count: '1', observations: 'Screams from a room.', actions_taken: 'called_112', reporter_role: 'night_staff',
        },
        o,
      ),
    );
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(TEST_NOTE_KEY));
    // The processes have the real clock: in office hours the ladder is primary → deputy → the on-call
    // person; out of hours a P1 starts at the on-call person, then the deputy (rules R1, R2). Never the
    // regional coordinator.
    const first = (await cases.getByCode(code))?.routing?.targets[0];
    const ladder = first === 'demo-out-of-hours' ? ['demo-out-of-hours', 'demo-deputy'] : ['demo-coordinators', 'demo-deputy', 'demo-out-of-hours'];
    // Every deadline passes; nobody acknowledges.
    await waitUntil(async () => ((await cases.getByCode(code))?.routing?.targets.length ?? 0) >= ladder.length, 30_000);
    // Nobody has linked the targets: every delivery waits apart, once per target.
    await waitUntil(async () => (await new JsonBlobStore(c.data).list('outbox-waiting/')).length >= ladder.length, 15_000);
    const final = (await cases.getByCode(code))!;
    expect(final.note.urgency).toBe('P1');
    expect(final.routing?.targets).toEqual(ladder);
    expect(final.history.filter((h) => h.action === 'escalated')).toHaveLength(ladder.length - 1);
    const waiting = (await new JsonBlobStore(c.data).list('outbox-waiting/')).map((n) => n.split('/')[1]).sort();
    expect(waiting.filter((t) => t === 'demo-deputy')).toHaveLength(1);
    expect(waiting).toHaveLength(ladder.length);
    expect(waiting).not.toContain('region-coordinator');
  }, 90_000);
});
