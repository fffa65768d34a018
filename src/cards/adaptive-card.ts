/** The small part of the Adaptive Card schema we build (1.5, what Teams renders today). */
export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  /** Shown by clients that cannot render the card. */
  fallbackText?: string;
  speak?: string;
  msteams?: { width?: 'Full' };
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

export function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** An Action.Submit whose data carries our verb; teams-ai routes it with `actionSubmitFilter: 'verb'`. */
export function submitAction(title: string, verb: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'Action.Submit', title, data: { verb, ...data }, ...extra };
}
