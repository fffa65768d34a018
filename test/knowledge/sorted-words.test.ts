import { describe, expect, it } from 'vitest';
import { SortedWords } from '../../src/knowledge/sorted-words';
import { seededRandom } from '../support/seeded-random';

/** Edit distance by the textbook table: Levenshtein, or optimal string alignment with `swaps`. */
function distance(a: string, b: string, swaps: boolean): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('SortedWords', () => {
  const words = new SortedWords(['polis', 'polisen', 'polisanmälan', 'police', 'pass', 'passport', 'password', 'polis']);

  it('keeps each word once, in order', () => {
    expect(words.words).toEqual(['pass', 'passport', 'password', 'police', 'polis', 'polisanmälan', 'polisen']);
  });

  it('finds the words that start with a prefix, the prefix itself included', () => {
    expect(words.withPrefix('polis')).toEqual(['polis', 'polisanmälan', 'polisen']);
    expect(words.withPrefix('pa')).toEqual(['pass', 'passport', 'password']);
    expect(words.withPrefix('q')).toEqual([]);
  });

  it('finds the words within a number of edits, a swap counting as one only when asked', () => {
    const near = (w: string, max: number, transpositions = false) => words.near(w, max, { transpositions }).map((m) => `${words.words[m.index]}:${m.distance}`);
    expect(near('pasport', 1)).toEqual(['passport:1']);
    expect(near('polsi', 1)).toEqual([]);
    expect(near('polsi', 1, true)).toEqual(['polis:1']);
    expect(near('polis', 2)).toEqual(['police:2', 'polis:0', 'polisen:2']);
  });

  it.each([false, true])('finds exactly the words a full edit-distance table finds (swaps: %s)', (swaps) => {
    const random = seededRandom(11);
    const letters = 'abcdeåö';
    const word = () => Array.from({ length: 1 + Math.floor(random() * 9) }, () => letters[Math.floor(random() * letters.length)]).join('');
    const list = new SortedWords(Array.from({ length: 1000 }, word));
    for (let q = 0; q < 100; q++) {
      const query = word();
      const max = 1 + (q % 3);
      const expected = list.words.flatMap((w, index) => {
        const d = distance(w, query, swaps);
        return d <= max ? [{ index, distance: d }] : [];
      });
      expect(list.near(query, max, { transpositions: swaps })).toEqual(expected);
    }
  });

  it('searches only the given range', () => {
    const range = words.prefixRange('pol');
    expect(words.near('pass', 2, { range }).map((m) => words.words[m.index])).toEqual([]);
  });
});
