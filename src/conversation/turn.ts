import { createHash } from 'node:crypto';
import type { Access } from '../access/role-resolver';
import type { AdaptiveCard } from '../cards/adaptive-card';
import type { SupportedLocale } from '../config';
import type { IncidentNote, IntakeSession } from '../intake';
import type { Language } from '../i18n/languages';
import type { Logger } from '../log';

/** Per-conversation state, stored as JSON in bot storage (the keys are the stored shape: do not rename). */
export interface ConversationState {
  /** Set once the welcome was sent, so a re-install does not repeat it. */
  welcomedAt?: string;
  /** The last question asked, kept so "Ask a coordinator" can hand it off (token: one hand-off per question). */
  pendingQuestion?: { text: string; language: Language; token?: string };
  /** The report in progress (a draft): plain JSON, so it survives restarts. */
  intake?: IntakeSession;
  /** The language the report in progress was started in. */
  intakeLocale?: Language;
  /** The language the user last clearly wrote in here (outside a report): replies to cards and ambiguous words follow it. */
  language?: Language;
  /** A finished note waiting for its reporter to choose the site or municipality (token: the choice card's). */
  pendingNote?: { note: IncidentNote; submission: string; formToken?: string; token: string };
  /** One-card forms handed out in this conversation: form token → the user it was issued to. */
  issuedForms?: Record<string, string>;
  /** One-card forms already turned into cases: form token → case code. */
  sentForms?: Record<string, string>;
}

/** Per-user state. */
export interface UserState {
  /** A language the user chose explicitly; wins over the Teams client's locale. */
  locale?: Language;
}

/** What a handler answers: a message, or an Adaptive Card (for a Universal Action: the card updated in place). */
export type Reply = { readonly text: string } | { readonly card: AdaptiveCard };

/** Where a turn happens: a personal chat with the bot, a group chat, or a team channel. */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * One turn, as the handlers see it, whatever framework delivered it: who (ids), where, in which
 * language to answer, what was typed, and how to answer. Built by the Teams edge (src/teams/teams-turn.ts).
 */
export interface Turn {
  /** The sender: the channel's user id and, when the activity carries it, the Entra object id. */
  readonly user: {
    readonly id: string;
    readonly aadObjectId?: string;
    /** The display name, only to show a coordinator who took a case on its card: never logged or stored elsewhere. */
    readonly name?: string;
  };
  readonly conversation: {
    readonly kind: ConversationKind;
    /** The channel's conversation id (case ids are derived from it; never logged). */
    readonly id: string;
    /** A short hash of the id, for log lines. */
    readonly tag: string;
    /** Where to reach this conversation later (proactive messages): plain JSON with ids only. */
    readonly address: Readonly<Record<string, unknown>>;
  };
  /** The language of this turn's replies, decided from the current state each time it is read (turn-locale.ts). */
  readonly locale: SupportedLocale;
  /** The message text (the bot's mention removed); undefined for a card action or another activity. */
  readonly text?: string;
  /** The activity carries card data (an Action.Submit's values), whether or not a card verb takes it. */
  readonly hasCardData: boolean;
  /** This turn's child logger: ids only. */
  readonly log: Logger;
  /** The sender's role, audience and sites (cached per person by the edge). */
  access(): Promise<Access>;
  /** The sender's Entra object id: from the activity, else asked of the channel's member list. */
  aadObjectId(): Promise<string | undefined>;
  /** The stored state of this conversation and user: changes are saved when the turn ends. */
  readonly state: { readonly conversation: ConversationState; readonly user: UserState };
  /** Send one reply now (order matters: the 112 card goes out before anything slow). */
  send(reply: Reply): Promise<void>;
}

/** A short, stable, non-reversible tag for a conversation id: enough to correlate log lines. */
export function conversationTag(conversationId: string | undefined): string {
  if (!conversationId) return 'none';
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 12);
}

/** Is the turn in a personal chat (where case codes, notes and answers may be shown)? */
export const isPersonalChat = (turn: Pick<Turn, 'conversation'>): boolean => turn.conversation.kind === 'personal';

/** Who acts in this turn, for audit and ownership: the Entra object id, else the channel's user id. */
export const actorOf = (turn: Pick<Turn, 'user'>): string => turn.user.aadObjectId ?? turn.user.id;
