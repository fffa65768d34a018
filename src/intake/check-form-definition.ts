import type { RawFormDefinition } from './form-definition';
import { FIELD_TYPES, MAX_TEXT_LENGTH, YES_NO_UNSURE_OPTIONS } from './form-types';
import { FORM_RULES } from './rules';

type RawField = RawFormDefinition['fields'][number];
type RawCondition = NonNullable<RawField['when']>;

const FIELD_ID = /^[a-z][a-z0-9_]*$/;
const CHOICE_TYPES = new Set(['choice', 'multiChoice']);

/**
 * The rules zod cannot see: unique ids, types and their settings, conditions on earlier fields only
 * (a 112 screen may name a rule that reads later ones), the 112 screen's shape, notices that exist,
 * and (when `knownKeys` is given) keys the locale has.
 */
export function checkFormDefinition(form: RawFormDefinition, knownKeys?: (key: string) => boolean): string[] {
  const problems: string[] = [];
  const index = new Map<string, number>();
  const optionValues = (f: RawField): string[] | undefined =>
    f.type === 'yesNoUnsure' ? YES_NO_UNSURE_OPTIONS.map((o) => o.value) : f.options?.map((o) => o.value);

  form.fields.forEach((f, i) => {
    const say = (message: string) => problems.push(`field "${f.id}": ${message}`);
    if (!FIELD_ID.test(f.id)) say('id must be snake_case (a-z, 0-9, _)');
    if (index.has(f.id)) say(`duplicate id (also field #${(index.get(f.id) ?? 0) + 1})`);
    else index.set(f.id, i);

    if (!(FIELD_TYPES as readonly string[]).includes(f.type)) say(`unknown type "${f.type}" (expected one of ${FIELD_TYPES.join(', ')})`);
    if (CHOICE_TYPES.has(f.type)) {
      if (!f.options || f.options.length === 0) say(`${f.type} without options`);
      const values = f.options?.map((o) => o.value) ?? [];
      const dup = values.find((v, j) => values.indexOf(v) !== j);
      if (dup !== undefined) say(`duplicate option value "${dup}"`);
    } else if (f.options) {
      say(f.type === 'yesNoUnsure' ? 'yesNoUnsure has its own options (yes, no, unsure); remove options' : `options only apply to choice fields, not ${f.type}`);
    }
    if (f.type === 'text') {
      if (f.maxLength === undefined) say('text without maxLength');
      else if (f.maxLength < 1 || f.maxLength > MAX_TEXT_LENGTH) say(`maxLength must be 1..${MAX_TEXT_LENGTH}`);
    } else if (f.maxLength !== undefined) say('maxLength only applies to text');
    if (f.format !== undefined && f.type !== 'text') say('format only applies to text');
    if (f.type === 'number') {
      if (f.min === undefined || f.max === undefined) say('number needs min and max');
      else if (f.min > f.max) say('min is greater than max');
    } else if (f.min !== undefined || f.max !== undefined) say('min/max only apply to number');

    if (f.when) checkCondition(f.when, f, i, false, say);
    if (f.notBefore !== undefined) {
      const j = index.get(f.notBefore);
      if (f.type !== 'dateTime') say('notBefore only applies to dateTime');
      if (j === undefined || j >= i) say(`notBefore refers to "${f.notBefore}", which is not an earlier field`);
      else if (form.fields[j]?.type !== 'dateTime') say(`notBefore refers to "${f.notBefore}", which is not a dateTime`);
    }
    if (f.display === 'emergency') checkEmergency(f, i, say);
    else if (f.records) say('records only applies to display: emergency');
    if (f.noticeBefore !== undefined && !form.notices[f.noticeBefore]) say(`noticeBefore: unknown notice "${f.noticeBefore}"`);
    if (f.noticeAfter) {
      if (!form.notices[f.noticeAfter.notice]) say(`noticeAfter: unknown notice "${f.noticeAfter.notice}"`);
      checkCondition(f.noticeAfter.when, f, i, true, say);
    }
  });

  problems.push(...cycles(form));
  for (const v of form.upgradesFrom) if (v >= form.version) problems.push(`upgradesFrom: ${v} is not an earlier version than ${form.version}`);
  for (const n of form.review.notices) if (!form.notices[n]) problems.push(`review: unknown notice "${n}"`);
  if (form.situationField !== undefined && form.fields.find((f) => f.id === form.situationField)?.type !== 'text') {
    problems.push(`situationField: "${form.situationField}" is not a text field`);
  }
  if (knownKeys) problems.push(...unknownKeys(form, knownKeys));
  return problems;

  function checkCondition(c: RawCondition, f: RawField, i: number, selfAllowed: boolean, say: (m: string) => void): void {
    const ops = [c.equals, c.in, c.includes].filter((v) => v !== undefined).length;
    if (c.rule !== undefined) {
      if (c.field !== undefined || ops > 0) return say(`condition on rule "${c.rule}" takes no field, equals, in or includes`);
      const rule = FORM_RULES[c.rule];
      if (!rule) return say(`condition refers to unknown rule "${c.rule}" (known: ${Object.keys(FORM_RULES).join(', ')})`);
      for (const id of rule.reads) {
        const j = form.fields.findIndex((g) => g.id === id);
        if (j < 0) say(`rule "${c.rule}" reads "${id}", which is not a field of this form`);
        // Only the 112 screen is asked as soon as its rule holds; any other field must come after what it reads.
        else if (j >= i && f.display !== 'emergency') say(`rule "${c.rule}" reads "${id}", which is not an earlier field`);
        else if (j === i) say(`rule "${c.rule}" reads the field itself`);
      }
      return;
    }
    if (c.field === undefined) return say('condition needs a field or a rule');
    if (ops !== 1) say(`condition on "${c.field}" needs exactly one of equals, in, includes`);
    const j = form.fields.findIndex((g) => g.id === c.field);
    if (j < 0) return say(`condition refers to unknown field "${c.field}"`);
    if (j > i || (j === i && !selfAllowed)) return say(`condition refers to "${c.field}", which is not an earlier field`);
    const target = form.fields[j] as RawField;
    if (c.includes !== undefined && target.type !== 'multiChoice') say(`condition: includes needs a multiChoice field, "${c.field}" is ${target.type}`);
    if (c.includes === undefined && target.type === 'multiChoice') say(`condition on multiChoice "${c.field}" must use includes`);
    const allowed = optionValues(target);
    const used = [c.equals, ...(c.in ?? []), ...(c.includes ?? [])].filter((v): v is string => v !== undefined);
    for (const v of used) if (allowed && !allowed.includes(v)) say(`condition: "${v}" is not an option of "${c.field}"`);
  }

  function checkEmergency(f: RawField, i: number, say: (m: string) => void): void {
    const values = (f.options ?? []).map((o) => o.value).sort().join(',');
    if (f.type !== 'choice' || values !== 'no,yes') say('display: emergency needs a choice with exactly the options yes and no');
    if (!f.required) say('display: emergency must be required');
    if (!f.when) say('display: emergency needs a when condition (the gate that leads to it)');
    const later = (id: string | undefined, type: string, role: string) => {
      if (id === undefined) return;
      const j = form.fields.findIndex((g) => g.id === id);
      if (j <= i) say(`records.${role} refers to "${id}", which is not a later field`);
      else if (form.fields[j]?.type !== type) say(`records.${role} refers to "${id}", which is not ${type}`);
    };
    later(f.records?.time, 'dateTime', 'time');
    later(f.records?.eventNumber, 'text', 'eventNumber');
  }
}

/** A field whose condition, through the fields it reads, depends on itself can never be decided. */
function cycles(form: RawFormDefinition): string[] {
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  const reads = (f: RawField): string[] => {
    const c = f.when;
    const read = c?.rule !== undefined ? [...(FORM_RULES[c.rule]?.reads ?? [])] : c?.field !== undefined ? [c.field] : [];
    return f.notBefore === undefined ? read : [...read, f.notBefore];
  };
  const problems: string[] = [];
  for (const start of form.fields) {
    const seen = new Set<string>();
    const stack = reads(start);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === start.id) {
        problems.push(`field "${start.id}": its condition depends on itself (through the fields it reads)`);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const f = byId.get(id);
      if (f) stack.push(...reads(f));
    }
  }
  return problems;
}

function unknownKeys(form: RawFormDefinition, knownKeys: (key: string) => boolean): string[] {
  const keys: { where: string; key: string }[] = [{ where: 'form', key: form.titleKey }];
  for (const [id, n] of Object.entries(form.notices)) keys.push({ where: `notice "${id}"`, key: n.titleKey }, { where: `notice "${id}"`, key: n.bodyKey });
  for (const f of form.fields) {
    const where = `field "${f.id}"`;
    keys.push({ where, key: f.promptKey });
    if (f.helpKey) keys.push({ where, key: f.helpKey });
    const options = f.type === 'yesNoUnsure' ? YES_NO_UNSURE_OPTIONS : (f.options ?? []);
    for (const o of options) {
      keys.push({ where, key: o.labelKey });
      if (o.wordsKey) keys.push({ where, key: o.wordsKey });
      if (o.groupKey) keys.push({ where, key: o.groupKey });
      if (o.warningKey) keys.push({ where, key: o.warningKey });
    }
  }
  return [...new Set(keys.filter((k) => !knownKeys(k.key)).map((k) => `${k.where}: key "${k.key}" is not in the locale`))];
}
