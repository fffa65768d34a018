import { describe, expect, it } from 'vitest';
import { categoryOf, urgencyOf, type Category, type Urgency } from '../../src/intake/urgency';

const cases: { name: string; answers: Record<string, string | string[]>; urgency: Urgency; category: Category }[] = [
  { name: 'danger yes', answers: { immediate_danger: 'yes', possible_minor: 'no' }, urgency: 'P1', category: 'other' },
  { name: 'danger unsure with a possible minor', answers: { immediate_danger: 'unsure', possible_minor: 'yes' }, urgency: 'P1', category: 'possibleMinor' },
  { name: 'possible minor yes', answers: { immediate_danger: 'no', possible_minor: 'yes' }, urgency: 'P2', category: 'possibleMinor' },
  { name: 'possible minor unsure', answers: { immediate_danger: 'no', possible_minor: 'unsure' }, urgency: 'P2', category: 'possibleMinor' },
  { name: 'looks under 18 although the gate said no', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['looks_under_18'] }, urgency: 'P2', category: 'possibleMinor' },
  { name: 'documents held by someone else', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['documents_held'] }, urgency: 'P2', category: 'adultExploitation' },
  { name: 'seems controlled', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['many_visitors', 'seems_controlled'] }, urgency: 'P2', category: 'adultExploitation' },
  { name: 'asks for help', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['asks_for_help'] }, urgency: 'P2', category: 'adultExploitation' },
  { name: 'pattern signs only', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['many_visitors', 'refuses_cleaning'] }, urgency: 'P3', category: 'adultExploitation' },
  { name: 'a campsite sign', answers: { immediate_danger: 'no', possible_minor: 'no', indicators: ['campsite_visits'] }, urgency: 'P3', category: 'adultExploitation' },
  { name: 'no signs, a possible buyer described', answers: { immediate_danger: 'no', possible_minor: 'no', persons_role: ['possible_buyer'] }, urgency: 'P4', category: 'adultExploitation' },
  { name: 'nothing of the above', answers: { immediate_danger: 'no', possible_minor: 'no', persons_role: ['unknown'] }, urgency: 'P4', category: 'other' },
  { name: 'no answers at all', answers: {}, urgency: 'P4', category: 'other' },
];

describe('urgencyOf and categoryOf', () => {
  it.each(cases)('$name → $urgency, $category', ({ answers, urgency, category }) => {
    expect(urgencyOf(answers)).toBe(urgency);
    expect(categoryOf(answers)).toBe(category);
  });
});
