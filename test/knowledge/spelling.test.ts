import { describe, expect, it } from 'vitest';
import { SpellingCorrector } from '../../src/knowledge/spelling';

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

  it('writes the knowledge base\'s phone numbers, typed without spaces, the way its articles do', () => {
    const c = new SpellingCorrector(new Map([['open', 1]]), new Map([['11414', '114 14']]));
    expect(c.correctText('is 11414 open')).toBe('is 114 14 open');
    expect(c.correctText('room 11415')).toBe('room 11415');
  });

  it('prefers the more frequent of two words as close, then the first in alphabetical order', () => {
    const c = new SpellingCorrector(new Map([['coupon', 1], ['course', 3], ['cousin', 1]]));
    expect(c.correct('cousre')).toBe('course');
    expect(c.correct('couxin')).toBe('cousin');
    expect(new SpellingCorrector(new Map([['bolts', 1], ['belts', 1]])).correct('bxlts')).toBe('belts');
  });

  it('puts back å, ä and ö in short words too, before keeping a word whose stem is known', () => {
    const c = new SpellingCorrector(new Map([['får', 5], ['far', 0], ['hände', 2], ['hand', 3], ['frågar', 1]]));
    expect(c.correctText('hande nat, dom fragar', (t) => t === 'hande')).toBe('hände nat dom frågar');
  });

  it('corrects sentence by sentence and keeps where each ends', () => {
    expect(corrector.correctText('Her pasport was taken. Is this a reflektion period?')).toBe('her passport was taken. is this a reflection period');
  });

  it('keeps words the caller marks as known', () => {
    expect(corrector.correctText('Pasport taken', (t) => t === 'taken')).toBe('passport taken');
  });

  it('reuses the corrections it is given, and gives the same text as without them', () => {
    const corrections = new Map<string, string>();
    expect(corrector.correctText('Her pasport was taken. Is this a reflektion period?', undefined, corrections)).toBe('her passport was taken. is this a reflection period');
    expect(corrections.get('pasport')).toBe('passport');
    corrections.set('pasport', 'passport (cached)');
    expect(corrector.correctText('pasport', undefined, corrections)).toBe('passport (cached)');
  });
});
