import { levelSince, type Case, type CaseCategory, type Urgency } from './case';
import { DateTime } from 'luxon';
import { isRegionalTarget, type RoutingDirectory } from './routing-directory';
import { automaticLadder, deadlineUrgency } from './routing-rules';

/** How long each urgency may wait for an acknowledgement before the next person on the ladder gets it. */
export interface EscalationPolicy {
  /** Minutes, for P1 and P2. */
  readonly p1Minutes: number;
  readonly p2Minutes: number;
  /** P3: the next working day at this local time ("12:00"). P4 (a question handed to a coordinator) does not escalate. */
  readonly p3NextWorkingDayAt: string;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { p1Minutes: 15, p2Minutes: 240, p3NextWorkingDayAt: '12:00' };

/**
 * The ladder a case climbs: where it went first, then the deputy, then the next level (no repeats),
 * never a regional coordinator (rule R2, routing-rules.ts).
 */
export function ladderOf(c: Case, directory: RoutingDirectory): string[] {
  const r = c.routing;
  if (!r) return [];
  return automaticLadder(r, (t) => isRegionalTarget(directory, t));
}

/**
 * The deadline for an acknowledgement at the current level, or undefined (only a handed-off
 * question, P4, never escalates: rule U2).
 * @example deadline(P1 case sent at 22:00, policy) → 22:15
 */
export function deadlineOf(c: Case, policy: EscalationPolicy, directory: RoutingDirectory, timeZone: string): Date | undefined {
  return deadlineFrom(new Date(levelSince(c)), c.note.urgency, c.note.category, policy, directory, timeZone);
}

/** The acknowledgement deadline for a level reached at `from`; an incident note stored as P4 counts as P3 (U2). */
export function deadlineFrom(from: Date, stored: Urgency, category: CaseCategory, policy: EscalationPolicy, directory: RoutingDirectory, timeZone: string): Date | undefined {
  const urgency = deadlineUrgency(stored, category);
  switch (urgency) {
    case 'P1':
      return new Date(from.getTime() + policy.p1Minutes * 60_000);
    case 'P2':
      return new Date(from.getTime() + policy.p2Minutes * 60_000);
    case 'P3':
      return nextWorkingDayAt(from, policy.p3NextWorkingDayAt, directory, timeZone);
    case 'P4':
      return undefined;
  }
}

/** The first office day after `from` (in `timeZone`: weekdays of the directory, not a holiday), at `hhmm` local time. */
function nextWorkingDayAt(from: Date, hhmm: string, directory: RoutingDirectory, timeZone: string): Date {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  for (let i = 0; i < 30; i++) {
    day = day.plus({ days: 1 });
    const isWorkday = directory.officeHours.days.includes(DAYS[day.weekday - 1]!) && !directory.officeHours.holidays.includes(day.toISODate() ?? '');
    if (isWorkday) return day.set({ hour, minute }).toJSDate();
  }
  return day.set({ hour, minute }).toJSDate();
}

export type EscalationDecision = { readonly to: string; readonly deadline: Date } | undefined;

/**
 * Should this case go one step up the ladder now? Only an open case nobody has acknowledged, whose
 * deadline has passed, and that has a next step. Idempotent: once escalated, the new level's
 * deadline counts from the escalation, so the same deadline never escalates twice.
 */
export function escalationDue(c: Case, now: Date, policy: EscalationPolicy, directory: RoutingDirectory, timeZone: string): EscalationDecision {
  if (c.status !== 'received' && c.status !== 'delivered') return undefined;
  const deadline = deadlineOf(c, policy, directory, timeZone);
  if (!deadline || now.getTime() < deadline.getTime()) return undefined;
  const ladder = ladderOf(c, directory);
  const reached = c.routing?.targets ?? [];
  const next = ladder.find((t) => !reached.includes(t));
  return next ? { to: next, deadline } : undefined;
}
