import { CardFactory, MessageFactory, TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { AccessResolver } from '../access/access-resolver';
import type { SupportedLocale } from '../config';
import { conversationTag, type ConversationKind, type ConversationState, type Turn, type UserState } from '../conversation/turn';
import { turnLocale } from '../conversation/turn-locale';
import type { CommandWords } from '../i18n/locale';
import type { Logger } from '../log';

/** teams-ai's turn state over our plain conversation and user state (persisted by the Application's storage). */
export type AppTurnState = TurnState<ConversationState, UserState>;

/** What the edge needs to build a plain turn. */
export interface TeamsTurnDeps {
  readonly logger: Logger;
  readonly defaultLocale: SupportedLocale;
  /** The words that mark a message as one language (I18n.commandWords). */
  readonly commandWords: CommandWords;
  /** Who is asking (role, audience, sites), resolved per turn. */
  readonly access: AccessResolver;
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

/** The Teams client's locale tag: on the activity, else in its clientInfo entity. */
const clientLocaleOf = (context: TurnContext): string | undefined =>
  context.activity.locale ?? (context.activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: string } | undefined)?.locale;

/** The reply language of a turn from the activity alone (the error handler has no state to go on). */
export function contextLocale(context: TurnContext, fallback: SupportedLocale, commandWords: CommandWords): SupportedLocale {
  return turnLocale({ text: context.activity.text, clientLocale: clientLocaleOf(context) }, undefined, fallback, commandWords);
}

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

/** A message activity carrying one Adaptive Card (the outbox's cards are opaque to it: `unknown`). */
export const cardActivity = (card: unknown) => MessageFactory.attachment(CardFactory.adaptiveCard(card));

/** Teams omits the conversation type in personal chats at times. */
function kindOf(context: TurnContext): ConversationKind {
  const type = context.activity.conversation?.conversationType ?? 'personal';
  return type === 'personal' ? 'personal' : type === 'channel' ? 'channel' : 'groupChat';
}

/** The context behind each plain turn this edge made, for the one thing that still needs it (the model phraser). */
const contexts = new WeakMap<Turn, { context: TurnContext; state: AppTurnState }>();

/** The teams-ai turn a plain turn came from (undefined for a turn this edge did not make). */
export const teamsContextOf = (turn: Turn) => contexts.get(turn);

/** A Teams turn as a plain turn: ids, conversation, reply language, text, state and a way to send. */
export function teamsTurn(context: TurnContext, state: AppTurnState, deps: TeamsTurnDeps): Turn {
  const a = context.activity;
  const from = a.from ?? { id: '' };
  let aadObjectId: Promise<string | undefined> | undefined;
  let address: Record<string, unknown> | undefined;
  const turn: Turn = {
    user: { id: from.id ?? '', ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}), ...(from.name ? { name: from.name } : {}) },
    conversation: {
      kind: kindOf(context),
      id: a.conversation?.id ?? '',
      tag: conversationTag(a.conversation?.id),
      get address() {
        return (address ??= addressOf(context));
      },
    },
    get locale() {
      return turnLocale({ text: a.text, clientLocale: clientLocaleOf(context) }, state, deps.defaultLocale, deps.commandWords);
    },
    ...(typeof a.text === 'string' ? { text: a.text } : {}),
    hasCardData: a.value !== undefined,
    log: turnLogger(deps.logger, context),
    access: () => deps.access({ id: from.id ?? '', ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}), ...(a.conversation?.tenantId ? { tenantId: a.conversation.tenantId } : {}) }, () => TeamsInfo.getMember(context, from.id)),
    // On the activity in Teams; otherwise asked of the channel's member list (some clients leave it out).
    aadObjectId: () =>
      (aadObjectId ??= from.aadObjectId
        ? Promise.resolve(from.aadObjectId)
        : TeamsInfo.getMember(context, from.id).then(
            (m) => m.aadObjectId,
            // Unknown member: treated as nobody in particular (no rights).
            () => undefined,
          )),
    state: { conversation: state.conversation, user: state.user },
    send: async (reply) => {
      await context.sendActivity('text' in reply ? reply.text : cardActivity(reply.card));
    },
  };
  contexts.set(turn, { context, state });
  return turn;
}
