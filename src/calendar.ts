import { DateTime } from 'luxon';

/** Days and months as people in `timeZone` count them (Europe/Stockholm in production). */

/** The day of an instant in `timeZone`, `2026-11-30`. */
export function dayIn(at: Date | string, timeZone: string): string {
  return DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone: timeZone }).toFormat('yyyy-MM-dd');
}

/**
 * The month of an instant in `timeZone`, `2026-11`.
 * @example monthIn('2026-11-30T23:30:00Z', 'Europe/Stockholm') === '2026-12'
 */
export function monthIn(at: Date | string, timeZone: string): string {
  return dayIn(at, timeZone).slice(0, 7);
}

/**
 * A day `months` later, on the same day of the month, or the month's last day when it has fewer.
 * @example addMonthsToDay('2025-01-31', 1) === '2025-02-28'
 */
export function addMonthsToDay(day: string, months: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ months }).toFormat('yyyy-MM-dd');
}
