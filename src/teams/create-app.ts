import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage } from 'botbuilder';
import type { TeamsDeps } from './deps';
import { turnLocale, typedLanguage } from './turn-locale';
import { turnLogger } from './turn-context';
import type { AppTurnState } from './turn-state';
import { registerKnowledgeRoutes, type KnowledgeDeps } from './knowledge.routes';
import { registerForwardingRoutes, type ForwardingRouteDeps } from './forwarding.routes';
import { registerIntakeRoutes, type IntakeDeps } from './intake.routes';
import { registerStatusRoutes } from './status.routes';
import { registerStatisticsRoutes, type StatisticsRouteDeps } from './statistics.routes';
import { registerWelcomeRoutes } from './welcome.routes';
import { registerReviewRoutes, type ReviewRouteDeps } from './review.routes';
import type { CaseStore } from '../forwarding/case-store';

export interface CreateAppOptions {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly storage: Storage;
  /** Teams shows typing itself for slow turns; tests turn it off (it sends extra activities). */
  readonly startTypingTimer?: boolean;
}

/**
 * The teams-ai Application with every route. Routes are thin: they map an activity to a plain call
 * and render the result. The first matching route wins, so the catch-all message route is last.
 */
/** The capabilities the routes call into, built by the composition root. */
export interface Capabilities {
  readonly knowledge: KnowledgeDeps;
  readonly cases: CaseStore;
  readonly intake: IntakeDeps;
  readonly forwarding: ForwardingRouteDeps;
  readonly statistics?: StatisticsRouteDeps;
  /** "Reviewed, no change" on the monthly review reminders. */
  readonly review?: ReviewRouteDeps;
}

export function createApp(options: CreateAppOptions, deps: TeamsDeps, capabilities: Capabilities): Application<AppTurnState> {
  const app = new Application<AppTurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: options.storage,
    startTypingTimer: options.startTypingTimer ?? false,
    removeRecipientMention: true,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });

  // Guard every message before any route: oversized text is refused before it reaches storage.
  app.turn('beforeTurn', async (context, state) => {
    const a = context.activity;
    if (a.type !== (ActivityTypes.Message as string)) return true;
    const text = typeof a.text === 'string' ? a.text : '';
    if (text.length > deps.maxTextLength) {
      turnLogger(deps.logger, context).warn('message refused: text too long', { length: text.length });
      const t = deps.i18n.t(turnLocale(context, deps.defaultLocale, state));
      await context.sendActivity(t('common:input.tooLong', { max: deps.maxTextLength }));
      return false;
    }
    // The language the user writes in becomes the conversation's, for replies to cards and to words
    // both languages share ("status"). A report's answers do not change it: the report keeps its own.
    const typed = state.conversation.intake ? undefined : typedLanguage(context);
    if (typed && state.conversation.language !== typed) state.conversation.language = typed;
    return true;
  });

  // The report's typed-text interceptor needs the knowledge answerer, which is registered last.
  const knowledgeApi: Partial<ReturnType<typeof registerKnowledgeRoutes>> = {};
  registerIntakeRoutes(app, deps, capabilities.intake, () => {
    if (!knowledgeApi.answerTyped) throw new Error('knowledge routes not registered');
    return knowledgeApi.answerTyped;
  });
  registerWelcomeRoutes(app, deps);
  registerStatusRoutes(app, deps, capabilities.cases, capabilities.forwarding.service, capabilities.forwarding.clock);
  registerForwardingRoutes(app, deps, capabilities.forwarding);
  if (capabilities.statistics) registerStatisticsRoutes(app, deps, capabilities.statistics);
  if (capabilities.review) registerReviewRoutes(app, deps, capabilities.review);
  // Last: its message route takes every text the routes above did not.
  Object.assign(knowledgeApi, registerKnowledgeRoutes(app, deps, capabilities.knowledge));

  return app;
}
