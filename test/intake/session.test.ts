import { describe, expect, it } from 'vitest';
import { createSession, isExpired } from '../../src/intake/session';
import { FORM } from './support';

const HOUR = 3_600_000;

describe('isExpired', () => {
  const session = { ...createSession(FORM, false, new Date('2026-11-23T08:00:00Z')), updatedAt: '2026-11-23T10:00:00.000Z' };
  it.each([
    ['just touched', '2026-11-23T10:00:00Z', false],
    ['within the time to live', '2026-11-24T09:59:59Z', false],
    ['exactly at the limit', '2026-11-24T10:00:00Z', false],
    ['idle for longer than the time to live', '2026-11-24T10:00:01Z', true],
  ])('%s', (_name, now, expired) => {
    expect(isExpired(session, new Date(now), 24 * HOUR)).toBe(expired);
  });

  it('counts from the last change, not from the start', () => {
    expect(isExpired(session, new Date('2026-11-24T09:00:00Z'), 24 * HOUR)).toBe(false);
  });
});
