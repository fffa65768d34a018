import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-log';
import type { Case } from './case';

/** One line of a case's trail: when, who (pseudonymous), what, and whether it was refused. */
export interface TrailLine {
  readonly at: string;
  readonly who: string;
  readonly what: string;
  readonly refused?: string;
}

/**
 * A stable pseudonym for a person's id ("p-3f9a2c1b"): the same person reads the same everywhere in
 * a trail, without the trail naming anyone. `reporter` and `system` stay as they are.
 */
export function pseudonym(id: string): string {
  if (id === 'reporter' || id === 'system' || id === 'unknown') return id;
  return `p-${createHash('sha256').update(id.toLowerCase()).digest('hex').slice(0, 8)}`;
}

/** The case's own history and the audit events about it (refusals too), oldest first. */
export function caseTrail(c: Case, events: readonly AuditEvent[]): TrailLine[] {
  // A decision to involve the regional coordinator shows the consent recorded with it (rule R2).
  const consentAt = (h: Case['history'][number]) => c.consultations?.find((x) => x.at === h.at && x.by === h.by)?.consent;
  const fromHistory = c.history.map((h) => {
    const consent = h.action === 'regionalConsulted' ? consentAt(h) : undefined;
    return { at: h.at, who: pseudonym(h.by), what: consent ? `${h.action} (consent: ${consent})` : h.action };
  });
  // Successful actions are already in the history; the audit log adds what was refused.
  const refusals = events
    .filter((e) => e.caseId === c.id && e.result === 'refused')
    .map((e) => ({ at: e.at, who: pseudonym(e.actor), what: e.action, refused: e.reason ?? 'refused' }));
  return [...fromHistory, ...refusals].sort((a, b) => a.at.localeCompare(b.at));
}

/** The days (YYYY-MM-DD, UTC) from the case's creation to `now`, newest last, at most `max`. */
export function daysOf(c: Pick<Case, 'createdAt'>, now: Date, max = 62): string[] {
  const days: string[] = [];
  for (let t = Date.parse(c.createdAt.slice(0, 10)); t <= now.getTime() && days.length < max; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Everything stored about a case, for a legal request: the case as it is (note, reporter ids, history, outcome). */
export function caseExport(c: Case): string {
  return JSON.stringify(c, null, 2);
}
