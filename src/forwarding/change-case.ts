import type { Case } from './case';
import { transition, type CaseAction, type TransitionResult } from './case-lifecycle';
import type { ForwardingService } from './forwarding-service';

/** Why the life cycle refused an action, with the case as it was then. */
export type CaseRefusal = { readonly reason: Extract<TransitionResult, { ok: false }>['reason']; readonly case: Case };

/** What became of an action on a case: the case after it (undefined: no such case), changed or not, refused or not. */
export interface CaseChange {
  readonly case: Case | undefined;
  readonly changed: boolean;
  readonly refused?: CaseRefusal;
}

/**
 * Apply one life-cycle action to a stored case (written with its ETag, re-applied when someone else
 * changed it meanwhile). `decorate` adds what the life cycle does not know (the taker's name on the card).
 * The caller audits the outcome and refreshes the cards (`ForwardingService.refreshCards`).
 */
export async function changeCase(
  service: Pick<ForwardingService, 'updateCase'>,
  caseId: string,
  action: CaseAction,
  by: string,
  now: Date,
  decorate: (c: Case) => Case = (c) => c,
): Promise<CaseChange> {
  let refused: CaseRefusal | undefined;
  let changed = false;
  const updated = await service.updateCase(caseId, (c) => {
    const r = transition(c, action, by, now);
    refused = r.ok ? undefined : { reason: r.reason, case: c };
    changed = r.ok && r.changed;
    return r.ok && r.changed ? decorate(r.case) : undefined;
  });
  return { case: updated, changed, ...(refused ? { refused } : {}) };
}
