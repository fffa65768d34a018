import { DateTime } from 'luxon';
import type { Translate } from '../cards/translate';
import type { MonthId, WeekId } from './period';
import type { ShownCount } from './small-counts';

/** How the card, the chart and the CSV write things: one place, so that all three say the same. */

/**
 * A count as text: the number, "< 5", or "≥ 5" (hidden beside a "< 5").
 * @example shownText({ kind: 'fewer' }, t) → '< 5'
 */
export function shownText(s: ShownCount, t: Translate): string {
  return s.kind === 'exact' ? String(s.n) : t(`statistics:count.${s.kind}`);
}

/** "jun 2026" / "Jun 2026". */
export function monthLabel(month: MonthId, locale: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC', locale }).toFormat('LLL yyyy');
}

/** "v. 14" / "W14" (the year is in the period). */
export function weekLabel(week: WeekId, t: Translate): string {
  return t('statistics:week', { week: Number(week.slice(week.indexOf('W') + 1)) });
}

/**
 * A duration as a coordinator reads it: "45 min", "3 h 20 min", "2 d 4 h" (rounded to whole minutes,
 * or whole hours from a day up).
 */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('statistics:duration.minutes', { m: minutes });
  if (minutes < 24 * 60) return minutes % 60 === 0 ? t('statistics:duration.wholeHours', { h: minutes / 60 }) : t('statistics:duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  const hours = Math.round(minutes / 60);
  return hours % 24 === 0 ? t('statistics:duration.wholeDays', { d: hours / 24 }) : t('statistics:duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}
