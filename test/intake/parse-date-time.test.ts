import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, parseTypedDateTime, type DateWords } from '../../src/intake/parse-date-time';
import { labelsOf, NOW } from './support';

const WORDS: DateWords = { now: labelsOf('intake:words.now'), today: labelsOf('intake:words.today'), yesterday: labelsOf('intake:words.yesterday') };
const ZONE = 'Europe/Stockholm';
const r = (key: string) => ({ ok: false, reasonKey: `intake:reason.${key}` });
const at = (iso: string) => ({ ok: true, iso });

// NOW is Monday 23 November 2026, 22:30 in Stockholm (21:30 UTC, winter time).
describe('parseTypedDateTime', () => {
  it.each([
    ['nu', at('2026-11-23T21:30:00Z')],
    ['Now', at('2026-11-23T21:30:00Z')],
    ['just nu', at('2026-11-23T21:30:00Z')],
    ['idag 22:00', at('2026-11-23T21:00:00Z')],
    ['i dag 22.00', at('2026-11-23T21:00:00Z')],
    ['today 22:30', at('2026-11-23T21:30:00Z')],
    ['idag 22:34', at('2026-11-23T21:34:00Z')],
    ['idag 22:36', r('dateInFuture')],
    ['igår 23:10', at('2026-11-22T22:10:00Z')],
    ['Igar 23:10', at('2026-11-22T22:10:00Z')],
    ['i går kl 23.10', at('2026-11-22T22:10:00Z')],
    ['yesterday 23:10', at('2026-11-22T22:10:00Z')],
    ['22:30', at('2026-11-23T21:30:00Z')],
    ['kl 21', at('2026-11-23T20:00:00Z')],
    ['23:10', at('2026-11-22T22:10:00Z')],
    ['2026-11-22 21:00', at('2026-11-22T20:00:00Z')],
    ['2026-11-22T21:00', at('2026-11-22T20:00:00Z')],
    ['2026-07-01 12:00', at('2026-07-01T10:00:00Z')],
    ['22/11 21:00', at('2026-11-22T20:00:00Z')],
    ['22/11/2026 21:00', at('2026-11-22T20:00:00Z')],
    ['24/11 10:00', r('dateInFuture')],
    ['2026-11-24 10:00', r('dateInFuture')],
    ['2025-11-22 21:00', r('dateTooOld')],
    ['22/11/25 21:00', r('dateTooOld')],
    ['31/02 21:00', r('dateFormat')],
    ['2026-11-22 25:00', r('dateFormat')],
    ['idag', r('dateFormat')],
    ['22', r('dateFormat')],
    ['i förrgår', r('dateFormat')],
    ['', r('dateFormat')],
  ])('"%s"', (text, expected) => {
    expect(parseTypedDateTime(text, NOW, ZONE, WORDS)).toEqual(expected);
  });

  it('reads a later month without a year as last year (5 January → 22 December)', () => {
    expect(parseTypedDateTime('22/12 21:00', new Date('2027-01-05T12:00:00Z'), ZONE, WORDS)).toEqual(at('2026-12-22T20:00:00Z'));
  });
});

describe('parseIsoDateTime', () => {
  it.each([
    ['2026-11-23T22:00', at('2026-11-23T21:00:00Z')],
    ['2026-11-23T22:00:00+01:00', at('2026-11-23T21:00:00Z')],
    ['2026-11-23T21:00:00.000Z', at('2026-11-23T21:00:00Z')],
    ['2026-11-23', r('dateFormat')],
    ['yesterday', r('dateFormat')],
    ['2026-13-01T10:00', r('dateFormat')],
    ['2026-11-24T10:00', r('dateInFuture')],
  ])('"%s"', (value, expected) => {
    expect(parseIsoDateTime(value, NOW, ZONE)).toEqual(expected);
  });
});
