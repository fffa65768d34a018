import { DateTime } from 'luxon';
import { monthIn } from '../calendar';

/** A calendar month in the configured time zone, `2026-11`. */
export type MonthId = string;
/** An ISO week in the configured time zone, `2026-W14`. */
export type WeekId = string;

/** Whole calendar months, both ends included. */
export interface Period {
  readonly from: MonthId;
  readonly to: MonthId;
}

/** What the card offers: the last 3, 6 or 12 months (this month included), or a from–to range of months. */
export const PERIOD_CHOICES = ['last3', 'last6', 'last12', 'range'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const DEFAULT_PERIOD_CHOICE: PeriodChoice = 'last6';
/** How far back the month choices go. */
export const MAX_MONTHS = 24;
/** The longest period one picture covers (a year of weeks still fits one chart). */
export const MAX_SPAN_MONTHS = 12;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthId(text: string): boolean {
  return MONTH.test(text);
}


/** `month` moved by `delta` months (negative goes back). */
export function addMonths(month: MonthId, delta: number): MonthId {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }).plus({ months: delta }).toFormat('yyyy-MM');
}

/** Every month of a period, oldest first. */
export function monthsOf(p: Period): MonthId[] {
  const out: MonthId[] = [];
  for (let m = p.from; m <= p.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The instants a period covers: from the first month's first midnight to the midnight after the last month, in `timeZone`. */
export function periodBounds(p: Period, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromFormat(p.from, 'yyyy-MM', { zone: timeZone }).startOf('month');
  const end = DateTime.fromFormat(p.to, 'yyyy-MM', { zone: timeZone }).startOf('month').plus({ months: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The ISO week of an instant, in `timeZone` (`2026-W01` may begin in December). */
export function isoWeekOf(at: Date, timeZone: string): WeekId {
  const d = DateTime.fromJSDate(at, { zone: timeZone });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

/**
 * The ISO weeks counted for a period: those whose Monday falls in it, so that a week is counted
 * in one period of whole months only (never split between two).
 */
export function weeksOf(p: Period, timeZone: string): WeekId[] {
  const { start, end } = periodBounds(p, timeZone);
  let monday = DateTime.fromJSDate(start, { zone: timeZone }).startOf('week');
  if (monday.toJSDate() < start) monday = monday.plus({ weeks: 1 });
  const out: WeekId[] = [];
  for (; monday.toJSDate() < end; monday = monday.plus({ weeks: 1 })) out.push(isoWeekOf(monday.toJSDate(), timeZone));
  return out;
}

/** The last `n` months up to and including the current one. */
export function lastMonths(n: number, now: Date, timeZone: string): Period {
  const to = monthIn(now, timeZone);
  return { from: addMonths(to, -(n - 1)), to };
}

/** The months a person may pick from, newest first (the current month and the `MAX_MONTHS - 1` before it). */
export function selectableMonths(now: Date, timeZone: string): MonthId[] {
  const current = monthIn(now, timeZone);
  return Array.from({ length: MAX_MONTHS }, (_, i) => addMonths(current, -i));
}

export type PeriodResult = { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly reasonKey: string };

/**
 * The period a person chose on the card. A range must be whole months from the selectable ones,
 * `from` not after `to`; anything else is refused with the reason's message key.
 * @example choosePeriod('last3', {}, new Date('2026-11-15'), 'Europe/Stockholm') → { from: '2026-09', to: '2026-11' }
 */
export function choosePeriod(choice: PeriodChoice, range: { from?: string; to?: string }, now: Date, timeZone: string): PeriodResult {
  switch (choice) {
    case 'last3':
      return { ok: true, period: lastMonths(3, now, timeZone) };
    case 'last6':
      return { ok: true, period: lastMonths(6, now, timeZone) };
    case 'last12':
      return { ok: true, period: lastMonths(12, now, timeZone) };
    case 'range': {
      const { from, to } = range;
      if (!from || !to || !isMonthId(from) || !isMonthId(to)) return { ok: false, reasonKey: 'statistics:period.rangeMissing' };
      const months = selectableMonths(now, timeZone);
      if (!months.includes(from) || !months.includes(to)) return { ok: false, reasonKey: 'statistics:period.outOfRange' };
      if (from > to) return { ok: false, reasonKey: 'statistics:period.reversed' };
      if (monthsOf({ from, to }).length > MAX_SPAN_MONTHS) return { ok: false, reasonKey: 'statistics:period.tooLong' };
      return { ok: true, period: { from, to } };
    }
  }
}
