/**
 * The durable outbox: one item per delivery (a case's card to one target), queued before the case
 * is stored. Items wait in a queue per urgency, so P1 is always taken before P4; an instance holds
 * an item while it works on it (invisible to the others), and an item whose holder died comes
 * back by itself. Finished items leave the queue; dead letters and items waiting for an unlinked
 * target are kept apart, where the hot path never reads them. The policy here is pure.
 */
import { backoffDelay } from '../retry';
import type { Urgency } from './case';

export interface OutboxItem {
  /** `<caseId>.<targetId>`: names the delivery (a case reaches each target once). */
  readonly id: string;
  readonly caseId: string;
  readonly targetId: string;
  /** Chooses the queue: the most urgent are taken first. */
  readonly urgency: Urgency;
  readonly createdAt: string;
  /** Failed sends so far (not counting waits for a case or a link, nor throttling). */
  readonly attempts: number;
  /** Sends Teams throttled (429) so far. */
  readonly throttles?: number;
  /** The last failure, as a code (never a message text). */
  readonly lastError?: string;
}

/** An item held by this instance: nobody else sees it until it is finished, released or the hold lapses. */
export interface HeldItem {
  readonly item: OutboxItem;
  /** The queue's id of this message: the same every time it is received (recognises a recovered send). */
  readonly messageId: string;
  /** How many times the queue has handed it out (a poison guard). */
  readonly dequeueCount: number;
}

export interface OutboxStore {
  /** Queue an item (visible at once, or after `delayMs`). */
  add(item: OutboxItem, delayMs?: number): Promise<void>;
  /** Up to `max` items that are due, the most urgent first; each is held for the store's hold time. */
  receive(max: number): Promise<HeldItem[]>;
  /** Keep holding an item while work on it runs. */
  extend(held: HeldItem): Promise<void>;
  /** Give it back, to be due again after `delayMs`, with its changed fields. */
  retryLater(held: HeldItem, item: OutboxItem, delayMs: number): Promise<void>;
  /** Stop holding it without a change (work on it failed): it comes back when the hold lapses. */
  abandon(held: HeldItem): void;
  /** Done: remove it. */
  complete(held: HeldItem): Promise<void>;
  /** Give up: keep it among the dead letters (listed and re-driven by administrators). */
  deadLetter(held: HeldItem, item: OutboxItem): Promise<void>;
  /** Keep it aside until its target is linked. */
  park(held: HeldItem, item: OutboxItem): Promise<void>;
  /** Queue again everything parked for `targetId`; returns how many. */
  unpark(targetId: string): Promise<number>;
  dead(): Promise<OutboxItem[]>;
  /** Queue a dead letter again with fresh attempts; false when there is no such dead letter. */
  redrive(id: string): Promise<boolean>;
}

export interface OutboxPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Deliveries worked at once by one instance. */
  readonly concurrency: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, concurrency: 8 };

/**
 * How long to wait before the next attempt: exponential backoff with full jitter, never sooner
 * than the channel's Retry-After (however long that is).
 * @example retryDelay(2, { retryAfterMs: 3000 }) ≥ 3000
 */
export function retryDelay(attempts: number, options: { retryAfterMs?: number; policy?: OutboxPolicy; random?: () => number } = {}): number {
  const policy = options.policy ?? DEFAULT_OUTBOX_POLICY;
  return Math.max(backoffDelay(attempts, policy.baseDelayMs, policy.maxDelayMs, options.random), options.retryAfterMs ?? 0, 200);
}

export function isExhausted(attempts: number, policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY): boolean {
  return attempts >= policy.maxAttempts;
}

export const URGENCY_ORDER: readonly Urgency[] = ['P1', 'P2', 'P3', 'P4'];

export function outboxItem(caseId: string, targetId: string, urgency: Urgency, now: Date): OutboxItem {
  return { id: `${caseId}.${targetId}`, caseId, targetId, urgency, createdAt: now.toISOString(), attempts: 0 };
}
