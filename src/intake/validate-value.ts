import type { FieldDef, FieldOption } from './form-types';
import { parseIsoDateTime } from './parse-date-time';
import { REASON, type ReasonParams } from './reasons';
import type { AnswerValue, Answers } from './session';

export interface ValueContext {
  readonly now: Date;
  readonly timeZone: string;
}

/**
 * `value` undefined means no answer (allowed only for optional fields). `malformed` marks what a
 * card could not have sent (wrong type, a value outside the choices, text over maxLength): the
 * engine refuses such input unchanged, while other reasons ask again.
 */
export type ValueCheck =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; reasonKey: string; params?: ReasonParams; malformed: boolean };

const PHONE = /^\+?[0-9 ()-]+$/;
/** A required free-text answer needs at least this many letters: emoji, digits or punctuation alone say nothing. */
export const MIN_LETTERS = 3;
const LETTER = /\p{L}/gu;
/** A card's "now" button sends this instead of a date-time. */
const NOW = 'now';

/**
 * Check one already-typed value (as a card sends it) against its field and return it as stored:
 * text trimmed, multi-choice in option order, date-times as ISO UTC. Numbers may come as numeric
 * strings, multi-choice as a comma-separated string (as Adaptive Card inputs send them), and a
 * date-time as the literal `now`.
 */
export function validateValue(field: FieldDef, raw: unknown, answers: Answers, ctx: ValueContext): ValueCheck {
  if (isEmpty(raw)) return field.required ? fail(REASON.required, false) : { ok: true, value: undefined };
  switch (field.type) {
    case 'text':
      return checkText(field, raw);
    case 'choice':
    case 'yesNoUnsure':
      if (typeof raw !== 'string') return fail(REASON.wrongType, true);
      return offered(field).some((o) => o.value === raw) ? { ok: true, value: raw } : fail(REASON.notAnOption, true);
    case 'multiChoice':
      return checkMulti(field, raw);
    case 'number':
      return checkNumber(field, raw);
    case 'dateTime':
      return checkDateTime(field, raw, answers, ctx);
  }
}

function checkText(field: FieldDef, raw: unknown): ValueCheck {
  if (typeof raw !== 'string') return fail(REASON.wrongType, true);
  const text = raw.trim();
  const max = field.maxLength ?? 0;
  if (text.length > max) return fail(REASON.tooLong, true, { max });
  if (field.format === 'phone') {
    const digits = text.replace(/\D/g, '').length;
    if (!PHONE.test(text) || digits < 7 || digits > 15) return fail(REASON.phone, false);
  } else if (field.required && (text.match(LETTER)?.length ?? 0) < MIN_LETTERS) {
    return fail(REASON.tooFewLetters, false, { min: MIN_LETTERS });
  }
  return { ok: true, value: text };
}

function checkMulti(field: FieldDef, raw: unknown): ValueCheck {
  const list = typeof raw === 'string' ? raw.split(',').map((v) => v.trim()).filter((v) => v !== '') : raw;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string')) return fail(REASON.wrongType, true);
  const options = offered(field);
  if (!list.every((v) => options.some((o) => o.value === v))) return fail(REASON.notAnOption, true);
  return { ok: true, value: options.filter((o) => list.includes(o.value)).map((o) => o.value) };
}

function checkNumber(field: FieldDef, raw: unknown): ValueCheck {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return fail(REASON.wrongType, true);
  if (!Number.isInteger(n)) return fail(REASON.wholeNumber, false);
  const min = field.min ?? Number.MIN_SAFE_INTEGER;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  if (n < min || n > max) return fail(REASON.numberRange, false, { min, max });
  return { ok: true, value: n };
}

function checkDateTime(field: FieldDef, raw: unknown, answers: Answers, ctx: ValueContext): ValueCheck {
  if (typeof raw !== 'string') return fail(REASON.wrongType, true);
  const value = raw.trim() === NOW ? ctx.now.toISOString() : raw.trim();
  const parsed = parseIsoDateTime(value, ctx.now, ctx.timeZone);
  if (!parsed.ok) return fail(parsed.reasonKey, parsed.reasonKey === REASON.dateFormat);
  const start = field.notBefore === undefined ? undefined : answers[field.notBefore];
  if (typeof start === 'string' && Date.parse(parsed.iso) < Date.parse(start)) return fail(REASON.endBeforeStart, false);
  return { ok: true, value: parsed.iso };
}

/** The options a new answer may take: a retired option is only shown for older notes. */
export function offered(field: FieldDef): readonly FieldOption[] {
  return (field.options ?? []).filter((o) => !o.retired);
}

/** No answer: undefined, null, blank text or an empty list. */
export function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

function fail(reasonKey: string, malformed: boolean, params?: ReasonParams): ValueCheck {
  return params ? { ok: false, reasonKey, params, malformed } : { ok: false, reasonKey, malformed };
}
