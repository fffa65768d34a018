import { describe, expect, it } from 'vitest';
import { SpellingCorrector, editDistance } from '../../src/knowledge/spelling';

const corrector = SpellingCorrector.fromTexts(['passport reflection period coordinator stödtelefonen kvinnofridslinjen investigation', 'passport']);

describe('SpellingCorrector', () => {
  it.each([
    ['pasport', 'passport'],
    ['reflektion', 'reflection'],
    ['coordinater', 'coordinator'],
    ['stodtelefonen', 'stödtelefonen'],
    ['kvinofridslinjen', 'kvinnofridslinjen'],
    ['investgation', 'investigation'],
  ])('corrects %s to %s', (word, expected) => {
    expect(corrector.correct(word)).toBe(expected);
  });

  it.each(['password', 'just', 'kvart', 'lunch'])('leaves %s alone (too far, too short or a different first letter)', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });

  it('keeps words the caller marks as known', () => {
    expect(corrector.correctText('Pasport taken', (t) => t === 'taken')).toBe('passport taken');
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('pasport', 'passport')).toBe(1);
    expect(editDistance('teh', 'the')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
});
