import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/forwarding/deliverer';
import { teamsDeliverer } from '../../src/teams/teams-connector';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

/**
 * What the outbox learns from a failed send, read from the errors the real connector client throws
 * (botbuilder's own HTTP stack against a loopback stand-in): the status, and Teams' Retry-After.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function failedSend(connector: FakeConnector | undefined, url = connector?.url ?? ''): Promise<DeliveryError> {
  const deliverer = teamsDeliverer(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '');
  const ref = { serviceUrl: url, channelId: 'msteams', conversation: { id: 'a:reporter' }, bot: { id: 'bot' } };
  const error = await deliverer.sendText(ref, 'hello').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('teamsDeliverer: failures as the outbox sees them', () => {
  it('429 with Retry-After: throttled, to wait the seconds Teams asked for', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    connector.respond(() => ({ status: 429, retryAfter: 7 }));
    const error = await failedSend(connector);
    expect([error.code, error.retryAfterMs, error.retryable]).toEqual(['THROTTLED', 7000, true]);
  }, 60_000);

  it('400: refused, never retried; 404: the conversation is gone', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    connector.script({ status: 400 }, { status: 404 });
    const refused = await failedSend(connector);
    expect([refused.code, refused.retryable]).toEqual(['REFUSED', false]);
    const gone = await failedSend(connector);
    expect([gone.code, gone.retryable]).toEqual(['NOT_FOUND', false]);
  }, 60_000);

  it('nothing listening: unreachable, retried later', async () => {
    const connector = await startFakeConnector();
    const url = connector.url;
    await connector.close();
    const error = await failedSend(undefined, url);
    expect([error.code, error.retryable]).toEqual(['UNREACHABLE', true]);
  }, 60_000);
});
