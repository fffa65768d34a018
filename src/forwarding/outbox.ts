/**
 * The durable outbox: a case is stored first, then one outbox item per delivery. Any instance may
 * claim a due item (a blob lease), deliver it, and complete it. The policy here is pure.
 */
export interface OutboxItem {
  /** Unique per case and target: `<caseId>.<targetId>`; also the delivery's idempotency key. */
  readonly id: string;
  readonly caseId: string;
  readonly targetId: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  /** Set right after a successful send, before completing: a retry then only finishes the bookkeeping. */
  readonly sentActivityId?: string;
  readonly status: 'pending' | 'dead';
  /** The last failure, as a code (never a message text). */
  readonly lastError?: string;
}

export interface OutboxPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * When to try again: exponential backoff with full jitter, and never sooner than the channel's
 * Retry-After.
 * @example nextAttemptAt(2, now, { retryAfterMs: 3000 }) ≥ now + 3 s
 */
export function nextAttemptAt(
  attempts: number,
  now: Date,
  options: { retryAfterMs?: number; policy?: OutboxPolicy; random?: () => number } = {},
): Date {
  const policy = options.policy ?? DEFAULT_OUTBOX_POLICY;
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor((options.random ?? Math.random)() * cap);
  return new Date(now.getTime() + Math.max(jittered, options.retryAfterMs ?? 0, 200));
}

export function isExhausted(attempts: number, policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY): boolean {
  return attempts >= policy.maxAttempts;
}

/** A claimed item: only its holder may change or complete it. */
export interface OutboxClaim {
  readonly item: OutboxItem;
  release(): Promise<void>;
}

export interface OutboxStore {
  /** Add an item; adding the same id twice keeps the first (create-only). */
  add(item: OutboxItem): Promise<void>;
  /** Pending items whose time has come. */
  due(now: Date): Promise<OutboxItem[]>;
  /** Every pending item, due or not. */
  pending(): Promise<OutboxItem[]>;
  /** Claim an item for delivery, or undefined if another instance holds it. */
  claim(id: string): Promise<OutboxClaim | undefined>;
  /** Save a change to a claimed item. */
  update(claim: OutboxClaim, item: OutboxItem): Promise<void>;
  /** Remove a delivered item. */
  complete(claim: OutboxClaim): Promise<void>;
}
