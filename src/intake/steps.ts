import { isActive } from './conditions';
import type { FieldDef, FormDefinition } from './form-types';
import type { AskOutcome, ReviewItem, StepOutcome } from './intake-outcome';
import type { ReasonParams } from './reasons';
import type { IntakeSession } from './session';
import { URGENCY_RULES, urgencyOf } from './rules';

export type Step = { kind: 'field'; field: FieldDef } | { kind: 'review' };

/**
 * A 112 screen whose condition holds and that is not done, wherever it stands (its rule may have come
 * to hold through a later answer, review D1); else the first field whose condition holds and that is
 * not done; the review when none is left.
 */
export function currentStep(form: FormDefinition, session: IntakeSession): Step {
  const done = new Set(session.done);
  const pending = (f: FieldDef) => !done.has(f.id) && isActive(f, session.answers);
  const field = form.fields.find((f) => f.display === 'emergency' && pending(f)) ?? form.fields.find(pending);
  return field ? { kind: 'field', field } : { kind: 'review' };
}

/** Where "back" goes: the nearest editable, done field above the current step whose condition holds. */
export function previousStep(form: FormDefinition, session: IntakeSession, step: Step): FieldDef | undefined {
  const done = new Set(session.done);
  const end = step.kind === 'field' ? form.fields.indexOf(step.field) : form.fields.length;
  return form.fields
    .slice(0, end)
    .reverse()
    .find((f) => f.editable && done.has(f.id) && isActive(f, session.answers));
}

export function reviewItems(form: FormDefinition, session: IntakeSession): ReviewItem[] {
  return form.fields
    .filter((f) => isActive(f, session.answers))
    .map((f) => {
      const value = session.answers[f.id];
      return value === undefined ? { field: f, editable: f.editable } : { field: f, value, editable: f.editable };
    });
}

export interface StepExtras {
  /** Notices triggered by the answer just given (shown once per session). */
  readonly notices?: readonly string[];
  readonly reasonKey?: string;
  readonly reasonParams?: ReasonParams;
}

/** The outcome for where the session stands, with once-only notices marked as shown in the session. */
export function stepOutcome(form: FormDefinition, session: IntakeSession, extras: StepExtras = {}): StepOutcome {
  const step = currentStep(form, session);
  const wanted = [...(extras.notices ?? [])];
  if (step.kind === 'field' && step.field.noticeBefore !== undefined) wanted.push(step.field.noticeBefore);
  const fresh = [...new Set(wanted)].filter((n) => !session.noticesShown.includes(n) && form.notices[n] !== undefined);
  const s: IntakeSession = fresh.length > 0 ? { ...session, noticesShown: [...session.noticesShown, ...fresh] } : session;
  const reasonKey = extras.reasonKey === undefined ? {} : { reasonKey: extras.reasonKey };

  if (step.kind === 'review') {
    const notices = [...new Set([...fresh, ...form.reviewNotices])];
    return { type: 'review', session: s, items: reviewItems(form, s), urgency: urgencyOf(s.answers), notices, ...reasonKey };
  }
  const field = step.field;
  if (field.display === 'emergency') {
    const eventNumber = form.fields.find((f) => f.id === field.records?.eventNumber);
    const because = URGENCY_RULES.filter((r) => (r.id === 'G1' || r.id === 'D1') && r.holds(s.answers)).map((r) => r.id);
    return { type: 'emergency', session: s, step: field, ...(eventNumber ? { eventNumber } : {}), notices: fresh, because, ...reasonKey };
  }
  const current = s.answers[field.id];
  const ask: AskOutcome = {
    type: 'ask',
    session: s,
    step: field,
    attempt: s.attempts,
    ...reasonKey,
    ...(extras.reasonParams && extras.reasonKey !== undefined ? { reasonParams: extras.reasonParams } : {}),
    offerSkip: s.attempts >= 2 && !field.required,
    offerStop: s.attempts >= 2,
    notices: fresh,
    ...(current === undefined ? {} : { current }),
    canGoBack: previousStep(form, s, step) !== undefined,
  };
  return ask;
}
