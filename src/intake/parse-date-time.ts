import { DateTime } from 'luxon';
import { normalizeForMatch } from './normalize-text';
import { REASON } from './reasons';

/** A time up to this far ahead counts as now (clocks differ, people round up). */
export const FUTURE_TOLERANCE_MINUTES = 5;
/** Observations older than this are refused: a note is about something recent. */
export const MAX_AGE_YEARS = 1;

/** The words for now, today and yesterday, in every language (from the locale via labelsOf). */
export interface DateWords {
  readonly now: readonly string[];
  readonly today: readonly string[];
  readonly yesterday: readonly string[];
}

export type DateTimeResult =
  | { ok: true; iso: string }
  | { ok: false; reasonKey: typeof REASON.dateFormat | typeof REASON.dateInFuture | typeof REASON.dateTooOld };

const TIME = /^(\d{1,2})[:.](\d{2})$/;
const HOUR = /^(\d{1,2})$/;
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\s+)(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})$/;
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?,?\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})$/;
const ISO_WITH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Read a typed date-time in the user's time zone and return it as ISO UTC. Accepts "nu"/"now",
 * "idag 22:30", "igår 23:10", "22:30" (today, or yesterday if today's would be in the future),
 * "kl 22", "2026-11-22 21:00" and "22/11 21:00" (this year, or last year for a later month).
 * @example parseTypedDateTime('igår 23:10', now, 'Europe/Stockholm', words) → { ok: true, iso: '2026-11-22T22:10:00Z' }
 */
export function parseTypedDateTime(text: string, now: Date, zone: string, words: DateWords): DateTimeResult {
  const local = DateTime.fromJSDate(now, { zone });
  let rest = normalizeForMatch(text);
  if (matchesWord(rest, words.now)) return checkRange(local, now);

  let day: 'today' | 'yesterday' | undefined;
  for (const [kind, list] of [['yesterday', words.yesterday], ['today', words.today]] as const) {
    const word = leadingWord(rest, list);
    if (word !== undefined && day === undefined) {
      day = kind;
      rest = rest.slice(word.length).trim();
    }
  }
  const hadKl = /^kl\b\.?/.test(rest);
  rest = rest.replace(/^kl\b\.?\s*/, '');

  const time = TIME.exec(rest) ?? (hadKl ? HOUR.exec(rest) : null);
  if (time) {
    const base = day === 'yesterday' ? local.minus({ days: 1 }) : local;
    const at = build(base.year, base.month, base.day, time[1], time[2], zone);
    if (!at) return { ok: false, reasonKey: REASON.dateFormat };
    const guessed = day === undefined && isFuture(at, now) ? at.minus({ days: 1 }) : at;
    return checkRange(guessed, now);
  }
  if (day !== undefined) return { ok: false, reasonKey: REASON.dateFormat };

  const iso = ISO_LIKE.exec(rest);
  if (iso) {
    const at = build(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5], zone);
    return at ? checkRange(at, now) : { ok: false, reasonKey: REASON.dateFormat };
  }
  const dm = DAY_MONTH.exec(rest);
  if (dm) {
    const month = Number(dm[2]);
    const year = dm[3] === undefined ? local.year : dm[3].length === 2 ? 2000 + Number(dm[3]) : Number(dm[3]);
    const at = build(year, month, Number(dm[1]), dm[4], dm[5], zone);
    if (!at) return { ok: false, reasonKey: REASON.dateFormat };
    const lastYear = dm[3] === undefined && isFuture(at, now) && month > local.month;
    return checkRange(lastYear ? at.minus({ years: 1 }) : at, now);
  }
  return { ok: false, reasonKey: REASON.dateFormat };
}

/**
 * Check an ISO date-time from a card (a local time without offset is read in `zone`) and return it as ISO UTC.
 * @example parseIsoDateTime('2026-11-22T21:00', now, 'Europe/Stockholm') → { ok: true, iso: '2026-11-22T20:00:00Z' }
 */
export function parseIsoDateTime(value: string, now: Date, zone: string): DateTimeResult {
  if (!ISO_WITH_TIME.test(value)) return { ok: false, reasonKey: REASON.dateFormat };
  const at = DateTime.fromISO(value, { zone });
  return at.isValid ? checkRange(at, now) : { ok: false, reasonKey: REASON.dateFormat };
}

function checkRange(at: DateTime, now: Date): DateTimeResult {
  if (isFuture(at, now)) return { ok: false, reasonKey: REASON.dateInFuture };
  if (at < DateTime.fromJSDate(now).minus({ years: MAX_AGE_YEARS })) return { ok: false, reasonKey: REASON.dateTooOld };
  return { ok: true, iso: at.toUTC().toISO({ suppressMilliseconds: true }) ?? '' };
}

function isFuture(at: DateTime, now: Date): boolean {
  return at.toMillis() > now.getTime() + FUTURE_TOLERANCE_MINUTES * 60_000;
}

function build(year: number, month: number, day: number, hour: string | undefined, minute: string | undefined, zone: string): DateTime | undefined {
  const at = DateTime.fromObject({ year, month, day, hour: Number(hour), minute: Number(minute ?? 0) }, { zone });
  return at.isValid ? at : undefined;
}

function matchesWord(text: string, list: readonly string[]): boolean {
  return list.some((w) => normalizeForMatch(w) === text);
}

/** The longest word of `list` that `text` starts with (as a whole word). */
function leadingWord(text: string, list: readonly string[]): string | undefined {
  return list
    .map(normalizeForMatch)
    .filter((w) => w.length > 0 && (text === w || text.startsWith(`${w} `)))
    .sort((a, b) => b.length - a.length)[0];
}
