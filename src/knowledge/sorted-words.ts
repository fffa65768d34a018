/**
 * Distinct words in sorted order, searched as a trie: a prefix is a range of the array, and words
 * within a few edits of a given word are found by walking the array with one edit-distance row per
 * letter, reusing the rows of the letters a word shares with the previous one and skipping every
 * word under a prefix that is already too far off.
 * @remarks Building is one sort (a few tens of milliseconds for 100,000 words), where an index of
 * every word's deletions (symmetric delete) takes seconds and hundreds of megabytes at that size.
 * @example new SortedWords(['polis', 'polisen', 'police']).withPrefix('polis') → ['polis', 'polisen']
 */
export class SortedWords {
  readonly words: readonly string[];
  /** shared[i]: how many first letters words[i] shares with words[i - 1] (up to 255). */
  private readonly shared: Uint8Array;

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)].sort();
    this.shared = new Uint8Array(this.words.length);
    for (let i = 1; i < this.words.length; i++) {
      const a = this.words[i - 1] as string;
      const b = this.words[i] as string;
      const limit = Math.min(a.length, b.length, 255);
      let n = 0;
      while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
      this.shared[i] = n;
    }
  }

  /** The index range [from, to) of the words that start with `prefix` (the prefix itself included). */
  prefixRange(prefix: string, from = 0, to = this.words.length): [number, number] {
    const start = this.lowerBound(prefix, from, to);
    return [start, this.lowerBound(`${prefix}\uffff`, start, to)];
  }

  withPrefix(prefix: string): string[] {
    const [from, to] = this.prefixRange(prefix);
    return this.words.slice(from, to);
  }

  /**
   * Every word within `max` edits of `word`, with its index and distance, in sorted order.
   * Edits are insertions, deletions and substitutions (Levenshtein); with `transpositions`, a swap
   * of two neighbouring letters is one edit too (optimal string alignment).
   * @param range only words in this index range are considered (e.g. `prefixRange(word[0])`).
   */
  near(word: string, max: number, options: { transpositions?: boolean; range?: [number, number] } = {}): { index: number; distance: number }[] {
    const [from, to] = options.range ?? [0, this.words.length];
    const swaps = options.transpositions ?? false;
    const n = word.length;
    const cols = n + 1;
    const longest = n + max;
    const far = max + 1;
    // rows[j * cols + i]: edits between the first j letters of the candidate and the first i of
    // `word`. Only the band |i - j| <= max is computed: outside it the distance exceeds max anyway,
    // and the cells next to the band hold max + 1.
    const rows = new Uint16Array((longest + 2) * cols);
    for (let i = 0; i <= n; i++) rows[i] = i <= max ? i : far;
    const out: { index: number; distance: number }[] = [];
    let valid = 0; // rows 1..valid hold the previous candidate's first letters
    let k = from;
    while (k < to) {
      const candidate = this.words[k] as string;
      const shared = k === from ? 0 : Math.min(valid, this.shared[k] as number);
      let tooFar = 0; // the first row that no word starting with these letters can recover from
      for (let j = shared + 1; j <= candidate.length; j++) {
        if (j > longest) {
          tooFar = j;
          break;
        }
        const ch = candidate.charCodeAt(j - 1);
        const row = j * cols;
        const up = row - cols;
        const lo = Math.max(1, j - max);
        const hi = Math.min(n, j + max);
        rows[row + lo - 1] = lo === 1 ? j : far;
        let min = lo === 1 && j <= max ? j : far;
        for (let i = lo; i <= hi; i++) {
          const cost = ch === word.charCodeAt(i - 1) ? 0 : 1;
          let v = Math.min((rows[up + i - 1] as number) + cost, (rows[up + i] as number) + 1, (rows[row + i - 1] as number) + 1);
          if (swaps && j > 1 && i > 1 && ch === word.charCodeAt(i - 2) && candidate.charCodeAt(j - 2) === word.charCodeAt(i - 1)) {
            v = Math.min(v, (rows[up - cols + i - 2] as number) + 1);
          }
          rows[row + i] = v;
          if (v < min) min = v;
        }
        if (hi < n) rows[row + hi + 1] = far;
        // Row minima never decrease (with swaps too: a swap costs no less than the row before), so
        // no word that starts with these letters can come back within `max`.
        if (min > max) {
          tooFar = j;
          break;
        }
      }
      if (tooFar > 0) {
        valid = tooFar - 1;
        k++;
        while (k < to && (this.shared[k] as number) >= tooFar) k++;
        continue;
      }
      valid = candidate.length;
      if (Math.abs(candidate.length - n) <= max) {
        const distance = rows[candidate.length * cols + n] as number;
        if (distance <= max) out.push({ index: k, distance });
      }
      k++;
    }
    return out;
  }

  /** The first index in [from, to) whose word is not below `key`. */
  private lowerBound(key: string, from: number, to: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.words[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
