import type { FieldDef, FieldOption } from './form-types';
import { normalizeForMatch } from './normalize-text';
import { parseTypedDateTime } from './parse-date-time';
import { KEYS, REASON, type ReasonParams } from './reasons';
import { offered } from './validate-value';

export interface TypedContext {
  readonly now: Date;
  readonly timeZone: string;
  /** Every language's text for a key (labels, or all words of a word list). */
  labelsOf(key: string): string[];
}

/** A typed message read against one field: a candidate value (still to be validated), a skip, or why not. */
export type TypedAnswer =
  | { kind: 'value'; value: unknown }
  | { kind: 'skip' }
  | { kind: 'invalid'; reasonKey: string; params?: ReasonParams };

const NUMBER = /^(?:ca|cirka|circa|about|around|approx|~)?\.?\s*(\d{1,6})$/;
const NUMBER_LIST = /^\d+(?:[\s,;]+\d+)*$/;

/**
 * Read chat text as an answer to `field`: choices by number or label in any language, several
 * choices as "1, 3" or labels separated by commas, yes/no/unsure words, numbers, and date-times
 * (see parseTypedDateTime). "None" words skip an optional field.
 * @example parseTypedAnswer(siteArea, 'Korridor', ctx) → { kind: 'value', value: 'corridor' }
 */
export function parseTypedAnswer(field: FieldDef, text: string, ctx: TypedContext): TypedAnswer {
  const norm = normalizeForMatch(text);
  const skippable = !field.required && ctx.labelsOf(KEYS.wordsNone).some((w) => normalizeForMatch(w) === norm);
  switch (field.type) {
    case 'text':
      return skippable ? { kind: 'skip' } : { kind: 'value', value: text };
    case 'choice':
    case 'yesNoUnsure': {
      const option = matchOption(offered(field), norm, ctx);
      if (option) return { kind: 'value', value: option.value };
      return skippable ? { kind: 'skip' } : notUnderstood(field);
    }
    case 'multiChoice': {
      const values = matchMany(offered(field), norm, ctx);
      if (values) return { kind: 'value', value: values };
      return skippable ? { kind: 'skip' } : notUnderstood(field);
    }
    case 'number': {
      const m = NUMBER.exec(norm);
      if (m) return { kind: 'value', value: Number(m[1]) };
      return skippable ? { kind: 'skip' } : { kind: 'invalid', reasonKey: REASON.notANumber };
    }
    case 'dateTime': {
      if (skippable) return { kind: 'skip' };
      const words = { now: ctx.labelsOf(KEYS.wordsNow), today: ctx.labelsOf(KEYS.wordsToday), yesterday: ctx.labelsOf(KEYS.wordsYesterday) };
      const parsed = parseTypedDateTime(text, ctx.now, ctx.timeZone, words);
      return parsed.ok ? { kind: 'value', value: parsed.iso } : { kind: 'invalid', reasonKey: parsed.reasonKey };
    }
  }
}

/**
 * The option a normalized text picks: its number (1-based), its label or one of its words in any
 * language, or else the only option whose label starts with the text (at least 3 letters).
 */
export function matchOption(options: readonly FieldOption[], norm: string, ctx: Pick<TypedContext, 'labelsOf'>): FieldOption | undefined {
  if (/^\d+$/.test(norm)) return options[Number(norm) - 1];
  const candidates = (o: FieldOption) => [...ctx.labelsOf(o.labelKey), ...(o.wordsKey ? ctx.labelsOf(o.wordsKey) : [])].map(normalizeForMatch);
  const exact = options.find((o) => candidates(o).includes(norm));
  if (exact || norm.length < 3) return exact;
  const prefixed = options.filter((o) => candidates(o).some((c) => c.startsWith(norm)));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

function matchMany(options: readonly FieldOption[], norm: string, ctx: TypedContext): string[] | undefined {
  const whole = NUMBER_LIST.test(norm) ? undefined : matchOption(options, norm, ctx);
  if (whole) return [whole.value];
  const parts = NUMBER_LIST.test(norm) ? norm.split(/[\s,;]+/) : norm.split(/[,;]/).map((p) => p.trim());
  const picked = parts.filter((p) => p !== '').map((p) => matchOption(options, p, ctx));
  if (picked.length === 0 || picked.some((o) => o === undefined)) return undefined;
  return options.filter((o) => picked.includes(o)).map((o) => o.value);
}

function notUnderstood(field: FieldDef): TypedAnswer {
  return { kind: 'invalid', reasonKey: REASON.notUnderstood, params: { count: offered(field).length } };
}
