import { describe, expect, it } from 'vitest';
import { protectBreakdown, showCount, type ShownCount } from '../../src/statistics/small-counts';

const shown = (cells: ReturnType<typeof protectBreakdown>) => cells.map((c) => (c.shown.kind === 'exact' ? c.shown.n : c.shown.kind === 'fewer' ? '<5' : '>=5'));

describe('showCount', () => {
  it.each<[number, ShownCount]>([
    [0, { kind: 'fewer' }],
    [1, { kind: 'fewer' }],
    [4, { kind: 'fewer' }],
    [5, { kind: 'exact', n: 5 }],
    [123, { kind: 'exact', n: 123 }],
  ])('shows %i as %j', (n, expected) => {
    expect(showCount(n)).toEqual(expected);
  });
});

describe('protectBreakdown', () => {
  const cases: { name: string; counts: number[]; expected: (number | string)[] }[] = [
    { name: 'shows every count of 5 or more as it is', counts: [5, 12, 7], expected: [5, 12, 7] },
    { name: 'shows counts below 5, zero too, as "< 5"', counts: [0, 3, 4], expected: ['<5', '<5', '<5'] },
    { name: 'hides the smallest other cell when one cell alone is below 5 (else total minus the rest tells it)', counts: [10, 2, 7], expected: [10, '<5', '>=5'] },
    { name: 'hides the first of two equal smallest cells', counts: [6, 9, 6, 1], expected: ['>=5', 9, 6, '<5'] },
    { name: 'hides one cell beside a lone zero as well (a zero is not shown either)', counts: [20, 0, 30], expected: ['>=5', '<5', 30] },
    { name: 'needs no second cell when two are below 5 (only their sum can be worked out)', counts: [10, 2, 3, 7], expected: [10, '<5', '<5', 7] },
    { name: 'needs no second cell when the total is below 5 too', counts: [1, 2, 0], expected: ['<5', '<5', '<5'] },
    { name: 'a single cell is the total', counts: [3], expected: ['<5'] },
    { name: 'a breakdown of nothing', counts: [], expected: [] },
  ];
  it.each(cases)('$name', ({ counts, expected }) => {
    expect(shown(protectBreakdown(counts.map((n, i) => ({ key: `k${i}`, n }))))).toEqual(expected);
  });

  it('never lets a count below 5 be worked out from the total and the other cells, whatever the counts', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 500; round++) {
      const counts = Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * (random() < 0.5 ? 6 : 30)));
      const cells = protectBreakdown(counts.map((n, i) => ({ key: `k${i}`, n })));
      const total = counts.reduce((a, b) => a + b, 0);
      cells.forEach((c, i) => {
        if (c.shown.kind === 'exact') expect(c.shown.n).toBe(counts[i]);
        if (c.shown.kind === 'exact') expect(c.shown.n).toBeGreaterThanOrEqual(5);
      });
      // With the total shown, the cells not shown exactly must never be a single one.
      if (total >= 5) expect(cells.filter((c) => c.shown.kind !== 'exact').length).not.toBe(1);
    }
  });
});
