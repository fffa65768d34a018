import type { CaseCategory, CaseEvent, CaseStatus, Urgency } from '../forwarding/case';
import type { SiteKind } from '../forwarding/routing-directory';

/**
 * The kind of place a note came from: a partner site's kind, `none` for a note without a site (staff,
 * coordinators, hand-off questions), `unknown` for cases deleted by retention (only counts are kept).
 */
export type SiteKindBucket = SiteKind | 'none' | 'unknown';

/** What the statistics know of one stored case: no text, no names, no ids. */
export interface CaseFacts {
  readonly createdAt: string;
  /** The municipality whose coordinators got it (the directory's default for cases routed before municipalities). */
  readonly municipality: string;
  readonly category: CaseCategory;
  readonly urgency: Urgency;
  readonly siteKind: SiteKindBucket;
  /** The first acknowledgement (taking a case acknowledges it). */
  readonly acknowledgedAt?: string;
  /** When it was closed, for a case that is closed now (the last close, if it was reopened). */
  readonly closedAt?: string;
  /** How many times it went up the ladder. */
  readonly escalations: number;
}

/** The parts of a stored case the facts are read from (all of them kept in clear beside the sealed note). */
export interface CaseMeta {
  readonly createdAt: string;
  readonly status: CaseStatus;
  readonly category: CaseCategory;
  readonly urgency: Urgency;
  readonly history: readonly Pick<CaseEvent, 'at' | 'action'>[];
}

/**
 * A case's facts from its history: when it was first acknowledged, when it was closed, how often it escalated.
 * @example caseFactsOf({ createdAt, status: 'closed', history: [received, acknowledged, closed], … }, 'demo', 'hotel')
 */
export function caseFactsOf(meta: CaseMeta, municipality: string, siteKind: SiteKindBucket): CaseFacts {
  const first = (action: CaseEvent['action']) => meta.history.find((h) => h.action === action)?.at;
  const acknowledgedAt = first('acknowledged') ?? first('taken');
  const closedAt = meta.status === 'closed' ? [...meta.history].reverse().find((h) => h.action === 'closed')?.at : undefined;
  return {
    createdAt: meta.createdAt,
    municipality,
    category: meta.category,
    urgency: meta.urgency,
    siteKind,
    ...(acknowledgedAt ? { acknowledgedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    escalations: meta.history.filter((h) => h.action === 'escalated').length,
  };
}
