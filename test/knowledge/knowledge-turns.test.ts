import { describe, expect, it } from 'vitest';
import { Verb } from '../../src/cards/verbs';
import type { Case } from '../../src/forwarding/case';
import { placeholderValues } from '../../src/i18n/placeholder-values';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { KnowledgeBaseHolder } from '../../src/knowledge/knowledge-base-holder';
import { knowledgeTurns } from '../../src/knowledge/knowledge-turns';
import { LOCALES_DIR } from '../../src/paths';
import { recordingTurn, submit, turnDeps } from '../support/recording-turn';

const KB = new KnowledgeBaseHolder(loadKnowledgeBase(LOCALES_DIR));

/** The knowledge handlers with a recording feedback store and case submitter (no Teams, no storage). */
function setup() {
  const deps = turnDeps();
  const feedback: { articleId: string; language: string; helpful: boolean }[] = [];
  const submitted: Omit<Case, 'code' | 'routing'>[] = [];
  const turns = knowledgeTurns(deps, {
    knowledgeBase: KB,
    placeholders: placeholderValues(deps.i18n),
    feedback: { record: async (articleId, language, helpful) => void feedback.push({ articleId, language, helpful }) },
    submitCase: async (draft) => {
      submitted.push(draft);
      return { ...draft, code: 'K-7F3Q' };
    },
    clock: { now: () => new Date('2026-11-30T10:00:00Z') },
    municipalities: { demo: { name: 'Demokommun' } },
    defaultMunicipality: 'demo',
    minConfidence: 0.35,
  });
  return { deps, feedback, submitted, turns };
}

describe('knowledge turns', () => {
  it('answers a typed question with the routine card and keeps the question for a hand-off', async () => {
    const { turns } = setup();
    const turn = recordingTurn({ text: 'Vad gör jag om gästen kan vara under 18 år?' });
    await turns.otherMessage(turn);
    expect(turn.sent).toHaveLength(1);
    expect(JSON.stringify(turn.cards()[0])).toContain(KB.current().index.article('child-may-be-involved', 'sv')!.title);
    expect(turn.state.conversation.pendingQuestion).toMatchObject({ text: 'Vad gör jag om gästen kan vara under 18 år?', language: 'sv' });
  });

  it('sends the 112 card first when someone describes danger now, then the routine', async () => {
    const { turns } = setup();
    const turn = recordingTurn({ text: 'a girl came down to the desk crying and says she is not allowed to leave, the man is watching us from the lift' });
    await turns.otherMessage(turn);
    const [first, second] = turn.cards().map((c) => JSON.stringify(c));
    expect(first).toContain('Call 112 now');
    expect(first).not.toContain('Sources');
    expect(second).toContain('Sources');
  });

  it('offers a coordinator for a near miss in the domain, and refuses an errand outright', async () => {
    const { turns } = setup();
    const t = turnDeps().i18n.t('en');
    const nearMiss = recordingTurn({ text: 'How many sex buyers were convicted in our county last year?' });
    await turns.otherMessage(nearMiss);
    const card = JSON.stringify(nearMiss.cards()[0]);
    expect(card).toContain(t('knowledge:noAnswer.nearMiss'));
    expect(card).toContain(t('knowledge:answer.askCoordinator'));
    expect(nearMiss.state.conversation.pendingQuestion).toMatchObject({ text: 'How many sex buyers were convicted in our county last year?', language: 'en' });
    const errand = recordingTurn({ text: 'Who won the Champions League final this year?' });
    await turns.otherMessage(errand);
    expect(errand.texts()).toEqual([t('knowledge:noAnswer.outOfScope')]);
    expect(errand.cards()).toEqual([]);
    expect(errand.state.conversation.pendingQuestion).toBeUndefined();
  });

  it('says it cannot read a card action with no text and no verb of its own', async () => {
    const { turns } = setup();
    const turn = recordingTurn({ hasCardData: true });
    await turns.otherMessage(turn);
    expect(turn.texts()).toEqual([turnDeps().i18n.t('en')('common:fallback.notUnderstood')]);
  });

  it('records "did this help?" for a known article, and refuses an unknown one without storing it', async () => {
    const { turns, feedback } = setup();
    const known = recordingTurn();
    await submit(turns.routes, known, Verb.KnowledgeFeedback, { verb: Verb.KnowledgeFeedback, articleId: 'child-may-be-involved', helpful: true });
    expect(feedback).toEqual([{ articleId: 'child-may-be-involved', language: 'en', helpful: true }]);
    const unknown = recordingTurn();
    await submit(turns.routes, unknown, Verb.KnowledgeFeedback, { verb: Verb.KnowledgeFeedback, articleId: 'no-such-article', helpful: true });
    expect(unknown.texts()[0]).toBe(turnDeps().i18n.t('en')('knowledge:feedback.unknownArticle'));
    expect(feedback).toHaveLength(1);
  });

  it('audits a forged card submit (data its schema refuses) and changes nothing', async () => {
    const { turns, feedback, deps } = setup();
    const turn = recordingTurn({ aadObjectId: '00000000-0000-0000-0000-000000000099' });
    await submit(turns.routes, turn, Verb.KnowledgeFeedback, { verb: Verb.KnowledgeFeedback, articleId: '../../etc/passwd', helpful: 'yes' });
    expect(feedback).toEqual([]);
    expect(turn.texts()[0]).toBe(deps.i18n.t('en')('knowledge:feedback.unknownArticle'));
    expect(deps.audit.events).toMatchObject([{ actor: '00000000-0000-0000-0000-000000000099', action: Verb.KnowledgeFeedback, result: 'refused', reason: 'invalidPayload' }]);
  });

  it('hands the last question to a coordinator once, as a case of its own kind, from a personal chat', async () => {
    const { turns, submitted } = setup();
    const state = { conversation: {}, user: {} };
    await turns.otherMessage(recordingTurn({ text: 'Hur lång tid tar polisens utredning av människohandel?', state }));
    const ask = recordingTurn({ state, locale: 'sv' });
    await submit(turns.routes, ask, Verb.KnowledgeAskCoordinator, { verb: Verb.KnowledgeAskCoordinator });
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      status: 'received',
      note: { category: 'question', urgency: 'P4', answers: { question: 'Hur lång tid tar polisens utredning av människohandel?', language: 'sv', audience: 'partner' } },
      reporter: { userId: '29:user-1', locale: 'sv' },
      origin: { municipality: 'demo', municipalityName: 'Demokommun' },
    });
    expect(ask.texts()[0]).toContain('K-7F3Q');
    expect(state).toEqual({ conversation: {}, user: {} });
    // Pressed again: nothing more to send.
    const again = recordingTurn({ state, locale: 'sv' });
    await submit(turns.routes, again, Verb.KnowledgeAskCoordinator, { verb: Verb.KnowledgeAskCoordinator });
    expect(again.texts()[0]).toBe(turnDeps().i18n.t('sv')('knowledge:handoff.nothingToSend'));
    expect(submitted).toHaveLength(1);
  });

  it('refuses a hand-off from a channel, where everyone would read the answer', async () => {
    const { turns, submitted } = setup();
    const state = { conversation: { pendingQuestion: { text: 'Hur lång tid tar det?', language: 'sv' as const } }, user: {} };
    const turn = recordingTurn({ kind: 'channel', state });
    await submit(turns.routes, turn, Verb.KnowledgeAskCoordinator, { verb: Verb.KnowledgeAskCoordinator });
    expect(turn.texts()[0]).toBe(turnDeps().i18n.t('en')('knowledge:handoff.personalOnly'));
    expect(submitted).toEqual([]);
    expect(state.conversation.pendingQuestion).toBeDefined();
  });
});
