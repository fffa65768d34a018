import { describe, expect, it } from 'vitest';
import { Verb } from '../../src/cards/verbs';
import { onCardSubmit } from '../../src/conversation/turn-routes';
import { recordingTurn, submit, turnDeps } from '../support/recording-turn';

describe('turn routes', () => {
  it('hands a card submit its data parsed by the verb’s schema', async () => {
    const deps = turnDeps();
    const seen: unknown[] = [];
    const routes = [onCardSubmit(deps, Verb.CaseList, async (_turn, data) => void seen.push(data))];
    await submit(routes, recordingTurn(), Verb.CaseList, { verb: Verb.CaseList, view: 'open', extra: 'dropped' });
    expect(seen).toEqual([{ view: 'open', page: 0 }]);
  });

  it('refuses malformed card data: "I could not read that", audited without its content', async () => {
    const deps = turnDeps();
    const seen: unknown[] = [];
    const routes = [onCardSubmit(deps, Verb.CaseList, async (_turn, data) => void seen.push(data))];
    const turn = recordingTurn({ userId: '29:someone' });
    await submit(routes, turn, Verb.CaseList, { verb: Verb.CaseList, view: 'everything' });
    expect(seen).toEqual([]);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('common:error.TURN_INVALID_ACTIVITY')]);
    expect(deps.audit.events).toEqual([{ at: expect.any(String), actor: '29:someone', action: Verb.CaseList, result: 'refused', reason: 'invalidPayload' }]);
  });
});
