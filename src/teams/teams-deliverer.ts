import type { CloudAdapter } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import { DeliveryError, type Deliverer } from '../forwarding/deliverer';

/** Map a connector failure to what the outbox needs: retry or not, and Teams' Retry-After. */
export function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; code?: string };
  const status = e.statusCode;
  if (status === 429) {
    const header = e.response?.headers?.get?.('retry-after');
    const seconds = header !== undefined ? Number(header) : NaN;
    return new DeliveryError('THROTTLED', Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  if (status === 404) return new DeliveryError('NOT_FOUND');
  if (status === 401 || status === 403) return new DeliveryError('FORBIDDEN');
  return new DeliveryError('CHANNEL_FAILED');
}

/** Proactive sends through the bot adapter; a stored reference works after a restart. */
export function teamsDeliverer(adapter: CloudAdapter, botAppId: string): Deliverer {
  const run = async (ref: Readonly<Record<string, unknown>>, logic: Parameters<CloudAdapter['continueConversationAsync']>[2]) => {
    try {
      await adapter.continueConversationAsync(botAppId, ref, logic);
    } catch (err) {
      throw toDeliveryError(err);
    }
  };
  return {
    async sendCard(ref, card) {
      let activityId = '';
      await run(ref, async (context) => {
        activityId = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '';
      });
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
