import { Verb } from '../cards/verbs';
import type { TurnDeps } from '../conversation/turn-deps';
import { onCardSubmit, type TurnRoute } from '../conversation/turn-routes';
import type { MarkReviewedOutcome } from '../jobs/review-reminders';

/** What the review reply needs: recording "Reviewed, no change" (checked, stored and audited there). */
export interface ReviewTurnDeps {
  markReviewed(actor: string | undefined, articleId: string, textHash: string): Promise<MarkReviewedOutcome>;
}

/** "Reviewed, no change" on a monthly review reminder. */
export function reviewTurns(deps: TurnDeps, reviews: ReviewTurnDeps): TurnRoute[] {
  return [
    onCardSubmit(deps, Verb.KnowledgeReviewed, async (turn, { articleId, textHash }) => {
      const t = deps.i18n.t(turn.locale);
      const outcome = await reviews.markReviewed(await turn.aadObjectId(), articleId, textHash);
      turn.log.info('review reminder answered', { articleId, outcome: outcome.type });
      await turn.send({ text: outcome.type === 'recorded' ? t('knowledge:review.recorded', { title: outcome.title, dueOn: outcome.dueOn }) : t(`knowledge:review.${outcome.type}`) });
    }),
  ];
}
