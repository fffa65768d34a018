import { SortedWords } from './sorted-words';
import { tokenize } from './text-analysis';

/**
 * Spelling correction against the knowledge base's own words: the closest word the articles use,
 * found by walking the sorted word list as a trie with an edit-distance row per letter.
 * @remarks Only the knowledge base's words matter (a word no article uses cannot improve the search),
 * so a full hunspell dictionary would add megabytes and no benefit. One edit for 5–8 letters, two
 * from 9 (at 8 letters two edits turn "password" into "passport"); the first letter must match.
 * Building is one sort of the words: an index of every word's deletions (symmetric delete, SymSpell)
 * answered as fast but took seconds to build for a knowledge base of 10,000 articles.
 */
export class SpellingCorrector {
  private readonly words: SortedWords;

  constructor(private readonly frequency: ReadonlyMap<string, number>) {
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

  /** The text with every unknown word replaced by its correction (lower-cased tokens joined by spaces). */
  correctText(text: string, keep: (token: string) => boolean = () => false): string {
    return tokenize(text)
      .map((t) => (keep(t) ? t : this.correct(t)))
      .join(' ');
  }
}

/** Four-letter words are left alone: too many real words lie one edit apart ("just"/"must", "took"/"look"). */
const MIN_LENGTH = 5;
const maxEdits = (length: number) => (length >= 9 ? 2 : length >= 4 ? 1 : 0);
