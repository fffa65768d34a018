import type { Condition, FieldDef, FormDefinition } from './form-types';
import type { AnswerValue, Answers } from './session';

/** Whether a condition holds for the answers; an unanswered field never satisfies one. */
export function conditionHolds(c: Condition, answers: Answers): boolean {
  const value: AnswerValue | undefined = answers[c.field];
  if (value === undefined) return false;
  if (c.equals !== undefined) return value === c.equals;
  if (c.in !== undefined) return typeof value === 'string' && c.in.includes(value);
  if (c.includes !== undefined) return Array.isArray(value) && c.includes.some((v) => value.includes(v));
  return false;
}

/** Whether a field is asked (and its answer kept) given the answers so far. */
export function isActive(field: FieldDef, answers: Answers): boolean {
  return field.when === undefined || conditionHolds(field.when, answers);
}

/**
 * Drop the answers (and done marks) of fields whose condition no longer holds. One pass in form order
 * is enough because conditions only refer to earlier fields.
 */
export function pruneInactive(form: FormDefinition, answers: Answers, done: readonly string[]): { answers: Answers; done: string[] } {
  const kept: Record<string, AnswerValue> = { ...answers };
  const inactive = new Set<string>();
  for (const f of form.fields) {
    if (isActive(f, kept)) continue;
    delete kept[f.id];
    inactive.add(f.id);
  }
  return { answers: kept, done: done.filter((id) => !inactive.has(id)) };
}
