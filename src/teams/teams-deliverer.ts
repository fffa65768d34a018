import type { CloudAdapter, TurnContext } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import { DeliveryError, type Deliverer } from '../forwarding/deliverer';

/** Map a connector failure to what the outbox needs: retry or not, and Teams' Retry-After. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { statusCode?: unknown; response?: { headers?: { get?(name: string): string | undefined } } } | undefined;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined) return new DeliveryError('UNREACHABLE');
  if (status === 429) {
    const header = e?.response?.headers?.get?.('retry-after');
    const seconds = header !== undefined ? Number(header) : NaN;
    return new DeliveryError('THROTTLED', Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  if (status === 404) return new DeliveryError('NOT_FOUND');
  if (status === 401 || status === 403) return new DeliveryError('FORBIDDEN');
  if (status >= 400 && status < 500) return new DeliveryError('REFUSED');
  return new DeliveryError('CHANNEL_FAILED');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Proactive sends through the bot adapter; a stored reference works after a restart.
 * @remarks `continueConversationAsync` hands an error thrown inside its logic to the adapter's
 * `onTurnError` and then resolves as if all went well. So the logic catches its own error and the
 * send rethrows it here: the outbox sees every failure, and no apology is posted to the target.
 */
export function teamsDeliverer(adapter: CloudAdapter, botAppId: string): Deliverer {
  const run = async <T>(ref: Readonly<Record<string, unknown>>, logic: (context: TurnContext) => Promise<T>): Promise<T> => {
    let outcome = { ok: false, error: new DeliveryError('UNREACHABLE') } as Outcome<T>;
    try {
      await adapter.continueConversationAsync(botAppId, ref, async (context) => {
        try {
          outcome = { ok: true, value: await logic(context) };
        } catch (err) {
          outcome = { ok: false, error: err };
        }
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    if (!outcome.ok) throw toDeliveryError(outcome.error);
    return outcome.value;
  };
  return {
    async sendCard(ref, card) {
      const activityId = await run(ref, async (context) => (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '');
      if (!activityId) throw new DeliveryError('NO_ACTIVITY_ID');
      return { activityId };
    },
    async sendText(ref, text) {
      await run(ref, async (context) => {
        await context.sendActivity(text);
      });
    },
    async updateCard(ref, activityId, card) {
      await run(ref, async (context) => {
        await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
      });
    },
  };
}
