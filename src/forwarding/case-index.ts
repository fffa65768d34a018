import { levelSince, type Case, type CaseCategory, type CaseStatus, type Urgency } from './case';

/** What a coordinator's list shows of a case: no note content, so the index needs no sealing. */
export interface CaseSummary {
  readonly id: string;
  readonly code: string;
  readonly status: CaseStatus;
  readonly urgency: Urgency;
  readonly category: CaseCategory;
  readonly createdAt: string;
  /** The case's last change: an older snapshot never overwrites a newer one in the index. */
  readonly updatedAt: string;
  /** The latest escalation or receipt (deadlines count from here). */
  readonly levelAt: string;
  readonly targets: readonly string[];
  readonly assignee?: string;
  /** The municipality whose routes it took (routing metadata, kept in clear like the targets). */
  readonly municipality?: string;
}

export function summaryOf(c: Case): CaseSummary {
  return {
    id: c.id,
    code: c.code,
    status: c.status,
    urgency: c.note.urgency,
    category: c.note.category,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    levelAt: levelSince(c),
    targets: c.routing?.targets ?? [],
    ...(c.assignee ? { assignee: c.assignee } : {}),
    ...(c.routing?.municipality ? { municipality: c.routing.municipality } : {}),
  };
}

/**
 * The cases at a glance, kept beside the case blobs, so that a list, an escalation check or a
 * retention pass reads what is open (or due), never every case ever stored.
 */
export interface CaseIndex {
  /**
   * Record a case as it is now. An older snapshot never overwrites a newer one (two writers of a
   * case may finish in either order). Closed and withdrawn cases leave the open view.
   */
  put(c: Case): Promise<void>;
  /** Every open case. */
  open(): Promise<CaseSummary[]>;
  /** Open cases nobody has acknowledged yet (received or delivered): the escalation check's input. */
  awaiting(): Promise<CaseSummary[]>;
  /** Closed or withdrawn cases last changed before `cutoff`, oldest first, at most `max` (retention). */
  closedBefore(cutoff: Date, max: number): Promise<CaseSummary[]>;
  /** Drop a case from the retention list (deleted, or reopened since it was listed). */
  forget(s: CaseSummary): Promise<void>;
  /** Drop the open row of a case that does not exist (its submit failed before the case was written). */
  drop(caseId: string): Promise<void>;
  /** Remove traces of cases closed before `cutoff` from the open view's bookkeeping; returns how many. */
  prune(cutoff: Date): Promise<number>;
}

export const isOpenStatus = (status: CaseStatus): boolean => status !== 'closed' && status !== 'withdrawn';

export type CaseView = 'mine' | 'open' | 'overdue';

const ORDER: Record<Urgency, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/**
 * The cases a coordinator sees in a view: `mine` (taken by them), `open` (everything open on their
 * targets), `overdue` (awaiting acknowledgement past the deadline). Most urgent first, then oldest.
 */
export function selectCases(
  all: readonly CaseSummary[],
  view: CaseView,
  viewer: { readonly aadObjectId: string; readonly targets: readonly string[] },
  isOverdue: (s: CaseSummary) => boolean,
): CaseSummary[] {
  const mine = (s: CaseSummary) => s.assignee?.toLowerCase() === viewer.aadObjectId.toLowerCase();
  const onMyTargets = (s: CaseSummary) => s.targets.some((t) => viewer.targets.includes(t));
  const chosen = all.filter((s) => (view === 'mine' ? mine(s) : view === 'open' ? onMyTargets(s) || mine(s) : onMyTargets(s) && isOverdue(s)));
  return chosen.sort((a, b) => ORDER[a.urgency] - ORDER[b.urgency] || a.createdAt.localeCompare(b.createdAt));
}
