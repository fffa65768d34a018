/** Sends a card or a text to a Teams conversation (implemented at the edge with the bot adapter). */
export interface Deliverer {
  /**
   * Post a new card; resolves to the id Teams gave the posted activity, or rejects with a
   * DeliveryError. A send that got no id is a failure, never a delivery.
   */
  sendCard(conversationRef: Readonly<Record<string, unknown>>, card: unknown): Promise<{ activityId: string }>;
  sendText(conversationRef: Readonly<Record<string, unknown>>, text: string): Promise<void>;
  /** Replace a card posted earlier (so every viewer sees the case as it is now). */
  updateCard(conversationRef: Readonly<Record<string, unknown>>, activityId: string, card: unknown): Promise<void>;
}

export type DeliveryErrorCode = 'THROTTLED' | 'CHANNEL_FAILED' | 'NOT_FOUND' | 'FORBIDDEN' | 'REFUSED' | 'NO_ACTIVITY_ID' | 'UNREACHABLE';

/** A delivery failure the outbox understands: whether to retry, and how long the channel asked to wait. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: DeliveryErrorCode,
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }

  /** Throttling, server errors and no answer at all pass; a refusal (400, 403, 404) will not. */
  get retryable(): boolean {
    return this.code === 'THROTTLED' || this.code === 'CHANNEL_FAILED' || this.code === 'NO_ACTIVITY_ID' || this.code === 'UNREACHABLE';
  }

  /**
   * The channel answered, so the card was certainly not posted. Without an answer (a timeout, a
   * dropped connection) it may have been.
   */
  get certainlyNotPosted(): boolean {
    return this.code !== 'UNREACHABLE' && this.code !== 'NO_ACTIVITY_ID';
  }
}
