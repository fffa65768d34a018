import { evaluationOrder, isActive } from './conditions';
import type { FormDefinition } from './form-types';
import type { ReasonParams } from './reasons';
import type { AnswerValue, Answers } from './session';
import { isEmpty, validateValue, type ValueContext } from './validate-value';

export interface FieldError {
  readonly fieldId: string;
  readonly reasonKey: string;
  readonly params?: ReasonParams;
}

export type NoteValidation = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

/**
 * Validate a whole note at once: the one-card form, and the review before submit. Fields are read
 * after the fields their conditions read (evaluationOrder), so conditions see those answers; values
 * of fields whose condition does not hold are dropped, and keys that are not fields are ignored.
 * Answers and errors come back in form order. The 112 screen's time defaults to now when the call
 * outcome is given without it.
 * @example validateAnswers(form, { immediate_danger: 'yes', … }, ctx) → { ok: false, errors: [{ fieldId: 'emergency_call_made', reasonKey: 'intake:reason.required' }] }
 */
export function validateAnswers(form: FormDefinition, values: Readonly<Record<string, unknown>>, ctx: ValueContext): NoteValidation {
  const input: Record<string, unknown> = { ...values };
  const answers: Record<string, AnswerValue> = {};
  const errors: FieldError[] = [];
  for (const field of evaluationOrder(form)) {
    if (!isActive(field, answers)) continue;
    const check = validateValue(field, input[field.id], answers, ctx);
    if (!check.ok) {
      errors.push(check.params ? { fieldId: field.id, reasonKey: check.reasonKey, params: check.params } : { fieldId: field.id, reasonKey: check.reasonKey });
      continue;
    }
    if (check.value === undefined) continue;
    answers[field.id] = check.value;
    const timeField = field.display === 'emergency' ? field.records?.time : undefined;
    if (timeField !== undefined && isEmpty(input[timeField])) input[timeField] = ctx.now.toISOString();
  }
  const position = new Map(form.fields.map((f, i) => [f.id, i]));
  const inFormOrder = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
  errors.sort((a, b) => (position.get(a.fieldId) ?? 0) - (position.get(b.fieldId) ?? 0));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: inFormOrder };
}
