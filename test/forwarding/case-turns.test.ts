import { describe, expect, it } from 'vitest';
import { Verb } from '../../src/cards/verbs';
import { caseTurnsOnAzurite as setup, COORDINATOR_ID, OTHER_COORDINATOR_ID, STRANGER_ID } from '../support/case-turns';
import { COORDINATOR, execute, recordingTurn, sayTo } from '../support/recording-turn';

describe('case turns (the coordinator acting on a case card)', () => {
  it('acknowledges a case for a coordinator on its ladder, audits it and tells the reporter', async () => {
    const { deps, f, coordinator, stored, told } = await setup();
    const reply = await execute(coordinator, recordingTurn({ aadObjectId: COORDINATOR_ID, access: COORDINATOR }), Verb.CaseAcknowledge, { verb: Verb.CaseAcknowledge, caseId: stored.id });
    expect('card' in reply).toBe(true);
    expect((await f.cases.get(stored.id))?.case.status).toBe('acknowledged');
    expect(deps.audit.events).toMatchObject([{ actor: COORDINATOR_ID, action: Verb.CaseAcknowledge, result: 'ok', caseId: stored.id }]);
    expect(told).toEqual([{ ref: { conversation: { id: 'a:reporter' } }, text: deps.i18n.t('en')('forwarding:notify.acknowledged', { code: stored.code }) }]);
  });

  it('refuses someone not on the case’s ladder: the card without actions, nothing changed, the refusal audited', async () => {
    const { deps, f, coordinator, stored, told } = await setup();
    const reply = await execute(coordinator, recordingTurn({ aadObjectId: STRANGER_ID }), Verb.CaseTake, { verb: Verb.CaseTake, caseId: stored.id });
    expect(JSON.stringify(reply)).toContain(deps.i18n.t('en')('forwarding:card.notAllowed'));
    expect((await f.cases.get(stored.id))?.case.status).toBe(stored.status);
    expect(deps.audit.events).toMatchObject([{ actor: STRANGER_ID, action: Verb.CaseTake, result: 'refused', reason: 'notCoordinator', caseId: stored.id }]);
    expect(told).toEqual([]);
  });

  it('tells the second coordinator who pressed Take who has the case', async () => {
    const { deps, f, coordinator, stored } = await setup();
    await execute(coordinator, recordingTurn({ aadObjectId: COORDINATOR_ID, name: 'Megan' }), Verb.CaseTake, { verb: Verb.CaseTake, caseId: stored.id });
    const second = await execute(coordinator, recordingTurn({ aadObjectId: OTHER_COORDINATOR_ID, name: 'Adele' }), Verb.CaseTake, { verb: Verb.CaseTake, caseId: stored.id });
    expect(JSON.stringify(second)).toContain(deps.i18n.t('en')('forwarding:card.alreadyTaken', { name: 'Megan' }));
    expect((await f.cases.get(stored.id))?.case).toMatchObject({ status: 'taken', assignee: COORDINATOR_ID, assigneeName: 'Megan' });
    expect(deps.audit.events.map((e) => e.result)).toEqual(['ok', 'refused']);
  });

  it('answers a forged case card (an id that is not one) with the refusal text, audited', async () => {
    const { deps, coordinator } = await setup();
    const reply = await execute(coordinator, recordingTurn({ aadObjectId: COORDINATOR_ID }), Verb.CaseClose, { verb: Verb.CaseClose, caseId: '../x', outcome: 'noAction' });
    expect(reply).toEqual({ text: deps.i18n.t('en')('common:error.TURN_INVALID_ACTIVITY') });
    expect(deps.audit.events).toMatchObject([{ action: Verb.CaseClose, result: 'refused', reason: 'invalidPayload' }]);
  });

  it('links a channel only for an administrator; anyone else is refused and audited', async () => {
    const { deps, coordinator } = await setup();
    const turn = recordingTurn({ aadObjectId: STRANGER_ID, kind: 'channel', text: 'link demo-coordinators' });
    await sayTo(coordinator, turn);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('forwarding:link.notAdmin')]);
    expect(deps.audit.events).toMatchObject([{ actor: STRANGER_ID, action: 'link', result: 'refused', targetId: 'demo-coordinators' }]);
  });
});
