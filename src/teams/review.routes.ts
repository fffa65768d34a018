import type { Application } from '@microsoft/teams-ai';
import { Verb } from '../cards/verbs';
import type { MarkReviewedOutcome } from '../jobs/review-reminders';
import { onCardSubmit } from './card-actions';
import { aadObjectIdOf } from './conversation-refs';
import type { TeamsDeps } from './deps';
import { turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';

/** What the review routes need: recording "Reviewed, no change" (checked, stored and audited there). */
export interface ReviewRouteDeps {
  markReviewed(actor: string | undefined, articleId: string, textHash: string): Promise<MarkReviewedOutcome>;
}

/** "Reviewed, no change" on a monthly review reminder. */
export function registerReviewRoutes(app: Application<AppTurnState>, deps: TeamsDeps, reviews: ReviewRouteDeps): void {
  onCardSubmit(app, deps, Verb.KnowledgeReviewed, async (context, state, { articleId, textHash }) => {
    const t = deps.i18n.t(turnLocale(context, deps.defaultLocale, state));
    const outcome = await reviews.markReviewed(await aadObjectIdOf(context), articleId, textHash);
    turnLogger(deps.logger, context).info('review reminder answered', { articleId, outcome: outcome.type });
    await context.sendActivity(outcome.type === 'recorded' ? t('knowledge:review.recorded', { title: outcome.title, dueOn: outcome.dueOn }) : t(`knowledge:review.${outcome.type}`));
  });
}
