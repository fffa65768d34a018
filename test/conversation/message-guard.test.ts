import { describe, expect, it } from 'vitest';
import { messageGuard } from '../../src/conversation/message-guard';
import { recordingTurn, turnDeps } from '../support/recording-turn';

describe('message guard', () => {
  it('refuses an oversized message before any route sees it', async () => {
    const deps = turnDeps();
    const turn = recordingTurn({ text: 'x'.repeat(101) });
    expect(await messageGuard(deps, 100)(turn)).toBe(false);
    expect(turn.texts()).toEqual([deps.i18n.t('en')('common:input.tooLong', { max: 100 })]);
  });

  it('makes the language the user clearly writes in the conversation’s, outside a report', async () => {
    const turn = recordingTurn({ text: 'Vad gör jag om gästen kan vara under 18 år?' });
    expect(await messageGuard(turnDeps(), 100)(turn)).toBe(true);
    expect(turn.state.conversation.language).toBe('sv');
  });
});
