import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log';

/** A short, stable, non-reversible tag for a conversation id: enough to correlate log lines. */
export function conversationTag(conversationId: string | undefined): string {
  if (!conversationId) return 'none';
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 12);
}

/** A child logger for one turn: ids only, never text or names. */
export function turnLogger(logger: Logger, context: TurnContext): Logger {
  const a = context.activity;
  return logger.child({
    conv: conversationTag(a.conversation?.id),
    activityId: a.id ?? 'none',
    type: a.type ?? 'none',
    convType: a.conversation?.conversationType ?? 'none',
  });
}

/** Is the turn in a personal chat (where case codes, notes and answers may be shown)? Teams omits the type there at times. */
export function isPersonalChat(context: TurnContext): boolean {
  return (context.activity.conversation?.conversationType ?? 'personal') === 'personal';
}

/** Who acts in this turn, for audit and ownership: the Entra object id, else the Teams user id. */
export function actorOf(context: TurnContext): string | undefined {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id;
}
