import { afterEach, describe, expect, it } from 'vitest';
import { freshContainers } from '../support/azurite';
import { cardsFor, COORDINATORS, FAST, linkCoordinators, quiet, saysMayRepeat, seeded, submitUnderKills, waitUntil } from '../support/delivery';
import { startFakeConnector } from '../support/fake-connector';

/**
 * Kills of the bot process (SIGKILL) at seeded random points and at the card's arrival, with real
 * bot processes, real Azurite and a loopback stand-in for Teams' connector. Every test ends by
 * counting the cards the stand-in received once the system is quiet (every case delivered,
 * nothing left in the outbox), never by sleeping.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('delivery under kill -9 (real bot processes, real Azurite, a loopback connector)', () => {
  it('kill -9 at 20 seeded random points around submit and delivery: no case lost, at most one duplicate', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('kills');
    await linkCoordinators(c, connector.url);
    const env = { STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST };
    const random = seeded(20261130);
    const { codes: given, last } = await submitUnderKills(env, 20, (bot) => {
      // Uniform over the life of one note: the submit turn, the delivery (about 100 ms in), the
      // bookkeeping and the quiet after. The window itself is aimed at in the next test.
      const delay = Math.floor(random() * 1_000);
      setTimeout(() => bot.child.kill('SIGKILL'), delay);
    });
    cleanup.push(() => last.stop());
    const codes = new Set(given);
    await waitUntil(quiet(c, [...codes]), 90_000);

    expect(codes.size).toBe(20);
    const counts = [...codes].map((code) => cardsFor(connector, code).length);
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect(counts.reduce((a, n) => a + n - 1, 0)).toBeLessThanOrEqual(1);
    // A repeat, when a kill lands in the window, says so.
    for (const code of codes) for (const repeat of cardsFor(connector, code).slice(1)) expect(saysMayRepeat(repeat)).toBe(true);
  }, 480_000); // twenty process starts: minutes on a busy two-core machine

  it('kill -9 at the moment the card reaches the connector: no case lost, and every repeated card says it may repeat an earlier one', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const c = await freshContainers('aimed');
    await linkCoordinators(c, connector.url);
    const env = { STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, ...FAST };
    // Half before Teams' answer reaches the bot, half just after (the record may or may not be written).
    const { codes, last } = await submitUnderKills(env, 6, (bot, round) =>
      connector.onAccepted((p) => {
        if (p.conversationId !== COORDINATORS) return;
        connector.onAccepted(undefined);
        if (round % 2 === 0) bot.child.kill('SIGKILL');
        else setImmediate(() => bot.child.kill('SIGKILL'));
      }),
    );
    cleanup.push(() => last.stop());
    await waitUntil(quiet(c, codes), 90_000);

    expect(codes).toHaveLength(6);
    for (const code of codes) {
      const cards = cardsFor(connector, code);
      expect(cards.length).toBeGreaterThanOrEqual(1);
      // Every card after the first for a case says that it may repeat an earlier one.
      for (const repeat of cards.slice(1)) expect(saysMayRepeat(repeat)).toBe(true);
    }
    const repeats = codes.reduce((n, code) => n + cardsFor(connector, code).length - 1, 0);
    expect(repeats).toBeGreaterThanOrEqual(1); // the aim is right: some kills did cut the record off
  }, 180_000);
});

