import { describe, expect, it } from 'vitest';
import { Verb } from '../../src/cards/verbs';
import type { ConversationState } from '../../src/conversation/turn';
import type { Case } from '../../src/forwarding/case';
import { readLocaleResources } from '../../src/i18n/create-i18n';
import { placeholderValues } from '../../src/i18n/placeholder-values';
import { hasLocaleKey, INCIDENT_NOTE_FORM_PATH, labelsFromResources, loadFormDefinition } from '../../src/intake';
import { intakeTurns } from '../../src/intake/intake-turns';
import { LOCALES_DIR } from '../../src/paths';
import { recordingTurn, sayTo, submit, turnDeps } from '../support/recording-turn';

const RESOURCES = readLocaleResources(LOCALES_DIR);
const FORM = loadFormDefinition(INCIDENT_NOTE_FORM_PATH, hasLocaleKey(RESOURCES));
const NOW = new Date('2026-11-30T10:00:00Z');
const TOKEN = '11111111-2222-4333-8444-555555555555';

/** The intake handlers with a recording case submitter and question answerer (no Teams, no storage). */
function setup() {
  const deps = turnDeps();
  const submitted: Omit<Case, 'code' | 'routing'>[] = [];
  const questions: string[] = [];
  const turns = intakeTurns(
    deps,
    {
      form: FORM,
      submitCase: async (draft) => {
        submitted.push(draft);
        return { ...draft, code: 'K-7F3Q' };
      },
      labelsOf: labelsFromResources(RESOURCES),
      timeZone: 'Europe/Stockholm',
      draftTtlMs: 86_400_000,
      clock: { now: () => NOW },
      placeholders: placeholderValues(deps.i18n),
      municipalities: { demo: { name: 'Demokommun' } },
      defaultMunicipality: 'demo',
    },
    async (turn, text) => {
      questions.push(text);
      await turn.send({ text: 'an answer' });
    },
  );
  const t = deps.i18n.t('en');
  return { deps, submitted, questions, turns, t };
}

describe('intake turns', () => {
  it('starts a report in a personal chat: the first question as a card, the draft in the conversation state', async () => {
    const { turns } = setup();
    const turn = recordingTurn({ text: 'report' });
    await sayTo(turns.routes, turn);
    expect(turn.cards()).toHaveLength(1);
    expect(turn.state.conversation.intake).toMatchObject({ formId: FORM.id, practice: false, revision: 0 });
    expect(turn.state.conversation.intakeLocale).toBe('en');
  });

  it('takes no report in a channel, where others would read it', async () => {
    const { turns, t } = setup();
    const turn = recordingTurn({ kind: 'channel', text: 'report' });
    await sayTo(turns.routes, turn);
    expect(turn.texts()).toEqual([t('intake:start.personalOnly')]);
    expect(turn.state.conversation.intake).toBeUndefined();
  });

  it('answers a routine question typed in the middle of a report, then shows the report where it was', async () => {
    const { turns, questions } = setup();
    const state = { conversation: {} as ConversationState, user: {} };
    await sayTo(turns.routes, recordingTurn({ text: 'report', state }));
    const turn = recordingTurn({ text: 'question: who do I call?', state });
    expect(await turns.beforeMessage(turn)).toBe(false);
    expect(questions).toEqual(['who do I call?']);
    expect(turn.texts()).toEqual(['an answer']);
    expect(turn.cards()).toHaveLength(1);
  });

  it('drops an expired draft with a word to the user, and lets the message through', async () => {
    const { turns, t } = setup();
    const state = { conversation: {} as ConversationState, user: {} };
    await sayTo(turns.routes, recordingTurn({ text: 'report', state }));
    state.conversation.intake = { ...state.conversation.intake!, updatedAt: '2026-11-01T00:00:00Z' };
    const turn = recordingTurn({ text: 'something else', state });
    expect(await turns.beforeMessage(turn)).toBe(true);
    expect(turn.texts()).toEqual([t('intake:draft.expired')]);
    expect(state.conversation.intake).toBeUndefined();
  });

  it('hands out a one-card form bound to its user, and shows it again with the errors when it is sent incomplete', async () => {
    const { turns, submitted } = setup();
    const state = { conversation: {} as ConversationState, user: {} };
    const asked = recordingTurn({ aadObjectId: 'aad-reporter', state });
    await submit(turns.routes, asked, Verb.IntakeStart, { verb: Verb.IntakeStart, form: true });
    const [token, owner] = Object.entries(state.conversation.issuedForms ?? {})[0]!;
    expect(owner).toBe('aad-reporter');
    const sent = recordingTurn({ aadObjectId: 'aad-reporter', state });
    await submit(turns.routes, sent, Verb.IntakeForm, { verb: Verb.IntakeForm, token });
    expect(sent.cards()).toHaveLength(1);
    expect(submitted).toEqual([]);
  });

  it('refuses a one-card form whose token was issued to someone else, and audits it', async () => {
    const { turns, submitted, deps, t } = setup();
    const state = { conversation: { issuedForms: { [TOKEN]: 'aad-reporter' } } as ConversationState, user: {} };
    const turn = recordingTurn({ aadObjectId: 'aad-intruder', state });
    await submit(turns.routes, turn, Verb.IntakeForm, { verb: Verb.IntakeForm, token: TOKEN });
    expect(turn.texts()).toEqual([t('intake:reason.stale')]);
    expect(submitted).toEqual([]);
    expect(deps.audit.events).toMatchObject([{ actor: 'aad-intruder', action: Verb.IntakeForm, result: 'refused', reason: 'tokenNotYours' }]);
  });

  it('refuses a forged origin for a waiting note: nothing is sent, the refusal is audited', async () => {
    const { turns, submitted, deps, t } = setup();
    const note = { formId: FORM.id, formVersion: FORM.version, practice: false, startedAt: NOW.toISOString(), submittedAt: NOW.toISOString(), urgency: 'P3' as const, category: 'other' as const, answers: {} };
    const state = { conversation: { pendingNote: { note, submission: 's', token: TOKEN } } as ConversationState, user: {} };
    const turn = recordingTurn({ aadObjectId: 'aad-reporter', state });
    await submit(turns.routes, turn, Verb.IntakeOrigin, { verb: Verb.IntakeOrigin, token: TOKEN, origin: 'site:somewhere-else' });
    expect(turn.texts()).toEqual([t('intake:origin.stale')]);
    expect(submitted).toEqual([]);
    expect(state.conversation.pendingNote).toBeDefined();
    expect(deps.audit.events).toMatchObject([{ actor: 'aad-reporter', action: 'intake.origin', result: 'refused' }]);
  });

  it('stores a waiting note under the origin chosen, clears it and gives the case code', async () => {
    const { turns, submitted } = setup();
    const note = { formId: FORM.id, formVersion: FORM.version, practice: false, startedAt: NOW.toISOString(), submittedAt: NOW.toISOString(), urgency: 'P3' as const, category: 'other' as const, answers: {} };
    const state = { conversation: { pendingNote: { note, submission: 'conv|aad-reporter|x', token: TOKEN } } as ConversationState, user: {} };
    const turn = recordingTurn({ aadObjectId: 'aad-reporter', state });
    await submit(turns.routes, turn, Verb.IntakeOrigin, { verb: Verb.IntakeOrigin, token: TOKEN, origin: 'municipality:demo' });
    expect(submitted).toMatchObject([{ status: 'received', origin: { municipality: 'demo', municipalityName: 'Demokommun' }, reporter: { aadObjectId: 'aad-reporter' } }]);
    expect(state.conversation.pendingNote).toBeUndefined();
    expect(turn.texts()[0]).toContain('K-7F3Q');
  });

  it('sends nothing when "cancel" is typed while the note waits for its origin', async () => {
    const { turns, submitted, t } = setup();
    const note = { formId: FORM.id, formVersion: FORM.version, practice: false, startedAt: NOW.toISOString(), submittedAt: NOW.toISOString(), urgency: 'P3' as const, category: 'other' as const, answers: {} };
    const state = { conversation: { pendingNote: { note, submission: 's', token: TOKEN } } as ConversationState, user: {} };
    const turn = recordingTurn({ text: 'cancel', state });
    expect(await turns.beforeMessage(turn)).toBe(false);
    expect(turn.texts()).toEqual([t('intake:cancelled.body')]);
    expect(state.conversation.pendingNote).toBeUndefined();
    expect(submitted).toEqual([]);
  });
});
