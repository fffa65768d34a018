import { describe, expect, it } from 'vitest';
import { caseTurnsOnAzurite as setup, REPORTER_ID, STRANGER_ID } from '../support/case-turns';
import { recordingTurn, sayTo } from '../support/recording-turn';

describe('status turns (the reporter’s case commands)', () => {
  it('tells the reporter the status of their own case', async () => {
    const { deps, reporter, stored } = await setup();
    const turn = recordingTurn({ userId: '29:reporter', aadObjectId: REPORTER_ID, text: `status ${stored.code}` });
    await sayTo(reporter, turn);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('forwarding:status.waiting', { code: stored.code })]);
  });

  it('answers anyone else as if the code did not exist, and audits the refusal', async () => {
    const { deps, f, reporter, stored } = await setup();
    for (const text of [`status ${stored.code}`, `withdraw ${stored.code}`, `add ${stored.code}: more`]) {
      const turn = recordingTurn({ userId: '29:stranger', aadObjectId: STRANGER_ID, text });
      await sayTo(reporter, turn);
      expect(turn.texts()).toEqual([deps.i18n.t('en')('forwarding:status.notFound', { code: stored.code })]);
    }
    expect((await f.cases.get(stored.id))?.case.status).toBe(stored.status);
    expect(deps.audit.events.map((e) => [e.action, e.result, e.reason])).toEqual([
      ['status', 'refused', 'notReporter'],
      ['withdraw', 'refused', 'notReporter'],
      ['addInfo', 'refused', 'notReporter'],
    ]);
  });

  it('lets the reporter withdraw an open case: stored, audited, and said', async () => {
    const { deps, f, reporter, stored } = await setup();
    const turn = recordingTurn({ userId: '29:reporter', aadObjectId: REPORTER_ID, text: `withdraw ${stored.code}` });
    await sayTo(reporter, turn);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('forwarding:status.withdrawnNow', { code: stored.code })]);
    expect((await f.cases.get(stored.id))?.case.status).toBe('withdrawn');
    expect(deps.audit.events).toMatchObject([{ actor: 'reporter', action: 'withdraw', result: 'ok', caseId: stored.id }]);
    // Withdrawn is closed: a second withdraw is refused.
    const again = recordingTurn({ userId: '29:reporter', aadObjectId: REPORTER_ID, text: `withdraw ${stored.code}` });
    await sayTo(reporter, again);
    expect(again.texts()).toEqual([deps.i18n.t('en')('forwarding:status.notOpen', { code: stored.code })]);
  });

  it('takes case commands in personal chat only', async () => {
    const { deps, reporter, stored } = await setup();
    const turn = recordingTurn({ userId: '29:reporter', aadObjectId: REPORTER_ID, kind: 'groupChat', text: `status ${stored.code}` });
    await sayTo(reporter, turn);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('forwarding:status.personalOnly', { code: stored.code })]);
    expect(deps.audit.events).toMatchObject([{ action: 'status', result: 'refused', reason: 'notPersonalChat' }]);
  });
});
