import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors';
import { loadFormDefinition, parseFormDefinition } from '../../src/intake/form-definition';
import { FORM, knownKeys } from './support';

const HEAD = `id: test-form\nversion: 1\ntitleKey: intake:form.title\nfields:\n`;
const GATE = `  - { id: danger, type: yesNoUnsure, required: true, promptKey: p }\n`;

describe('parseFormDefinition', () => {
  it('reads the default form: gates first, implicit yes/no/unsure options, conditions and notices', () => {
    expect(FORM.fields.map((f) => f.id).slice(0, 7)).toEqual(['immediate_danger', 'emergency_call_made', 'emergency_call_at', 'police_event_number', 'possible_minor', 'ongoing', 'site_area']);
    expect(FORM.fields.find((f) => f.id === 'emergency_call_made')?.when).toEqual({ rule: 'needs112' });
    expect(FORM).toMatchObject({ version: 2, upgradesFrom: [1] });
    expect(FORM.fields.find((f) => f.id === 'possible_minor')?.options?.map((o) => o.value)).toEqual(['yes', 'no', 'unsure']);
    expect(FORM.fields.find((f) => f.id === 'police_tip_ref')?.when).toEqual({ field: 'actions_taken', includes: ['police_tip', 'web_tip'] });
    expect(FORM.fields.find((f) => f.id === 'indicators')?.options?.filter((o) => o.adapted).map((o) => o.value)).toEqual([
      'many_condoms_towels',
      'local_guests',
      'teenagers_lobby',
      'campsite_visits',
      'campsite_vehicle',
      'campsite_guarded',
    ]);
    // Observable roles; "possible buyer" is kept only for the labels of version-1 notes (review §5).
    expect(FORM.fields.find((f) => f.id === 'persons_role')?.options?.filter((o) => o.retired).map((o) => o.value)).toEqual(['possible_buyer']);
    // Review D5: ending a booking carries its warning.
    expect(FORM.fields.find((f) => f.id === 'actions_taken')?.options?.find((o) => o.value === 'ended_booking')?.warningKey).toBe('intake:field.actions_taken.warning.ended_booking');
    expect(FORM.reviewNotices).toEqual(['minimisation', 'beforeSubmit']);
  });

  it('asks for observations, never for names, ID numbers or photos', () => {
    expect(FORM.fields.filter((f) => /name|namn|personnummer|id_number|photo|bild/i.test(f.id))).toEqual([]);
    expect(FORM.fields.every((f) => f.type !== 'text' || (f.maxLength ?? 0) <= 1000)).toBe(true);
  });

  it.each([
    ['duplicate ids', `${GATE}${GATE}`, 'field "danger": duplicate id (also field #1)'],
    ['an unknown type', `  - { id: x, type: slider, promptKey: p }\n`, 'field "x": unknown type "slider" (expected one of text, choice, multiChoice, yesNoUnsure, dateTime, number)'],
    ['a missing promptKey', `  - { id: x, type: text, maxLength: 10 }\n`, 'field "x": missing promptKey'],
    ['a choice without options', `  - { id: x, type: choice, promptKey: p }\n`, 'field "x": choice without options'],
    ['a multi-choice with no options', `  - { id: x, type: multiChoice, promptKey: p, options: [] }\n`, 'field "x": multiChoice without options'],
    ['text without maxLength', `  - { id: x, type: text, promptKey: p }\n`, 'field "x": text without maxLength'],
    ['text over the hard limit', `  - { id: x, type: text, promptKey: p, maxLength: 5000 }\n`, 'field "x": maxLength must be 1..1000'],
    ['a number without bounds', `  - { id: x, type: number, promptKey: p }\n`, 'field "x": number needs min and max'],
    ['a condition on a later field', `  - { id: a, type: text, maxLength: 5, promptKey: p, when: { field: danger, equals: yes } }\n${GATE}`, 'field "a": condition refers to "danger", which is not an earlier field'],
    ['a condition on an unknown field', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { field: nope, equals: yes } }\n`, 'field "a": condition refers to unknown field "nope"'],
    ['a condition value that is not an option', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { field: danger, equals: perhaps } }\n`, 'field "a": condition: "perhaps" is not an option of "danger"'],
    ['includes on a single choice', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { field: danger, includes: yes } }\n`, 'field "a": condition: includes needs a multiChoice field, "danger" is yesNoUnsure'],
    ['two operators in one condition', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { field: danger, equals: yes, in: [no] } }\n`, 'field "a": condition on "danger" needs exactly one of equals, in, includes'],
    ['an emergency screen that is not yes/no', `${GATE}  - { id: e, type: choice, required: true, display: emergency, promptKey: p, when: { field: danger, equals: yes }, options: [{ value: ok, labelKey: l }] }\n`, 'field "e": display: emergency needs a choice with exactly the options yes and no'],
    ['an unknown notice', `  - { id: x, type: text, maxLength: 5, promptKey: p, noticeBefore: ghost }\n`, 'field "x": noticeBefore: unknown notice "ghost"'],
    ['notBefore a later field', `  - { id: a, type: dateTime, promptKey: p, notBefore: b }\n  - { id: b, type: dateTime, promptKey: p }\n`, 'field "a": notBefore refers to "b", which is not an earlier field'],
    ['an unknown property', `  - { id: x, type: text, maxLength: 5, promptKey: p, label: Name }\n`, "field \"x\": Unrecognized key(s) in object: 'label'"],
    ['an unknown rule', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { rule: nope } }\n`, 'field "a": condition refers to unknown rule "nope" (known: needs112)'],
    ['a rule with a field test as well', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { rule: needs112, field: danger, equals: yes } }\n`, 'field "a": condition on rule "needs112" takes no field, equals, in or includes'],
    ['a rule reading fields the form lacks', `${GATE}  - { id: a, type: text, maxLength: 5, promptKey: p, when: { rule: needs112 } }\n`, 'field "a": rule "needs112" reads "immediate_danger", which is not a field of this form'],
    [
      'a rule reading a later field, on a field that is not the 112 screen',
      `  - { id: a, type: text, maxLength: 5, promptKey: p, when: { rule: needs112 } }\n  - { id: immediate_danger, type: yesNoUnsure, promptKey: p }\n  - { id: possible_minor, type: yesNoUnsure, promptKey: p }\n  - { id: indicators, type: multiChoice, promptKey: p, options: [{ value: x, labelKey: l }] }\n  - { id: ongoing, type: yesNoUnsure, promptKey: p }\n`,
      'field "a": rule "needs112" reads "immediate_danger", which is not an earlier field',
    ],
    [
      'a 112 screen whose rule depends on the screen itself',
      `  - { id: immediate_danger, type: yesNoUnsure, promptKey: p }\n  - { id: e, type: choice, required: true, display: emergency, promptKey: p, when: { rule: needs112 }, options: [{ value: yes, labelKey: l }, { value: no, labelKey: l }] }\n  - { id: possible_minor, type: yesNoUnsure, promptKey: p, when: { field: e, equals: yes } }\n  - { id: indicators, type: multiChoice, promptKey: p, options: [{ value: x, labelKey: l }] }\n  - { id: ongoing, type: yesNoUnsure, promptKey: p }\n`,
      'field "e": its condition depends on itself (through the fields it reads)',
    ],
  ])('names the field for %s', (_what, fields, problem) => {
    const result = parseFormDefinition(HEAD + fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain(problem);
  });

  it('names every key the locale lacks when knownKeys is given', () => {
    const result = parseFormDefinition(`${HEAD}  - { id: x, type: choice, promptKey: intake:field.nope.prompt, options: [{ value: a, labelKey: intake:option.yes }, { value: b, labelKey: intake:nope.b }] }\n`, knownKeys);
    expect(result).toEqual({
      ok: false,
      problems: ['field "x": key "intake:field.nope.prompt" is not in the locale', 'field "x": key "intake:nope.b" is not in the locale'],
    });
  });

  it('reports invalid YAML instead of throwing', () => {
    const result = parseFormDefinition('fields: [\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^not valid YAML: /);
  });
});

describe('loadFormDefinition', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'intake-form-'));

  it('throws INTAKE_FORM_INVALID listing the problems', () => {
    const file = path.join(dir, 'bad.form.yaml');
    writeFileSync(file, `${HEAD}${GATE}${GATE}`);
    let caught: unknown;
    try {
      loadFormDefinition(file);
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe('INTAKE_FORM_INVALID');
    expect((caught as Error).message).toContain('field "danger": duplicate id');
  });

  it('throws INTAKE_FORM_INVALID for a missing file', () => {
    expect(() => loadFormDefinition(path.join(dir, 'missing.yaml'))).toThrow(/cannot be read/);
  });
});
