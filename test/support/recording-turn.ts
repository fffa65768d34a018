import type { Access } from '../../src/access/role-resolver';
import type { AdaptiveCard } from '../../src/cards/adaptive-card';
import type { SupportedLocale } from '../../src/config';
import { conversationTag, type ConversationKind, type ConversationState, type Reply, type Turn, type UserState } from '../../src/conversation/turn';
import type { TurnDeps } from '../../src/conversation/turn-deps';
import type { TurnRoute, TurnRoutes } from '../../src/conversation/turn-routes';
import type { AuditEvent, AuditLog } from '../../src/forwarding/audit-log';
import { createI18n } from '../../src/i18n/create-i18n';
import { silentLogger } from '../../src/log';
import { LOCALES_DIR } from '../../src/paths';

/** A plain turn that records what the bot sends: no botbuilder, no HTTP. */
export interface RecordingTurn extends Turn {
  readonly sent: Reply[];
  /** The texts sent, in order. */
  texts(): string[];
  /** The cards sent, in order. */
  cards(): AdaptiveCard[];
}

export interface TurnOptions {
  readonly userId?: string;
  readonly aadObjectId?: string;
  readonly name?: string;
  readonly kind?: ConversationKind;
  readonly conversationId?: string;
  readonly locale?: SupportedLocale;
  readonly text?: string;
  readonly hasCardData?: boolean;
  /** Who the person is (default: a partner). */
  readonly access?: Access;
  /** The stored state, shared between turns of one conversation when the test passes the same objects. */
  readonly state?: { conversation: ConversationState; user: UserState };
}

export const PARTNER: Access = { role: 'partner', audience: 'partner', sites: [] };
export const COORDINATOR: Access = { role: 'coordinator', audience: 'coordinator', sites: [] };

/** One plain turn for a handler under test. */
export function recordingTurn(o: TurnOptions = {}): RecordingTurn {
  const sent: Reply[] = [];
  const conversationId = o.conversationId ?? 'a:conversation-1';
  return {
    user: { id: o.userId ?? '29:user-1', ...(o.aadObjectId ? { aadObjectId: o.aadObjectId } : {}), ...(o.name ? { name: o.name } : {}) },
    conversation: { kind: o.kind ?? 'personal', id: conversationId, tag: conversationTag(conversationId), address: { conversation: { id: conversationId } } },
    locale: o.locale ?? 'en',
    ...(o.text !== undefined ? { text: o.text } : {}),
    hasCardData: o.hasCardData ?? false,
    log: silentLogger,
    access: async () => o.access ?? PARTNER,
    aadObjectId: async () => o.aadObjectId,
    state: o.state ?? { conversation: {}, user: {} },
    send: async (reply) => void sent.push(reply),
    sent,
    texts: () => sent.flatMap((r) => ('text' in r ? [r.text] : [])),
    cards: () => sent.flatMap((r) => ('card' in r ? [r.card] : [])),
  };
}

/** An audit log in memory. */
export function memoryAuditLog(): AuditLog & { readonly events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return { events, record: async (e) => void events.push(e), read: async (day) => events.filter((e) => e.at.startsWith(day)) };
}

/** The handlers' common dependencies: the real locales, a silent logger, an audit log in memory. */
export function turnDeps(overrides: Partial<Omit<TurnDeps, 'audit'>> = {}) {
  return { i18n: I18N, logger: silentLogger, defaultLocale: 'sv' as const, ...overrides, audit: memoryAuditLog() } satisfies TurnDeps;
}

const I18N = createI18n(LOCALES_DIR, 'sv');

/** The message route that takes `text` first, run on a turn (as the edge would). */
export async function sayTo(routes: readonly TurnRoute[], turn: RecordingTurn): Promise<void> {
  const route = routes.find((r) => r.kind === 'message' && r.matches(turn.text ?? ''));
  if (!route || route.kind !== 'message') throw new Error(`no route takes "${turn.text ?? ''}"`);
  await route.run(turn);
}

/** A card submit (Action.Submit) with raw data, through its verb's route. */
export async function submit(routes: readonly TurnRoute[], turn: RecordingTurn, verb: string, data: unknown): Promise<void> {
  const route = routes.find((r) => r.kind === 'submit' && r.verb === verb);
  if (!route || route.kind !== 'submit') throw new Error(`no submit route for ${verb}`);
  await route.run(turn, data);
}

/** A Universal Action (Action.Execute) with raw data: what the pressed card is answered with. */
export async function execute(routes: readonly TurnRoute[], turn: RecordingTurn, verb: string, data: unknown): Promise<Reply> {
  const route = routes.find((r) => r.kind === 'execute' && r.verb === verb);
  if (!route || route.kind !== 'execute') throw new Error(`no execute route for ${verb}`);
  return route.run(turn, data);
}

/** Run a whole message through a route table as the edge does: guards, first matching route, else the catch-all. */
export async function runMessage(table: TurnRoutes, turn: RecordingTurn): Promise<void> {
  for (const guard of table.beforeMessage) if (!(await guard(turn))) return;
  const route = table.routes.find((r) => r.kind === 'message' && r.matches(turn.text ?? ''));
  if (route?.kind === 'message') return route.run(turn);
  await table.otherMessage(turn);
}
