import { monthIn } from '../../src/calendar';
import { describe, expect, it } from 'vitest';
import { choosePeriod, isoWeekOf, lastMonths, monthsOf, periodBounds, selectableMonths, weeksOf } from '../../src/statistics/period';

const TZ = 'Europe/Stockholm';
const now = new Date('2026-11-15T12:00:00Z');

describe('periods', () => {
  it.each([
    { name: 'last 3 months include this one', choice: 'last3' as const, range: {}, expected: { from: '2026-09', to: '2026-11' } },
    { name: 'last 6 months', choice: 'last6' as const, range: {}, expected: { from: '2026-06', to: '2026-11' } },
    { name: 'last 12 months reach into last year', choice: 'last12' as const, range: {}, expected: { from: '2025-12', to: '2026-11' } },
    { name: 'an own period', choice: 'range' as const, range: { from: '2026-01', to: '2026-03' }, expected: { from: '2026-01', to: '2026-03' } },
    { name: 'an own period of one month', choice: 'range' as const, range: { from: '2026-05', to: '2026-05' }, expected: { from: '2026-05', to: '2026-05' } },
  ])('$name', ({ choice, range, expected }) => {
    expect(choosePeriod(choice, range, now, TZ)).toEqual({ ok: true, period: expected });
  });

  it.each([
    { name: 'a missing month', range: { from: '2026-01' }, reasonKey: 'statistics:period.rangeMissing' },
    { name: 'not a month', range: { from: '2026-13', to: '2026-14' }, reasonKey: 'statistics:period.rangeMissing' },
    { name: 'from after to', range: { from: '2026-05', to: '2026-02' }, reasonKey: 'statistics:period.reversed' },
    { name: 'a month in the future', range: { from: '2026-10', to: '2026-12' }, reasonKey: 'statistics:period.outOfRange' },
    { name: 'a month more than 24 months back', range: { from: '2024-10', to: '2024-12' }, reasonKey: 'statistics:period.outOfRange' },
    { name: 'longer than 12 months', range: { from: '2025-01', to: '2026-02' }, reasonKey: 'statistics:period.tooLong' },
  ])('refuses $name', ({ range, reasonKey }) => {
    expect(choosePeriod('range', range, now, TZ)).toEqual({ ok: false, reasonKey });
  });

  it('counts months in the configured time zone (midnight on 1 December in Stockholm is still November in UTC)', () => {
    expect(monthIn('2026-11-30T23:30:00Z', TZ)).toBe('2026-12');
    expect(monthIn('2026-11-30T23:30:00Z', 'UTC')).toBe('2026-11');
    expect(periodBounds({ from: '2026-03', to: '2026-03' }, TZ)).toEqual({ start: new Date('2026-02-28T23:00:00Z'), end: new Date('2026-03-31T22:00:00Z') });
  });

  it('lists the months of a period and the months one may choose', () => {
    expect(monthsOf(lastMonths(3, now, TZ))).toEqual(['2026-09', '2026-10', '2026-11']);
    const choices = selectableMonths(now, TZ);
    expect(choices).toHaveLength(24);
    expect([choices[0], choices[23]]).toEqual(['2026-11', '2024-12']);
  });

  it('counts a week in the period its Monday falls in, across a new year', () => {
    expect(isoWeekOf(new Date('2026-01-01T12:00:00Z'), TZ)).toBe('2026-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), TZ)).toBe('2026-W53');
    // December 2025: Monday 1 December (W49) to Monday 29 December (W01 of 2026).
    expect(weeksOf({ from: '2025-12', to: '2025-12' }, TZ)).toEqual(['2025-W49', '2025-W50', '2025-W51', '2025-W52', '2026-W01']);
    // January 2026 starts on a Thursday: its first Monday is 5 January (W02).
    expect(weeksOf({ from: '2026-01', to: '2026-01' }, TZ)[0]).toBe('2026-W02');
  });
});
