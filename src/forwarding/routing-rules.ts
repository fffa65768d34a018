import type { CaseCategory, Urgency } from './case';

/**
 * The routing rules, named as in the content review (../shared/content-review.md, 2026-11-30,
 * section 5 "Routing" and D6) and domain.md D, each with its source. The routing directory says who
 * the targets are; these rules say which of them a case reaches, and when.
 */

/**
 * R1: out of office hours, a P1 or a note that may concern a child goes first to the out-of-hours
 * target, not to the office-hours channel (where a child would wait 240 minutes per level).
 * Source: content-review §5 R1; domain.md D "Out-of-hours rule" (children → the local socialjour route).
 */
export function goesOutOfHoursFirst(urgency: Urgency, category: CaseCategory): boolean {
  return urgency === 'P1' || category === 'possibleMinor';
}

/**
 * R2/D6: the automatic ladder is the first target, the deputy and the next level, which is the
 * municipality's own on-call person; a regional coordinator is never on it. The regional coordinator
 * is reached only when a coordinator chooses to, with the victim's consent recorded (case content
 * goes there only with consent).
 * Source: content-review §2 D6 and §5 R2; NSPM manual, acute protection (consent before case
 * contact with the regional coordinator, domain.md S8); domain.md D Level 2a.
 */
export function automaticLadder(routing: { readonly targets: readonly string[]; readonly primary: string; readonly deputy: string; readonly next: string }, isRegional: (targetId: string) => boolean): string[] {
  return [...new Set([routing.targets[0] ?? routing.primary, routing.deputy, routing.next])].filter((t) => !isRegional(t));
}

/**
 * U2 for deadlines: the urgency whose acknowledgement deadline applies. Only a question handed to a
 * coordinator has none (P4); an incident note stored as P4 before rule U2 counts as P3, so every
 * submitted note escalates. Source: content-review §5 U2.
 */
export function deadlineUrgency(urgency: Urgency, category: CaseCategory): Urgency {
  return urgency === 'P4' && category !== 'question' ? 'P3' : urgency;
}

/** The consent a coordinator records before involving the regional coordinator (R2). */
export const CONSENTS = ['yes', 'no', 'notAsked'] as const;
export type Consent = (typeof CONSENTS)[number];

/** R2: case content goes to the regional coordinator only with the victim's consent; without it, general advice only and nothing is sent. */
export function mayShareWithRegional(consent: Consent): boolean {
  return consent === 'yes';
}
