/*
 * Intake: guided incident notes. Owns the form definition (YAML, validated), the pure dialog engine
 * (`advance`), whole-note validation for the one-card form, urgency and category. The engine speaks
 * i18n keys, never sentences; its handlers (intake-turns.ts) render them for a plain turn. Must not
 * import botbuilder, @microsoft/teams-ai, restify, @azure/* or i18next.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';

export { advance, resume } from './advance';
export type { AskOutcome, EmergencyOutcome, IntakeCommand, IntakeContext, IntakeInput, IntakeOutcome, ReviewItem, ReviewOutcome, StepOutcome } from './intake-outcome';
export { loadFormDefinition, parseFormDefinition, type FormParseResult } from './form-definition';
export { FIELD_TYPES, MAX_TEXT_LENGTH, YES_NO_UNSURE_OPTIONS } from './form-types';
export type { Condition, FieldDef, FieldOption, FieldType, FormDefinition, NoticeDef } from './form-types';
export type { IncidentNote } from './incident-note';
export { hasLocaleKey, labelsFromResources } from './locale-lookup';
export { REASON, type ReasonKey, type ReasonParams } from './reasons';
export { createSession, isExpired, type AnswerValue, type Answers, type IntakeSession } from './session';
export { categoryOf, FORM_RULES, urgencyOf, urgencyReasons, URGENCY_RULES, type Category, type NoteUrgency, type RuleId, type Urgency, type UrgencyRule } from './rules';
export { validateAnswers, type FieldError, type NoteValidation } from './validate-note';

/** The default partner/staff incident-note form. */
export const INCIDENT_NOTE_FORM_PATH = path.join(PROJECT_ROOT, 'src', 'intake', 'forms', 'incident-note.form.yaml');
