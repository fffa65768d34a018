import type { Condition, FieldDef, FormDefinition } from './form-types';
import { FORM_RULES } from './rules';
import type { AnswerValue, Answers } from './session';

/** Whether a condition holds for the answers; an unanswered field never satisfies one, an unknown rule never holds. */
export function conditionHolds(c: Condition, answers: Answers): boolean {
  if (c.rule !== undefined) return FORM_RULES[c.rule]?.holds(answers) ?? false;
  if (c.field === undefined) return false;
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

/** The fields a field's condition and `notBefore` read. */
export function dependenciesOf(field: FieldDef): string[] {
  const c = field.when;
  const read = c === undefined ? [] : c.rule !== undefined ? [...(FORM_RULES[c.rule]?.reads ?? [])] : c.field !== undefined ? [c.field] : [];
  return field.notBefore === undefined ? read : [...read, field.notBefore];
}

const ORDERS = new WeakMap<FormDefinition, readonly FieldDef[]>();

/**
 * The fields in an order where each comes after the fields it depends on, otherwise in form order:
 * the form order itself, except that a 112 screen whose rule reads later answers moves after them.
 * (check-form-definition refuses cycles.)
 */
export function evaluationOrder(form: FormDefinition): readonly FieldDef[] {
  const cached = ORDERS.get(form);
  if (cached) return cached;
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const order: FieldDef[] = [];
  const visiting = new Set<string>();
  const place = (f: FieldDef) => {
    if (placed.has(f.id) || visiting.has(f.id)) return;
    visiting.add(f.id);
    for (const dep of dependenciesOf(f)) {
      const d = byId.get(dep);
      if (d) place(d);
    }
    visiting.delete(f.id);
    placed.add(f.id);
    order.push(f);
  };
  form.fields.forEach(place);
  ORDERS.set(form, order);
  return order;
}

/**
 * Drop the answers (and done marks) of fields whose condition no longer holds. One pass is enough
 * because the fields are visited after the fields their conditions read (evaluationOrder).
 */
export function pruneInactive(form: FormDefinition, answers: Answers, done: readonly string[]): { answers: Answers; done: string[] } {
  const kept: Record<string, AnswerValue> = { ...answers };
  const inactive = new Set<string>();
  for (const f of evaluationOrder(form)) {
    if (isActive(f, kept)) continue;
    delete kept[f.id];
    inactive.add(f.id);
  }
  return { answers: kept, done: done.filter((id) => !inactive.has(id)) };
}
