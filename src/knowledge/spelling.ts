import { tokenize } from './text-analysis';

/**
 * Spelling correction against the knowledge base's own words (symmetric-delete index, the SymSpell
 * idea): every known word is indexed under each string one or two deletions away, so a misspelling
 * is looked up by its own deletions instead of by comparing it with every word.
 * @remarks Only the knowledge base's words matter (a word no article uses cannot improve the search),
 * so a full hunspell dictionary would add megabytes and no benefit. One edit for 5–8 letters, two
 * from 9 (at 8 letters two edits turn "password" into "passport"); the first letter must match.
 */
export class SpellingCorrector {
  private readonly deletes = new Map<string, string[]>();

  constructor(private readonly frequency: ReadonlyMap<string, number>) {
    for (const word of frequency.keys()) {
      for (const d of deletions(word.slice(0, PREFIX), maxEdits(word.length))) {
        const list = this.deletes.get(d);
        if (list) list.push(word);
        else this.deletes.set(d, [word]);
      }
    }
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

  /** The closest known word (fewest edits, then most frequent), or the word itself. */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || /\d/.test(word) || this.frequency.has(word)) return word;
    const max = maxEdits(word.length);
    let best = word;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    for (const d of deletions(word.slice(0, PREFIX), max)) {
      for (const candidate of this.deletes.get(d) ?? []) {
        // Typos rarely touch the first letter; real words that differ there ("kvart", "vart") are not typos.
        if (Math.abs(candidate.length - word.length) > max || candidate[0] !== word[0]) continue;
        const distance = editDistance(word, candidate, max);
        const f = this.frequency.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && f > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = f;
        }
      }
    }
    return bestDistance <= max ? best : word;
  }

  /** The text with every unknown word replaced by its correction (lower-cased tokens joined by spaces). */
  correctText(text: string, keep: (token: string) => boolean = () => false): string {
    return tokenize(text)
      .map((t) => (keep(t) ? t : this.correct(t)))
      .join(' ');
  }
}

/**
 * Only the first letters are indexed (SymSpell's prefix length): a long word's deletions grow with
 * the square of its length, and words within two edits share a prefix within two edits too; the
 * full edit distance then decides among the few candidates.
 */
const PREFIX = 7;
/** Four-letter words are left alone: too many real words lie one edit apart ("just"/"must", "took"/"look"). */
const MIN_LENGTH = 5;
const maxEdits = (length: number) => (length >= 9 ? 2 : length >= 4 ? 1 : 0);

/** The word and every string made from it by deleting up to `max` letters. */
function deletions(word: string, max: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let n = 0; n < max; n++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal-string-alignment distance (a swap of two neighbours is one edit), stopped early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (rows[i - 2]?.[j - 2] as number) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (i > 0 && rowMin > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}
