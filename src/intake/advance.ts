import { DateTime } from 'luxon';
import { conditionHolds, evaluationOrder, isActive, pruneInactive } from './conditions';
import type { FieldDef, FormDefinition } from './form-types';
import type { IntakeCommand, IntakeContext, IntakeInput, IntakeOutcome, StepOutcome } from './intake-outcome';
import { normalizeForMatch } from './normalize-text';
import { parseTypedAnswer } from './parse-typed-answer';
import { COMMAND_WORDS, KEYS, REASON, type ReasonParams } from './reasons';
import { createSession, type AnswerValue, type IntakeSession } from './session';
import { currentStep, previousStep, stepOutcome, type Step } from './steps';
import { categoryOf, urgencyOf } from './rules';
import { validateAnswers } from './validate-note';
import { validateValue } from './validate-value';

export type { IntakeCommand, IntakeContext, IntakeInput, IntakeOutcome } from './intake-outcome';

type SessionInput = Exclude<IntakeInput, { kind: 'start' }>;

/**
 * The guided dialog as a pure state machine: one input in, one outcome out. The session is plain
 * JSON; nothing here renders text (outcomes carry i18n keys) or throws for user input.
 * @example advance(form, undefined, { kind: 'start', practice: false }, ctx) → { type: 'ask', step: immediate_danger, … }
 */
export function advance(form: FormDefinition, stored: IntakeSession | undefined, input: IntakeInput, ctx: IntakeContext): IntakeOutcome {
  if (input.kind === 'start') {
    const notices = input.practice && form.notices.practice ? ['practice'] : [];
    const session = createSession(form, input.practice, ctx.now);
    return stepOutcome(form, { ...session, answers: prefilled(form, input.prefill ?? {}) }, { notices });
  }
  if (!stored) return rejected(undefined, REASON.noSession);
  const session = stored.formId === form.id && form.upgradesFrom.includes(stored.formVersion) ? upgraded(form, stored, ctx) : stored;
  if (session.formId !== form.id || session.formVersion !== form.version) return rejected(session, REASON.formChanged);
  if (input.kind !== 'text' && input.revision !== undefined && input.revision !== session.revision) return rejected(session, REASON.stale);
  return session.cancelPending ? whileCancelPending(form, session, input, ctx) : handle(form, session, input, ctx);
}

/** Where a stored session stands (after a restart, a question in between, or a rejected input). */
export function resume(form: FormDefinition, session: IntakeSession, ctx?: IntakeContext): StepOutcome {
  const current = ctx && session.formId === form.id && form.upgradesFrom.includes(session.formVersion) ? upgraded(form, session, ctx) : session;
  return stepOutcome(form, current);
}

/**
 * A draft of an earlier version of the form, carried over: every answer is checked again against
 * this version (a retired option or a field that is gone is dropped, and its question asked again),
 * and the questions this version adds are asked where they stand. Nothing the reporter typed that
 * still fits is lost.
 */
function upgraded(form: FormDefinition, session: IntakeSession, ctx: IntakeContext): IntakeSession {
  const answers: Record<string, AnswerValue> = {};
  for (const field of evaluationOrder(form)) {
    const value = session.answers[field.id];
    if (value === undefined) continue;
    const check = validateValue(field, value, answers, ctx);
    if (check.ok && check.value !== undefined) answers[field.id] = check.value;
  }
  const ids = new Set(form.fields.map((f) => f.id));
  // Done stays done only where the answer is still there, or where none was needed (a skipped optional question).
  const done = session.done.filter((id) => ids.has(id) && (answers[id] !== undefined || (session.answers[id] === undefined && !form.fields.find((f) => f.id === id)?.required)));
  const pruned = pruneInactive(form, answers, done);
  return { ...session, formVersion: form.version, answers: pruned.answers, done: pruned.done };
}

function whileCancelPending(form: FormDefinition, session: IntakeSession, input: SessionInput, ctx: IntakeContext): IntakeOutcome {
  const command = input.kind === 'command' ? input.command : input.kind === 'text' ? typedCommand(input.text, ctx) : undefined;
  const typed = input.kind === 'text' ? normalizeForMatch(input.text) : '';
  const saysYes = input.kind === 'text' && ctx.labelsOf(KEYS.wordsYes).some((w) => normalizeForMatch(w) === typed);
  const saysNo = input.kind === 'text' && ctx.labelsOf(KEYS.wordsNo).some((w) => normalizeForMatch(w) === typed);
  if (command === 'confirmCancel' || saysYes) return { type: 'cancelled', practice: session.practice };
  if (command === 'cancel') return { type: 'confirmCancel', session: touch(session, ctx) };
  const resumed = touch({ ...session, cancelPending: false }, ctx);
  if (command === 'keepGoing' || saysNo) return stepOutcome(form, resumed);
  // Anything else means the user went on: drop the question and handle the input as usual.
  const outcome = handle(form, resumed, input, ctx);
  return outcome.type === 'rejected' ? { ...outcome, session } : outcome;
}

function handle(form: FormDefinition, session: IntakeSession, input: SessionInput, ctx: IntakeContext): IntakeOutcome {
  const step = currentStep(form, session);
  if (step.kind === 'field' && step.field.display === 'emergency') return atEmergency(form, session, step.field, input, ctx);
  switch (input.kind) {
    case 'answer': {
      const field = fieldById(form, input.fieldId);
      if (!field) return rejected(session, REASON.unknownField);
      if (step.kind !== 'field' || step.field.id !== field.id) return rejected(session, REASON.notCurrentStep);
      const check = validateValue(field, input.value, session.answers, ctx);
      if (!check.ok) return check.malformed ? rejected(session, check.reasonKey, check.params) : askAgain(form, session, ctx, check.reasonKey, check.params);
      return commit(form, session, field, check.value, ctx);
    }
    case 'text':
      return onText(form, session, step, input.text, ctx);
    case 'command':
      return onCommand(form, session, step, input.command, ctx);
    case 'edit': {
      if (step.kind !== 'review') return rejected(session, REASON.notInReview);
      const field = fieldById(form, input.fieldId);
      if (!field) return rejected(session, REASON.unknownField);
      if (!field.editable || !isActive(field, session.answers)) return rejected(session, REASON.notEditable);
      return stepOutcome(form, moved(session, session.done.filter((id) => id !== field.id), ctx));
    }
    case 'emergency':
      return rejected(session, REASON.notCurrentStep);
  }
}

function onText(form: FormDefinition, session: IntakeSession, step: Step, text: string, ctx: IntakeContext): IntakeOutcome {
  const command = typedCommand(text, ctx);
  if (command) return onCommand(form, session, step, command, ctx);
  if (step.kind === 'review') return stepOutcome(form, touch(session, ctx), { reasonKey: REASON.useReviewActions });
  const typed = parseTypedAnswer(step.field, text, ctx);
  if (typed.kind === 'skip') return commit(form, session, step.field, undefined, ctx);
  if (typed.kind === 'invalid') return askAgain(form, session, ctx, typed.reasonKey, typed.params);
  const check = validateValue(step.field, typed.value, session.answers, ctx);
  if (!check.ok) return askAgain(form, session, ctx, check.reasonKey, check.params);
  return commit(form, session, step.field, check.value, ctx);
}

function onCommand(form: FormDefinition, session: IntakeSession, step: Step, command: IntakeCommand, ctx: IntakeContext): IntakeOutcome {
  switch (command) {
    case 'back': {
      const previous = previousStep(form, session, step);
      if (!previous) return rejected(session, REASON.atFirstStep);
      return stepOutcome(form, moved(session, session.done.filter((id) => id !== previous.id), ctx));
    }
    case 'skip':
      if (step.kind === 'review') return rejected(session, REASON.notCurrentStep);
      if (step.field.required) return rejected(session, REASON.cannotSkipRequired);
      return commit(form, session, step.field, undefined, ctx);
    case 'cancel':
      return { type: 'confirmCancel', session: touch({ ...session, cancelPending: true }, ctx) };
    case 'confirmCancel':
      return rejected(session, REASON.nothingToConfirm);
    case 'keepGoing':
      return stepOutcome(form, touch(session, ctx));
    case 'help': {
      const touched = touch(session, ctx);
      const helpKey = step.kind === 'review' ? KEYS.helpReview : (step.field.helpKey ?? KEYS.helpGeneral);
      return { type: 'help', session: touched, helpKey, then: stepOutcome(form, touched) };
    }
    case 'review':
      return toReview(form, session, step, ctx);
    case 'submit':
      return submit(form, session, step, ctx);
  }
}

/** Jump to the review when every required field is answered; the optional ones left count as skipped. */
function toReview(form: FormDefinition, session: IntakeSession, step: Step, ctx: IntakeContext): IntakeOutcome {
  if (step.kind === 'review') return stepOutcome(form, touch(session, ctx));
  const done = new Set(session.done);
  const pending = form.fields.filter((f) => !done.has(f.id) && isActive(f, session.answers));
  if (pending.some((f) => f.required && session.answers[f.id] === undefined)) return rejected(session, REASON.reviewNotYet);
  return stepOutcome(form, moved(session, [...session.done, ...pending.map((f) => f.id)], ctx));
}

/** Validate the whole note again (the one-card rules) and hand it over, or ask the first field that fails. */
function submit(form: FormDefinition, session: IntakeSession, step: Step, ctx: IntakeContext): IntakeOutcome {
  if (step.kind !== 'review') return rejected(session, REASON.notInReview);
  const result = validateAnswers(form, session.answers, ctx);
  if (!result.ok) {
    const first = result.errors[0]!;
    const next = moved(session, session.done.filter((id) => id !== first.fieldId), ctx);
    return stepOutcome(form, next, first.params ? { reasonKey: first.reasonKey, reasonParams: first.params } : { reasonKey: first.reasonKey });
  }
  const note = {
    formId: form.id,
    formVersion: form.version,
    practice: session.practice,
    startedAt: session.startedAt,
    submittedAt: ctx.now.toISOString(),
    urgency: urgencyOf(result.answers),
    category: categoryOf(result.answers),
    answers: result.answers,
  };
  return { type: 'submitted', note };
}

/**
 * The 112 screen: only "112 called" or "not needed after all" moves on (a card's emergency input,
 * the field's own answer, or the option typed). Anything else shows the screen again, unchanged.
 */
function atEmergency(form: FormDefinition, session: IntakeSession, field: FieldDef, input: SessionInput, ctx: IntakeContext): IntakeOutcome {
  if (input.kind === 'emergency') return resolveEmergency(form, session, field, input.outcome === 'called' ? 'yes' : 'no', input.eventNumber, true, ctx);
  if (input.kind === 'answer' && input.fieldId === field.id && (input.value === 'yes' || input.value === 'no')) {
    return resolveEmergency(form, session, field, input.value, undefined, true, ctx);
  }
  if (input.kind === 'text') {
    // At this gate only a whole label or listed word counts: no option numbers or prefixes, so
    // "ring" or "1" is never recorded as "112 called".
    const typed = normalizeForMatch(input.text);
    const option = (field.options ?? []).find((o) =>
      [...ctx.labelsOf(o.labelKey), ...(o.wordsKey ? ctx.labelsOf(o.wordsKey) : [])].map(normalizeForMatch).includes(typed),
    );
    if (option) return resolveEmergency(form, session, field, option.value, undefined, false, ctx);
  }
  // A frightened reporter may still stop (with confirmation) or ask for help; nothing else moves on.
  const command = input.kind === 'command' ? input.command : input.kind === 'text' ? typedCommand(input.text, ctx) : undefined;
  if (command === 'cancel') return { type: 'confirmCancel', session: touch({ ...session, cancelPending: true }, ctx) };
  if (command === 'help' && field.helpKey) return { type: 'help', session, helpKey: field.helpKey, then: stepOutcome(form, session) };
  return stepOutcome(form, session, { reasonKey: REASON.emergencyFirst });
}

/**
 * Record the call outcome, its time, and the event number if given. From a card the event number
 * input was on screen, so an empty one counts as skipped; typed, it is asked next as usual.
 */
function resolveEmergency(
  form: FormDefinition,
  session: IntakeSession,
  field: FieldDef,
  value: string,
  eventNumber: string | undefined,
  fromCard: boolean,
  ctx: IntakeContext,
): IntakeOutcome {
  const answers: Record<string, AnswerValue> = { ...session.answers, [field.id]: value };
  const done = [...session.done, field.id];
  const timeField = fieldById(form, field.records?.time);
  if (timeField && isActive(timeField, answers)) {
    answers[timeField.id] = DateTime.fromJSDate(ctx.now).toUTC().toISO({ suppressMilliseconds: true }) ?? ctx.now.toISOString();
    done.push(timeField.id);
  }
  const numberField = fieldById(form, field.records?.eventNumber);
  if (numberField && isActive(numberField, answers)) {
    const check = validateValue(numberField, eventNumber, answers, ctx);
    if (!check.ok) return rejected(session, check.reasonKey, check.params);
    if (check.value !== undefined) answers[numberField.id] = check.value;
    if (fromCard || answers[numberField.id] !== undefined) done.push(numberField.id);
  }
  return progress(form, session, field, answers, done, ctx);
}

/** Store an answer (undefined: skipped) to the current field and move on. */
function commit(form: FormDefinition, session: IntakeSession, field: FieldDef, value: AnswerValue | undefined, ctx: IntakeContext): StepOutcome {
  const answers: Record<string, AnswerValue> = { ...session.answers };
  if (value === undefined) delete answers[field.id];
  else answers[field.id] = value;
  return progress(form, session, field, answers, [...session.done, field.id], ctx);
}

/** Re-evaluate conditions (answers of fields that no longer apply are dropped) and show the next step. */
function progress(form: FormDefinition, session: IntakeSession, field: FieldDef, answers: Record<string, AnswerValue>, done: string[], ctx: IntakeContext): StepOutcome {
  const pruned = pruneInactive(form, answers, [...new Set(done)]);
  const next = moved({ ...session, answers: pruned.answers }, pruned.done, ctx);
  const after = field.noticeAfter;
  const notices = after && conditionHolds(after.when, next.answers) ? [after.notice] : [];
  return stepOutcome(form, next, { notices });
}

function askAgain(form: FormDefinition, session: IntakeSession, ctx: IntakeContext, reasonKey: string, reasonParams?: ReasonParams): StepOutcome {
  return stepOutcome(form, touch({ ...session, attempts: session.attempts + 1 }, ctx), reasonParams ? { reasonKey, reasonParams } : { reasonKey });
}

/** A new current step: new done list, attempts reset, revision up. */
function moved(session: IntakeSession, done: readonly string[], ctx: IntakeContext): IntakeSession {
  return touch({ ...session, done: [...done], attempts: 0, revision: session.revision + 1 }, ctx);
}

function touch(session: IntakeSession, ctx: IntakeContext): IntakeSession {
  return { ...session, updatedAt: ctx.now.toISOString() };
}

function typedCommand(text: string, ctx: IntakeContext): IntakeCommand | undefined {
  const norm = normalizeForMatch(text);
  const found = Object.entries(COMMAND_WORDS).find(([, key]) => ctx.labelsOf(key).some((w) => normalizeForMatch(w) === norm));
  return found?.[0] as IntakeCommand | undefined;
}

function fieldById(form: FormDefinition, id: string | undefined): FieldDef | undefined {
  return id === undefined ? undefined : form.fields.find((f) => f.id === id);
}

function rejected(session: IntakeSession | undefined, reasonKey: string, reasonParams?: ReasonParams): IntakeOutcome {
  return reasonParams ? { type: 'rejected', reasonKey, reasonParams, session } : { type: 'rejected', reasonKey, session };
}

/**
 * Proposed answers kept for text fields only, cut to the field's length. They are not marked done:
 * the dialog still asks each one, with the proposal filled in, so the reporter reviews it.
 */
function prefilled(form: FormDefinition, prefill: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(prefill)) {
    const field = fieldById(form, id);
    const text = value.trim();
    if (field?.type === 'text' && text) out[id] = text.slice(0, field.maxLength ?? text.length);
  }
  return out;
}
