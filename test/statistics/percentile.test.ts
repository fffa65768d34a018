import { describe, expect, it } from 'vitest';
import { percentile, summarizeDurations } from '../../src/statistics/percentile';

describe('percentile', () => {
  it.each([
    { name: 'median of an odd count is the middle value', values: [5, 1, 3], p: 0.5, expected: 3 },
    { name: 'median of an even count is between the middle two', values: [4, 1, 3, 2], p: 0.5, expected: 2.5 },
    { name: '90th percentile interpolates between ranks', values: [10, 20, 30, 40, 50], p: 0.9, expected: 46 },
    { name: '90th percentile of ten values', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, expected: 9.1 },
    { name: 'one value is every percentile', values: [42], p: 0.9, expected: 42 },
    { name: 'p = 0 is the smallest', values: [9, 3, 7], p: 0, expected: 3 },
    { name: 'p = 1 is the largest', values: [9, 3, 7], p: 1, expected: 9 },
    { name: 'ties', values: [2, 2, 2, 2, 8], p: 0.5, expected: 2 },
  ])('$name', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('refuses no values and a p outside 0..1', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
});

describe('summarizeDurations', () => {
  it('gives no median or 90th percentile for fewer than 5 durations (one of them could be a single case)', () => {
    expect(summarizeDurations([1, 2, 3, 4])).toEqual({ count: { kind: 'fewer' } });
    expect(summarizeDurations([])).toEqual({ count: { kind: 'fewer' } });
  });
  it('gives both from 5 durations on', () => {
    expect(summarizeDurations([50, 10, 40, 20, 30])).toEqual({ count: { kind: 'exact', n: 5 }, medianMs: 30, p90Ms: 46 });
  });
});
