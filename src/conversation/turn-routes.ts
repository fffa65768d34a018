import { CARD_PAYLOADS, type CardPayload } from '../cards/payloads';
import type { VerbName } from '../cards/verbs';
import { actorOf, type Reply, type Turn } from './turn';
import { audit, type TurnDeps } from './turn-deps';

/**
 * One route of the bot, framework-neutral: a typed message (matched on its text), a card submit
 * (Action.Submit) or a Universal Action (Action.Execute, answered with a card or a text), by verb.
 */
export type TurnRoute =
  | { readonly kind: 'message'; readonly matches: (text: string) => boolean; readonly run: (turn: Turn) => Promise<void> }
  | { readonly kind: 'submit'; readonly verb: VerbName; readonly run: (turn: Turn, data: unknown) => Promise<void> }
  | { readonly kind: 'execute'; readonly verb: VerbName; readonly run: (turn: Turn, data: unknown) => Promise<Reply> };

/** Every handler of the bot, in the order the edge tries them. */
export interface TurnRoutes {
  /** Run before any route for every message, in order; false ends the turn there. */
  readonly beforeMessage: readonly ((turn: Turn) => Promise<boolean>)[];
  /** The bot was added to a conversation. */
  readonly botAdded: (turn: Turn) => Promise<void>;
  /** The first route that matches takes the turn. */
  readonly routes: readonly TurnRoute[];
  /** Every other message (a question for the knowledge base). */
  readonly otherMessage: (turn: Turn) => Promise<void>;
}

/** A message route on a pattern or a predicate of the text. */
export function onMessage(pattern: RegExp | ((text: string) => boolean), run: (turn: Turn) => Promise<void>): TurnRoute {
  return { kind: 'message', matches: typeof pattern === 'function' ? pattern : (text) => pattern.test(text), run };
}

/** Log and audit a card action whose data did not parse (a forged or broken card); never its content. */
async function refuseMalformed(turn: Turn, deps: TurnDeps, verb: VerbName): Promise<void> {
  turn.log.warn('audit: card action refused: malformed data', { verb });
  await audit(deps, { actor: actorOf(turn) || 'unknown', action: verb, result: 'refused', reason: 'invalidPayload' });
}

/**
 * The one way a card submit reaches a handler: its data parsed by the verb's schema (the one table,
 * cards/payloads.ts) first. Malformed data is audited and answered by `onInvalid` (default: "I could not read that").
 */
export function onCardSubmit<V extends VerbName>(
  deps: TurnDeps,
  verb: V,
  handler: (turn: Turn, data: CardPayload<V>) => Promise<void>,
  onInvalid?: (turn: Turn) => Promise<void>,
): TurnRoute {
  return {
    kind: 'submit',
    verb,
    run: async (turn, raw) => {
      const parsed = CARD_PAYLOADS[verb].safeParse(raw);
      if (parsed.success) return handler(turn, parsed.data);
      await refuseMalformed(turn, deps, verb);
      if (onInvalid) return onInvalid(turn);
      await turn.send({ text: deps.i18n.t(turn.locale)('common:error.TURN_INVALID_ACTIVITY') });
    },
  };
}

/** The same for a Universal Action: malformed data gets the refusal text as the card's answer. */
export function onCardExecute<V extends VerbName>(deps: TurnDeps, verb: V, handler: (turn: Turn, data: CardPayload<V>) => Promise<Reply>): TurnRoute {
  return {
    kind: 'execute',
    verb,
    run: async (turn, raw) => {
      const parsed = CARD_PAYLOADS[verb].safeParse(raw);
      if (parsed.success) return handler(turn, parsed.data);
      await refuseMalformed(turn, deps, verb);
      return { text: deps.i18n.t(turn.locale)('common:error.TURN_INVALID_ACTIVITY') };
    },
  };
}
