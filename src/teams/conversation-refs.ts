import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Reporter } from '../forwarding/case';

/**
 * Where to reach this conversation later, as plain JSON with ids only: getConversationReference
 * copies display names too, and a channel reply's id carries the thread (";messageid=…"), which
 * a new post must not.
 */
export function addressOf(context: TurnContext): Record<string, unknown> {
  const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Partial<ConversationReference> & Record<string, unknown>;
  if (ref.conversation) {
    const { name: _name, ...conversation } = ref.conversation;
    ref.conversation = { ...conversation, id: conversation.id.split(';')[0]! } as ConversationReference['conversation'];
  }
  if (ref.user) delete (ref.user as { name?: string }).name;
  if (ref.bot) delete (ref.bot as { name?: string }).name;
  return ref;
}

/**
 * The user's Entra ID object id: on the activity in Teams; otherwise asked of the channel's member
 * list (some clients leave it out of message activities).
 */
export async function aadObjectIdOf(context: TurnContext): Promise<string | undefined> {
  const from = context.activity.from;
  if (from?.aadObjectId) return from.aadObjectId;
  try {
    return (await TeamsInfo.getMember(context, from.id)).aadObjectId;
  } catch {
    // Unknown member: treated as nobody in particular (no rights).
    return undefined;
  }
}


/** The person sending this turn as a case's reporter: ids and where to reach them, never a name. */
export function reporterOf(context: TurnContext, locale: Reporter['locale']): Reporter {
  const from = context.activity.from;
  return { userId: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}), conversationRef: addressOf(context), locale };
}
