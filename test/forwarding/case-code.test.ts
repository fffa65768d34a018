import { describe, expect, it } from 'vitest';
import { reporterStatusOf } from '../../src/forwarding/case';
import { newCaseCode, normalizeCaseCode } from '../../src/forwarding/case-code';

describe('case codes', () => {
  it('are K- and four characters without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(newCaseCode()).toMatch(/^K-[2-9A-HJKMNP-Z]{4}$/);
    expect(newCaseCode(() => 0)).toBe('K-2222');
  });

  it.each([
    ['K-7F3Q', 'K-7F3Q'],
    ['k7f3q', 'K-7F3Q'],
    [' k 7f3q ', 'K-7F3Q'],
    ['7F3Q', 'K-7F3Q'],
    ['K-7F3O', undefined],
    ['K-7F3', undefined],
    ['hello', undefined],
  ])('reads %j as %s', (text, code) => {
    expect(normalizeCaseCode(text)).toBe(code);
  });
});

describe('reporterStatusOf', () => {
  it.each([
    // Stored, but no card has reached a coordinator yet: the reporter is told it waits.
    ['received', 'waiting'],
    ['delivered', 'delivered'],
    ['acknowledged', 'acknowledged'],
    ['taken', 'acknowledged'],
    ['closed', 'closed'],
    ['withdrawn', 'withdrawn'],
  ] as const)('tells the reporter %s as %s and nothing more', (status, shown) => {
    expect(reporterStatusOf({ status })).toBe(shown);
  });

  it('counts a recorded delivery as delivered even if the status lags', () => {
    expect(reporterStatusOf({ status: 'received', deliveries: [{ targetId: 't', activityId: 'a', at: '2026-11-23T10:00:00Z' }] })).toBe('delivered');
  });
});
