import { describe, expect, it } from 'vitest';
import { caseCard } from '../../src/cards/case-card';
import type { Case } from '../../src/forwarding/case';
import { createI18n } from '../../src/i18n/create-i18n';
import { LOCALES_DIR } from '../../src/paths';
import { cardProblems } from '../support/adaptive-card-validator';
import { FORM } from '../intake/support';

const i18n = createI18n(LOCALES_DIR, 'sv');
const sv = i18n.t('sv');
const at = '2026-11-23T09:00:00.000Z';

function caseOf(over: Partial<Case> = {}): Case {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    code: 'K-7F3Q',
    status: 'delivered',
    createdAt: at,
    updatedAt: at,
    note: { formId: 'incident-note', formVersion: 2, answers: { immediate_danger: 'no', possible_minor: 'no', ongoing: 'yes', indicators: ['many_visitors', 'fearful_injuries'] }, urgency: 'P2', category: 'adultExploitation' },
    reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
    history: [{ at, action: 'received', by: 'reporter' }],
    routing: { municipality: 'demo', primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'demo-out-of-hours', targets: ['demo-coordinators'] },
    ...over,
  };
}
const text = (c: unknown) => JSON.stringify(c);
const options = { form: FORM, timeZone: 'Europe/Stockholm', canAct: true, regional: { label: 'Regionkoordinatorn' } };

describe('caseCard', () => {
  it('says why the note has its urgency (the rule that set it)', () => {
    const card = caseCard(caseOf(), sv, options);
    expect(cardProblems(card)).toEqual([]);
    expect(text(card)).toContain('Varför denna prioritet: någon som verkar styra eller håller uppsikt, eller rädsla eller synliga skador (U3)');
  });

  it('shows a note of form version 1 with the labels it was written with (a retired option too)', () => {
    const v1 = caseOf({ note: { formId: 'incident-note', formVersion: 1, answers: { immediate_danger: 'no', possible_minor: 'no', persons_role: ['possible_exploited', 'possible_buyer'], observations: 'Tre män kom ensamma.' }, urgency: 'P4', category: 'adultExploitation' } });
    const card = text(caseCard(v1, sv, options));
    expect(card).toContain('Någon som kan vara utnyttjad, Möjlig sexköpare');
    expect(card).toContain('Tre män kom ensamma.');
    // An urgency the rules of today would not give: no reason is invented for it.
    expect(card).not.toContain('Varför denna prioritet');
  });

  it('offers the coordinator to involve the regional coordinator, asking for the victim\'s consent (R2)', () => {
    const card = caseCard(caseOf(), sv, options);
    const json = text(card);
    expect(json).toContain('"title":"Kontakta regionkoordinatorn"');
    expect(json).toContain('Regionkoordinatorn får uppgifter om ärendet bara om personen har samtyckt');
    for (const choice of ['Ja, personen har samtyckt', 'Nej, personen har inte samtyckt', 'Personen har inte tillfrågats']) expect(json).toContain(choice);
    expect(json).toContain('"verb":"case.consultRegional"');
    // Not where the directory names none, nor to someone who may not act, nor on the regional coordinator's own copy.
    expect(text(caseCard(caseOf(), sv, { ...options, regional: undefined }))).not.toContain('case.consultRegional');
    expect(text(caseCard(caseOf(), sv, { ...options, canAct: false }))).not.toContain('case.consultRegional');
    const theirs = caseCard(caseOf(), sv, { ...options, forRegional: true });
    expect(theirs.actions ?? []).toEqual([]);
    expect(text(theirs)).toContain('Skickat till regionkoordinatorn med personens samtycke, för stöd i ärendet. Kommunens samordnare ansvarar för ärendet.');
  });

  it('shows every decision about the regional coordinator with its consent', () => {
    const c = caseOf({
      consultations: [
        { at: '2026-11-23T10:00:00.000Z', by: 'aad-megan', targetId: 'region-coordinator', consent: 'notAsked' },
        { at: '2026-11-23T11:00:00.000Z', by: 'aad-megan', targetId: 'region-coordinator', consent: 'yes' },
      ],
    });
    const json = text(caseCard(c, sv, options));
    expect(json).toContain('Regionkoordinatorn rådfrågad utan samtycke: personen har inte tillfrågats, och inget från rapporten skickades (2026-11-23 11:00).');
    expect(json).toContain('Regionkoordinatorn har fått ärendet med personens samtycke (2026-11-23 12:00).');
  });
});
