import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../errors';
import { checkFormDefinition } from './check-form-definition';
import { YES_NO_UNSURE_OPTIONS, type FieldDef, type FieldType, type FormDefinition } from './form-types';

export * from './form-types';

export type FormParseResult = { ok: true; form: FormDefinition } | { ok: false; problems: string[] };

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const key = (what: string) => z.string({ required_error: `missing ${what}`, invalid_type_error: `${what} must be a string` }).trim().min(1, `missing ${what}`);

const RawCondition = z
  .object({
    field: z.string().optional(),
    /** A named rule of the code (rules.ts FORM_RULES) instead of a field test. */
    rule: z.string().optional(),
    equals: scalar.optional(),
    in: z.array(scalar).min(1).optional(),
    includes: z.union([scalar.transform((v) => [v]), z.array(scalar).min(1)]).optional(),
  })
  .strict();

const RawOption = z
  .object({
    value: scalar,
    labelKey: key('labelKey'),
    wordsKey: key('wordsKey').optional(),
    groupKey: key('groupKey').optional(),
    adapted: z.boolean().optional(),
    warningKey: key('warningKey').optional(),
    retired: z.boolean().optional(),
  })
  .strict();

const RawField = z
  .object({
    id: z.string({ required_error: 'missing id' }),
    type: z.string({ required_error: 'missing type' }),
    required: z.boolean().default(false),
    promptKey: key('promptKey'),
    helpKey: key('helpKey').optional(),
    options: z.array(RawOption).optional(),
    maxLength: z.number().int().optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    format: z.literal('phone').optional(),
    when: RawCondition.optional(),
    notBefore: z.string().optional(),
    editable: z.boolean().default(true),
    display: z.literal('emergency').optional(),
    records: z.object({ time: z.string().optional(), eventNumber: z.string().optional() }).strict().optional(),
    noticeBefore: z.string().optional(),
    noticeAfter: z.object({ notice: z.string(), when: RawCondition }).strict().optional(),
  })
  .strict();

const RawForm = z
  .object({
    id: z.string({ required_error: 'missing id' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
    version: z.number({ required_error: 'missing version' }).int().positive(),
    /** Earlier versions whose drafts continue on this one. */
    upgradesFrom: z.array(z.number().int().positive()).default([]),
    titleKey: key('titleKey'),
    notices: z.record(z.object({ titleKey: key('titleKey'), bodyKey: key('bodyKey') }).strict()).default({}),
    review: z.object({ notices: z.array(z.string()).default([]) }).strict().default({}),
    /** The text field that takes a situation the reporter already described to the bot ("Report this"). */
    situationField: z.string().optional(),
    fields: z.array(RawField).min(1, 'a form needs at least one field'),
  })
  .strict();

export type RawFormDefinition = z.infer<typeof RawForm>;

/**
 * Parse and check a form written in YAML. Every problem is named by its field id.
 * @example parseFormDefinition(text, (k) => hasKey(k)) → { ok: true, form } or { ok: false, problems: ['field "x": …'] }
 */
export function parseFormDefinition(yamlText: string, knownKeys?: (key: string) => boolean): FormParseResult {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return { ok: false, problems: [`not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`] };
  const js: unknown = doc.toJS();
  const parsed = RawForm.safeParse(js);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => describeIssue(i, js)) };
  const problems = checkFormDefinition(parsed.data, knownKeys);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, form: toFormDefinition(parsed.data) };
}

/**
 * Read and parse a form file. Start-up refuses a broken form rather than asking the wrong questions.
 * @throws AppError('INTAKE_FORM_INVALID') listing every problem.
 */
export function loadFormDefinition(path: string, knownKeys?: (key: string) => boolean): FormDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AppError(FORM_INVALID, `Intake form ${path} cannot be read`, { cause });
  }
  const result = parseFormDefinition(text, knownKeys);
  if (!result.ok) throw new AppError(FORM_INVALID, `Intake form ${path} is invalid:\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
  return result.form;
}

const FORM_INVALID: ErrorCode = 'INTAKE_FORM_INVALID';

function describeIssue(issue: z.ZodIssue, js: unknown): string {
  const [head, index, ...rest] = issue.path;
  if (head === 'fields' && typeof index === 'number') {
    const raw = (js as { fields?: unknown[] }).fields?.[index] as { id?: unknown } | undefined;
    const name = typeof raw?.id === 'string' ? `field "${raw.id}"` : `field #${index + 1}`;
    const named = rest.length === 1 && issue.message.startsWith('missing');
    const where = rest.length > 0 && !named ? `${rest.join('.')}: ` : '';
    return `${name}: ${where}${issue.message}`;
  }
  return `${issue.path.join('.') || 'form'}: ${issue.message}`;
}

function toFormDefinition(raw: RawFormDefinition): FormDefinition {
  return {
    id: raw.id,
    version: raw.version,
    upgradesFrom: raw.upgradesFrom,
    titleKey: raw.titleKey,
    notices: raw.notices,
    reviewNotices: raw.review.notices,
    ...(raw.situationField ? { situationField: raw.situationField } : {}),
    fields: raw.fields.map((f): FieldDef => {
      const { options, type, ...rest } = f;
      return stripUndefined({
        ...rest,
        ...(rest.when ? { when: stripUndefined(rest.when) } : {}),
        type: type as FieldType,
        options: type === 'yesNoUnsure' ? YES_NO_UNSURE_OPTIONS : options?.map((o) => stripUndefined(o)),
      });
    }),
  };
}

/** Drop undefined properties so a form (and sessions built from it) stays plain JSON. */
function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
