import { SMALLEST_SHOWN, showCount, type ShownCount } from './small-counts';

/**
 * The p-th percentile (0..1) of some values, interpolated linearly between the two nearest ranks
 * (the method of Excel's PERCENTILE.INC and numpy's default): the median of 1, 2, 3, 4 is 2.5.
 * @example percentile([10, 20, 30, 40, 50], 0.9) → 46
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError('p must be from 0 to 1');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/** How long something took, over the cases where it happened (milliseconds). */
export interface DurationSummary {
  /** How many cases it is computed over (shown by the small-numbers rule). */
  readonly count: ShownCount;
  /** Only when there are at least 5 cases: fewer, and a median could be one case's own time. */
  readonly medianMs?: number;
  readonly p90Ms?: number;
}

/** Median and 90th percentile of durations, when there are enough of them to show. */
export function summarizeDurations(durationsMs: readonly number[]): DurationSummary {
  const count = showCount(durationsMs.length);
  if (durationsMs.length < SMALLEST_SHOWN) return { count };
  return { count, medianMs: percentile(durationsMs, 0.5), p90Ms: percentile(durationsMs, 0.9) };
}
