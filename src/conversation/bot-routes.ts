import { caseTurns, type CaseTurnDeps } from '../forwarding/case-turns';
import type { CaseStore } from '../forwarding/case-store';
import { statusTurns } from '../forwarding/status-turns';
import { intakeTurns, type IntakeTurnDeps } from '../intake/intake-turns';
import { knowledgeTurns, type KnowledgeTurnDeps } from '../knowledge/knowledge-turns';
import { reviewTurns, type ReviewTurnDeps } from '../knowledge/review-turns';
import { statisticsTurns, type StatisticsTurnDeps } from '../statistics/statistics-turns';
import { messageGuard } from './message-guard';
import type { TurnDeps } from './turn-deps';
import type { TurnRoutes } from './turn-routes';
import { welcome, welcomeRoutes } from './welcome-turns';

/** The capabilities the handlers call into, built by the composition root. */
export interface Capabilities {
  readonly knowledge: KnowledgeTurnDeps;
  readonly cases: CaseStore;
  readonly intake: IntakeTurnDeps;
  readonly forwarding: CaseTurnDeps;
  readonly statistics?: StatisticsTurnDeps;
  /** "Reviewed, no change" on the monthly review reminders. */
  readonly review?: ReviewTurnDeps;
}

/**
 * The one route table of the bot: which message and which card verb goes to which handler, in the
 * order they are tried (the first match wins, so the knowledge base's catch-all is last). Plain
 * TypeScript: the Teams edge (teams/teams-app.ts) only registers it with teams-ai.
 */
export function botRoutes(deps: TurnDeps, maxTextLength: number, capabilities: Capabilities): TurnRoutes {
  const knowledge = knowledgeTurns(deps, capabilities.knowledge);
  // A routine question typed in the middle of a report is answered by the knowledge base, then the report goes on.
  const intake = intakeTurns(deps, capabilities.intake, knowledge.answerTyped);
  return {
    beforeMessage: [messageGuard(deps, maxTextLength), intake.beforeMessage],
    botAdded: welcome(deps),
    routes: [
      ...intake.routes,
      ...welcomeRoutes(deps),
      ...statusTurns(deps, { cases: capabilities.cases, forwarding: capabilities.forwarding.service, clock: capabilities.forwarding.clock }),
      ...caseTurns(deps, capabilities.forwarding),
      ...(capabilities.statistics ? statisticsTurns(deps, capabilities.statistics) : []),
      ...(capabilities.review ? reviewTurns(deps, capabilities.review) : []),
      ...knowledge.routes,
    ],
    otherMessage: knowledge.otherMessage,
  };
}
