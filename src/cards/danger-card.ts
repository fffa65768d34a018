import { adaptiveCard, textBlock, type AdaptiveCard } from './adaptive-card';

export interface DangerLabels {
  /** "Call 112 now" */
  readonly title: string;
  /** Call 112, do not intervene, your own safety first. */
  readonly message: string;
}

/**
 * The 112 card: shown first, before any routine, when a message describes someone in danger now.
 * No buttons: nothing should stand between the reader and the phone.
 */
export function dangerCard(labels: DangerLabels): AdaptiveCard {
  return adaptiveCard(
    [textBlock(labels.title, { size: 'ExtraLarge', weight: 'Bolder', color: 'Attention', style: 'heading' }), textBlock(labels.message, { weight: 'Bolder' })],
    [],
    `${labels.title}\n${labels.message}`,
  );
}
