/** Sends a card or a text to a Teams conversation (implemented at the edge with the bot adapter). */
export interface Deliverer {
  /** Post a new card; returns the id of the posted activity (to update it later). */
  sendCard(conversationRef: Readonly<Record<string, unknown>>, card: unknown): Promise<{ activityId: string }>;
  sendText(conversationRef: Readonly<Record<string, unknown>>, text: string): Promise<void>;
  /** Replace a card posted earlier (so every viewer sees the case as it is now). */
  updateCard(conversationRef: Readonly<Record<string, unknown>>, activityId: string, card: unknown): Promise<void>;
}

/** A delivery failure the outbox understands: whether to retry, and how long the channel asked to wait. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: 'THROTTLED' | 'CHANNEL_FAILED' | 'NOT_FOUND' | 'FORBIDDEN',
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }

  get retryable(): boolean {
    return this.code === 'THROTTLED' || this.code === 'CHANNEL_FAILED';
  }
}
