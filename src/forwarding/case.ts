import { type Language } from '../i18n/languages';
/**
 * A case: a submitted incident note and everything that happens to it. Plain data, stored as one
 * JSON blob per case (note content encrypted by the store).
 */
export type Urgency = 'P1' | 'P2' | 'P3' | 'P4';
/** `question`: a question no routine answered, handed off to a coordinator (a case kind of its own). */
export const CASE_CATEGORIES = ['possibleMinor', 'adultExploitation', 'other', 'question'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export type CaseStatus = 'received' | 'delivered' | 'acknowledged' | 'taken' | 'closed' | 'withdrawn';

/** The note as submitted: answers by field id, and what the form computed from them. */
export interface CaseNote {
  readonly formId: string;
  readonly formVersion: number;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly urgency: Urgency;
  readonly category: CaseCategory;
}

/** Who reported, as ids only: enough to check "status" and to reach the reporter's chat later. */
export interface Reporter {
  /** Teams user id in the bot's conversation (29:…), or the AAD object id when known. */
  readonly userId: string;
  readonly aadObjectId?: string;
  /** The reporter's conversation reference, opaque to the domain (stored for proactive messages). */
  readonly conversationRef: Readonly<Record<string, unknown>>;
  readonly locale: Language;
}

export interface CaseEvent {
  readonly at: string;
  readonly action:
    | 'received'
    | 'delivered'
    | 'acknowledged'
    | 'taken'
    | 'closed'
    | 'withdrawn'
    | 'reopened'
    | 'escalated'
    | 'infoAdded'
    | 'questionAsked'
    | 'questionAnswered'
    /** A handed-off question: the coordinator's reply to the asker, and "needs a routine". */
    | 'replied'
    | 'routineRequested'
    /** A coordinator chose to involve the regional coordinator, with the victim's consent recorded (rule R2). */
    | 'regionalConsulted';
  /** An actor id (coordinator AAD id, 'reporter' or 'system'); never a name. */
  readonly by: string;
}

/** Where a case goes: decided once when it is received, from the routing directory. */
export interface CaseRouting {
  readonly municipality: string;
  readonly primary: string;
  readonly deputy: string;
  readonly next: string;
  readonly outOfHours?: string;
  /** Targets the case has been sent to so far, in order. */
  readonly targets: readonly string[];
}

/**
 * A coordinator's decision to involve the regional coordinator (rule R2): who, when, to which target,
 * and the victim's consent as recorded. Only with consent "yes" is the case sent there.
 */
export interface RegionalConsultation {
  readonly at: string;
  /** The coordinator's Entra ID object id. */
  readonly by: string;
  readonly targetId: string;
  readonly consent: 'yes' | 'no' | 'notAsked';
}

/** A card posted for the case (to update it later). */
export interface CaseDelivery {
  readonly targetId: string;
  readonly activityId: string;
  readonly at: string;
  /** Posted again after a send whose outcome was lost: the card says it may repeat an earlier one. */
  readonly mayRepeat?: boolean;
}

/**
 * The in-flight mark, written just before a card is posted to a target and removed when its
 * delivery is recorded. A send recovered with its mark still there may already have reached Teams.
 */
export interface CaseSending {
  readonly targetId: string;
  /** The outbox message that is sending (the same message, received again, is a recovery). */
  readonly messageId: string;
  readonly since: string;
}

export const CLOSE_OUTCOMES = ['referredSocialServices', 'referredPolice', 'noAction', 'duplicate', 'other'] as const;
/** A handed-off question closes as `answered` when the coordinator replies; its reason is the reply. */
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number] | 'answered';

/** The answers of a handed-off question (the case's note when its category is `question`). */
export interface HandedOffQuestion {
  readonly question: string;
  readonly language: Language;
  readonly audience: 'partner' | 'staff' | 'coordinator';
  /** The routine the asker was shown, if any (its title, in the asker's language). */
  readonly articleTitle?: string;
}

export const QUESTION_FORM = { id: 'question', version: 1 } as const;

/** The note of a handed-off question: no urgency beyond routine work (P4), routed by category `question`. */
export function questionNote(q: HandedOffQuestion): CaseNote {
  return { formId: QUESTION_FORM.id, formVersion: QUESTION_FORM.version, answers: { ...q }, urgency: 'P4', category: 'question' };
}

/** The handed-off question of a case, or undefined for an incident note. */
export function handedOffQuestion(c: Pick<Case, 'note'>): HandedOffQuestion | undefined {
  if (c.note.category !== 'question') return undefined;
  const a = c.note.answers;
  if (typeof a.question !== 'string' || (a.language !== 'sv' && a.language !== 'en')) return undefined;
  const audience = a.audience === 'staff' || a.audience === 'coordinator' ? a.audience : 'partner';
  return { question: a.question, language: a.language, audience, ...(typeof a.articleTitle === 'string' ? { articleTitle: a.articleTitle } : {}) };
}

/** Where a note comes from: the municipality whose coordinators get it, and the partner site if any. */
export interface CaseOrigin {
  readonly municipality: string;
  readonly municipalityName: string;
  readonly site?: { readonly id: string; readonly name: string; readonly kind: string };
}

export interface Case {
  readonly id: string;
  /** Short code the reporter can quote, e.g. K-7F3Q. */
  readonly code: string;
  readonly status: CaseStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly note: CaseNote;
  readonly reporter: Reporter;
  readonly history: readonly CaseEvent[];
  readonly routing?: CaseRouting;
  /** Set when the note is submitted; without it (older cases) the directory's default municipality. */
  readonly origin?: CaseOrigin;
  readonly deliveries?: readonly CaseDelivery[];
  readonly sending?: readonly CaseSending[];
  /** Entra ID object id of the coordinator who took the case, and the name Teams gave (staff, shown to coordinators). */
  readonly assignee?: string;
  readonly assigneeName?: string;
  /** How it was closed; the reason is free text and is stored sealed. */
  readonly outcome?: { readonly code: CloseOutcome; readonly reason: string };
  /** Information the reporter added afterwards (free text, stored sealed). */
  readonly additions?: readonly { readonly at: string; readonly text: string }[];
  /** Questions a coordinator relayed to the reporter, and their answers (free text, stored sealed). */
  readonly questions?: readonly { readonly at: string; readonly text: string; readonly answer?: string; readonly answeredAt?: string }[];
  /** Decisions to involve the regional coordinator (ids and consent only: no note content). */
  readonly consultations?: readonly RegionalConsultation[];
}

/**
 * The targets the case's card is meant for: its ladder so far, and a regional coordinator that a
 * coordinator involved with the victim's consent (rule R2). Nothing else is ever delivered.
 */
export function deliveryTargets(c: Pick<Case, 'routing' | 'consultations'>): string[] {
  const consulted = (c.consultations ?? []).filter((x) => x.consent === 'yes').map((x) => x.targetId);
  return [...new Set([...(c.routing?.targets ?? []), ...consulted])];
}

/** When the case reached its current level (received, or last escalated): deadlines count from here. */
export function levelSince(c: Pick<Case, 'history' | 'createdAt'>): string {
  const last = [...c.history].reverse().find((h) => h.action === 'escalated' || h.action === 'received');
  return last?.at ?? c.createdAt;
}

/**
 * What the reporter may be told about their case (secrecy: nothing more). `waiting`: stored, but no
 * card has reached a coordinator yet (the outbox is still working on it); `delivered`: a card has.
 */
export type ReporterStatus = 'waiting' | 'delivered' | 'acknowledged' | 'closed' | 'withdrawn';

export function reporterStatusOf(c: Pick<Case, 'status' | 'deliveries'>): ReporterStatus {
  switch (c.status) {
    case 'received':
      // The delivery record and the status are written together; either one means a card is there.
      return (c.deliveries?.length ?? 0) > 0 ? 'delivered' : 'waiting';
    case 'delivered':
      return 'delivered';
    case 'acknowledged':
    case 'taken':
      return 'acknowledged';
    case 'closed':
      return 'closed';
    case 'withdrawn':
      return 'withdrawn';
  }
}
