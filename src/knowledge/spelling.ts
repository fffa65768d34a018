import { SortedWords } from './sorted-words';
import { sentences, tokenize } from './text-analysis';

/**
 * Spelling correction against the knowledge base's own words: the closest word the articles use,
 * found by walking the sorted word list as a trie with an edit-distance row per letter.
 * @remarks Only the knowledge base's words are targets (a word no article uses cannot improve the search).
 * A real word no article uses must not become one that does ("throat" is not "threat"): the caller keeps
 * the words users write in the example messages as written, which covers how they write at a fraction of a
 * full hunspell dictionary's megabytes. One edit for 5–8 letters, two
 * from 9 (at 8 letters two edits turn "password" into "passport"); the first letter must match.
 * Building is one sort of the words: an index of every word's deletions (symmetric delete, SymSpell)
 * answered as fast but took seconds to build for a knowledge base of 10,000 articles.
 */
export class SpellingCorrector {
  private readonly words: SortedWords;

  /**
   * @param numbers the articles' phone numbers by their digits ("11414" → "114 14"): typed without
   * spaces on a phone, a number is one word that matches none of the articles' words.
   */
  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    private readonly numbers: ReadonlyMap<string, string> = new Map(),
  ) {
    this.words = new SortedWords(frequency.keys());
  }

  /** Build from texts (the articles' fields): every word of 3+ letters without digits, counted. */
  static fromTexts(texts: Iterable<string>): SpellingCorrector {
    const frequency = new Map<string, number>();
    for (const text of texts) {
      for (const t of tokenize(text)) if (t.length >= 3 && !/\d/.test(t)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    }
    return new SpellingCorrector(frequency);
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  /** The closest known word (fewest edits, then most frequent, then first in alphabetical order), or the word itself. */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || /\d/.test(word) || this.frequency.has(word)) return word;
    // Typos rarely touch the first letter; real words that differ there ("kvart", "vart") are not typos.
    const range = this.words.prefixRange(word.slice(0, 1));
    let best = word;
    let bestDistance = Infinity;
    let bestFrequency = 0;
    for (const { index, distance } of this.words.near(word, maxEdits(word.length), { transpositions: true, range })) {
      const candidate = this.words.words[index] as string;
      const f = this.frequency.get(candidate) ?? 0;
      if (distance < bestDistance || (distance === bestDistance && f > bestFrequency)) {
        best = candidate;
        bestDistance = distance;
        bestFrequency = f;
      }
    }
    return best;
  }

  /**
   * Written without å, ä, ö (a phone or a foreign keyboard): the most frequent known word that
   * differs from `word` only by å/ä for a and ö for o, if any; short words too ("far" → "får").
   */
  private withSwedishLetters(word: string): string | undefined {
    const slots = [...word].flatMap((c, i) => (c === 'a' || c === 'o' ? [i] : []));
    if (slots.length === 0 || slots.length > 4) return undefined;
    let best: string | undefined;
    let bestFrequency = 0;
    const letters = [...word];
    const visit = (k: number): void => {
      if (k === slots.length) {
        const candidate = letters.join('');
        const f = this.frequency.get(candidate) ?? 0;
        if (candidate !== word && f > bestFrequency) [best, bestFrequency] = [candidate, f];
        return;
      }
      const i = slots[k] as number;
      const original = word[i] as string;
      for (const c of original === 'a' ? ['a', 'å', 'ä'] : ['o', 'ö']) {
        letters[i] = c;
        visit(k + 1);
      }
      letters[i] = original;
    };
    visit(0);
    return best;
  }

  /**
   * The text with every unknown word replaced by its correction (lower-cased tokens joined by spaces, sentences by ". ").
   * @param corrections each word's correction so far, to reuse: thousands of example messages share their words.
   */
  correctText(text: string, keep: (token: string) => boolean = () => false, corrections?: Map<string, string>): string {
    // Missing å/ä/ö first: "hande" is "hände", although its stem "hand" is a known word.
    const correctWord = (t: string): string => this.numbers.get(t) ?? (this.frequency.has(t) ? t : (this.withSwedishLetters(t) ?? (keep(t) ? t : this.correct(t))));
    const cached = (t: string): string => {
      if (!corrections) return correctWord(t);
      let c = corrections.get(t);
      if (c === undefined) corrections.set(t, (c = correctWord(t)));
      return c;
    };
    // Sentence by sentence, their ends kept: what reads the text must not join the end of one to the start of the next.
    return sentences(text)
      .map(({ text: sentence }) => tokenize(sentence).map(cached).join(' '))
      .filter((sentence) => sentence.length > 0)
      .join('. ');
  }
}

/** Four-letter words are left alone: too many real words lie one edit apart ("just"/"must", "took"/"look"). */
const MIN_LENGTH = 5;
const maxEdits = (length: number) => (length >= 9 ? 2 : length >= 4 ? 1 : 0);
