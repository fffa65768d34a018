/**
 * The small-numbers rule: a count below 5 is never shown, so that no single case can be recognised
 * from a picture or a file. It is shown as "< 5" instead (0 too: a shown 0 beside a hidden cell
 * would tell the hidden cell's value).
 */
export const SMALLEST_SHOWN = 5;

/**
 * A count as it may be shown: exactly (5 or more), as "< 5" (`fewer`), or as "≥ 5" (`hidden`: 5 or
 * more, hidden so that a "< 5" beside it cannot be worked out by subtracting from the total).
 */
export type ShownCount = { readonly kind: 'exact'; readonly n: number } | { readonly kind: 'fewer' } | { readonly kind: 'hidden' };

/** One cell of a breakdown (by month, by category…) as it may be shown. */
export interface Cell<K extends string> {
  readonly key: K;
  readonly shown: ShownCount;
}

/**
 * One count on its own (a total, a number of escalations).
 * @example showCount(3) → { kind: 'fewer' }; showCount(12) → { kind: 'exact', n: 12 }
 */
export function showCount(n: number): ShownCount {
  return n >= SMALLEST_SHOWN ? { kind: 'exact', n } : { kind: 'fewer' };
}

/**
 * The cells of one breakdown whose sum is the total shown beside it. Every count below 5 is shown as
 * "< 5" (primary suppression). When exactly one cell is below 5 and the total is 5 or more, the total
 * minus the other cells would give it away, so the smallest other cell is hidden too ("≥ 5";
 * secondary suppression). Two or more hidden cells only tell their sum, which is not one case's.
 * Which cell is hidden depends only on which cells are below 5 and the order of the others, never
 * on the hidden value.
 * @example protectBreakdown([{key:'a',n:10},{key:'b',n:2},{key:'c',n:7}]) → a exact 10, b fewer, c hidden
 */
export function protectBreakdown<K extends string>(cells: readonly { readonly key: K; readonly n: number }[]): Cell<K>[] {
  const total = cells.reduce((sum, c) => sum + c.n, 0);
  const fewer = cells.filter((c) => c.n < SMALLEST_SHOWN);
  let hide: K | undefined;
  if (fewer.length === 1 && total >= SMALLEST_SHOWN) {
    // The smallest of the others (the first of equals), which is at least 5 here.
    hide = cells.filter((c) => c.n >= SMALLEST_SHOWN).reduce((a, b) => (b.n < a.n ? b : a)).key;
  }
  return cells.map((c) => ({ key: c.key, shown: c.n < SMALLEST_SHOWN ? { kind: 'fewer' } : c.key === hide ? { kind: 'hidden' } : { kind: 'exact', n: c.n } }));
}

/** The number behind a shown count, or undefined when it must not be shown. */
export function exactValue(s: ShownCount): number | undefined {
  return s.kind === 'exact' ? s.n : undefined;
}
