import type { IncidentNote, IntakeSession } from '../intake';
import { TurnState, type DefaultConversationState, type DefaultUserState, type DefaultTempState } from '@microsoft/teams-ai';
import { type Language } from '../i18n/languages';

/** Per-conversation state, stored as JSON in blob storage (later issues add the intake session). */
export interface AppConversationState extends DefaultConversationState {
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
export interface AppUserState extends DefaultUserState {
  /** A language the user chose explicitly; wins over the Teams client's locale. */
  locale?: Language;
}

export type AppTurnState = TurnState<AppConversationState, AppUserState, DefaultTempState>;
