import { isAppError } from './errors';

/**
 * How long to wait before retry number `attempt` (1-based): exponential and capped, with "equal
 * jitter" (half fixed, half random), so that retries spread out but the waits still grow: a run of
 * attempts always spans at least half the doubling series, whatever the dice say.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(cap / 2 + random() * (cap / 2));
}

export interface ConflictRetryOptions {
  /** Give up (rethrow the conflict) after this many tries. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * The one read-modify-write loop: run `attempt` (which reads, changes and writes with the ETag it
 * read) again while it loses a race (STORAGE_CONFLICT), with jittered backoff so that many writers
 * of one document spread out instead of colliding again in lockstep.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: ConflictRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isAppError(err, 'STORAGE_CONFLICT') || n >= attempts) throw err;
      const delay = backoffDelay(n, options.baseDelayMs ?? 10, options.maxDelayMs ?? 500);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
