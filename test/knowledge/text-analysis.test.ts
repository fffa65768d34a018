import { describe, expect, it } from 'vitest';
import { analyze, detectLanguage, splitCompound, stem, tokenize } from '../../src/knowledge/text-analysis';

describe('text analysis', () => {
  it('tokenizes keeping Swedish letters and whole numbers', () => {
    expect(tokenize('Ring 112 – stödtelefonen, 020-39 00 00!')).toEqual(['ring', '112', 'stödtelefonen', '020', '39', '00', '00']);
  });

  it.each(['İstanbul café', 'e\u0301tat, naïve – ÅÄÖ!', '𝒜bc 😀 def', 'ＡＢＣ－１２', 'x² ٣ ⅷ', 'tab\tnew\nline', ''])('splits "%s" exactly as the Unicode letter-or-digit rule does', (text) => {
    const rule = text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
    expect(tokenize(text)).toEqual(rule);
  });

  it('drops question filler and stems the rest', () => {
    expect(analyze('Vad gör jag om gästen är minderårig?', 'sv')).toEqual([stem('gästen', 'sv'), stem('minderårig', 'sv')]);
    expect(analyze('What should I do about the reflection period?', 'en')).toEqual(['reflec', 'period']);
  });

  it('splits a Swedish compound into parts the vocabulary knows, and leaves known words whole', () => {
    const vocabulary = new Set(['stöd', 'telefon', 'miljö', 'arbet', 'myndig', 'mynd']);
    expect(splitCompound('stödtelefonen', vocabulary, 'sv')).toEqual(['stöd', 'telefon']);
    expect(splitCompound('arbetsmiljö', vocabulary, 'sv')).toEqual(['arbet', 'miljö']);
    expect(splitCompound('myndighet', vocabulary, 'sv')).toEqual([]);
    expect(splitCompound('supportline', vocabulary, 'en')).toEqual([]);
  });

  it.each([
    ['Vad gör jag om personen kan vara under 18 år?', 'sv'],
    ['Can I tip off the police anonymously?', 'en'],
    ['Bris', undefined],
  ])('detects the language of "%s" as %s', (q, lng) => {
    expect(detectLanguage(q)).toBe(lng);
  });
});
