import { describe, expect, it } from 'vitest';
import { dangerCard } from '../../src/cards/danger-card';
import { cardProblems } from '../support/adaptive-card-validator';

describe('dangerCard', () => {
  it('is a valid card that says "call 112" and offers nothing else to press', () => {
    const card = dangerCard({ title: 'Call 112 now', message: 'Call 112 now. Do not intervene.' });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card.body)).toContain('Call 112 now');
    expect(card.actions ?? []).toEqual([]);
  });
});
