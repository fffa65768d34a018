import type { Audience } from './article';

/**
 * Routines the bot reaches for by id, whatever the search says, so every knowledge base must hold
 * them (validation refuses one that does not, at start-up and on publish).
 */
export const FIRST_ROUTINES = {
  /** A possible child with an adult now (content-review D1): 112 and the orosanmälan steps. */
  child: { partner: 'child-may-be-involved', staff: 'children-and-young-people', coordinator: 'children-and-young-people' },
  /** What to do now, for someone describing danger or a situation nothing else fits. */
  whatToDoNow: { partner: 'what-to-do-partner', staff: 'acute-protection', coordinator: 'coordinator-triage' },
} as const satisfies Record<string, Record<Audience, string>>;
