import type { ReviewReminder } from '../knowledge/review-reminders';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { Verb } from './verbs';

export interface ReviewReminderLabels {
  readonly title: string;
  /** The lead line, with the number of routines. */
  readonly intro: (count: number) => string;
  /** The line under a routine's title: when it was last reviewed and when it fell due. */
  readonly lastReviewed: (date: string, dueOn: string) => string;
  /** "Reviewed, no change". */
  readonly reviewed: string;
  /** How to record a review that changes the text (publish a new version with a new date). */
  readonly howToChange: string;
  /** The line under a long list: how many routines are not on this card (they come next month). */
  readonly more: (count: number) => string;
}

/** A card lists at most this many routines (a Teams message holds about 28 KB); the rest come next month. */
export const MAX_ROUTINES_ON_CARD = 25;

/**
 * The monthly review reminder: each overdue routine with its last review and a "Reviewed, no
 * change" button that records a review of exactly the text listed (its hash goes with the button).
 * @example reviewReminderCard(reminder, labels).body[0].text === labels.title
 */
export function reviewReminderCard(reminder: ReviewReminder, labels: ReviewReminderLabels): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(labels.title, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    textBlock(labels.intro(reminder.routines.length)),
    ...reminder.routines.slice(0, MAX_ROUTINES_ON_CARD).map((r) => ({
      type: 'Container',
      separator: true,
      items: [
        textBlock(r.title, { weight: 'Bolder' }),
        textBlock(labels.lastReviewed(r.lastReviewed, r.dueOn), { size: 'Small', isSubtle: true, spacing: 'None' }),
        { type: 'ActionSet', actions: [submitAction(labels.reviewed, Verb.KnowledgeReviewed, { articleId: r.id, textHash: r.textHash })] },
      ],
    })),
    ...(reminder.routines.length > MAX_ROUTINES_ON_CARD ? [textBlock(labels.more(reminder.routines.length - MAX_ROUTINES_ON_CARD), { isSubtle: true })] : []),
    textBlock(labels.howToChange, { size: 'Small', isSubtle: true, separator: true }),
  ];
  const fallback = [labels.title, labels.intro(reminder.routines.length), ...reminder.routines.slice(0, MAX_ROUTINES_ON_CARD).map((r) => `${r.title}: ${labels.lastReviewed(r.lastReviewed, r.dueOn)}`)].join('\n');
  return adaptiveCard(body, [], fallback);
}
