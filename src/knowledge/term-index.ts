import { SortedWords } from './sorted-words';

/**
 * An inverted index with MiniSearch's ranking (BM25+, field boosts, term boosts, prefix and fuzzy
 * matches weighted by how far they are from the query term, the sum multiplied by the number of
 * query terms matched), stored compactly so that 10,000 articles index in about a second and a
 * question scores its matches without allocating per document.
 * @remarks MiniSearch 7.2 ranked the same way (test/knowledge/term-index.test.ts compares the two on
 * the example knowledge base), but it indexes one token at a time into nested Maps (about 12 s for
 * 20,000 articles here) and allocates an object per matching document and term when searching.
 * Documents are numbered in the order they are added.
 */

/** MiniSearch's defaults: BM25 k, b and the BM25+ lower bound d; weights of prefix and fuzzy matches. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** One term of a query. */
export interface QueryTerm {
  readonly term: string;
  /** Multiplies the term's score (a synonym counts less than the user's own word). */
  readonly boost: number;
  /** Also match longer index terms that start with this one. */
  readonly prefix: boolean;
  /** Also match index terms within this many edits (Levenshtein); 0 for none. */
  readonly fuzzy: number;
  /** Fuzzy matches must start with the same letter (MiniSearch has no such rule; it makes them about 20 times cheaper). */
  readonly fuzzyKeepsFirstLetter?: boolean;
}

/** Every document that matched a query, with its score and which query terms it matched. */
export class TermMatches {
  constructor(
    /** The matching documents, in the order they were first matched (the order of equal scores). */
    readonly docs: Int32Array,
    private readonly scores: Float64Array,
    private readonly matched: Uint32Array,
    private readonly wordsPerDoc: number,
    /** How many documents each query term matched. */
    private readonly termCounts: Int32Array,
  ) {}

  score(doc: number): number {
    return this.scores[doc] ?? 0;
  }

  /** Whether `doc` matched query term number `term` (directly, by prefix or fuzzily). */
  has(doc: number, term: number): boolean {
    return (((this.matched[doc * this.wordsPerDoc + (term >>> 5)] as number) >>> (term & 31)) & 1) === 1;
  }

  /** How many documents matched at least one of these query terms. */
  count(terms: readonly number[]): number {
    if (terms.length === 1) return this.termCounts[terms[0] as number] ?? 0;
    const mask = new Uint32Array(this.wordsPerDoc);
    for (const t of terms) mask[t >>> 5] = (mask[t >>> 5] as number) | (1 << (t & 31));
    let n = 0;
    for (const doc of this.docs) {
      for (let w = 0; w < this.wordsPerDoc; w++) {
        if (((this.matched[doc * this.wordsPerDoc + w] as number) & (mask[w] as number)) !== 0) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** The `limit` best documents that pass `accept`, best first; equal scores keep their first-matched order. */
  top(limit: number, accept: (doc: number) => boolean): number[] {
    const best: number[] = [];
    for (const doc of this.docs) {
      const s = this.scores[doc] as number;
      if (best.length === limit && s <= (this.scores[best[limit - 1] as number] as number)) continue;
      if (!accept(doc)) continue;
      let at = best.length;
      while (at > 0 && (this.scores[best[at - 1] as number] as number) < s) at--;
      best.splice(at, 0, doc);
      if (best.length > limit) best.pop();
    }
    return best;
  }
}

export class TermIndex {
  private readonly sorted: SortedWords;
  /** Term id of each word of `sorted`, by position. */
  private readonly sortedIds: Int32Array;
  /** BM25's length part per document and field, k·(1 − b + b·length/average), computed once. */
  private readonly lengthNorm: Float64Array;

  /** Made by {@link TermIndexBuilder}. */
  constructor(
    private readonly fieldCount: number,
    private readonly boosts: readonly number[],
    private readonly ids: ReadonlyMap<string, number>,
    /** postings[term * fieldCount + field]: document, frequency, document, frequency, … (documents ascending). */
    private readonly postings: readonly (number[] | undefined)[],
    /** fieldLength[doc * fieldCount + field]: distinct tokens in that field. */
    fieldLength: Int32Array,
    avgFieldLength: Float64Array,
    readonly documentCount: number,
  ) {
    this.sorted = new SortedWords(ids.keys());
    this.sortedIds = Int32Array.from(this.sorted.words, (w) => ids.get(w) as number);
    // Same operations in the same order as MiniSearch, so the scores are the same to the last bit.
    this.lengthNorm = Float64Array.from(fieldLength, (length, i) => K * (1 - B + (B * length) / (avgFieldLength[i % fieldCount] as number)));
  }

  /** Every indexed term. */
  terms(): IterableIterator<string> {
    return this.ids.keys();
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** Score every document that matches at least one query term (OR). */
  search(query: readonly QueryTerm[]): TermMatches {
    const n = this.documentCount;
    const fields = this.fieldCount;
    const wordsPerDoc = Math.max(1, Math.ceil(query.length / 32));
    const total = new Float64Array(n);
    const matched = new Uint32Array(n * wordsPerDoc);
    const termScore = new Float64Array(n);
    const listed = new Uint8Array(n);
    const docs: number[] = [];
    const termCounts = new Int32Array(query.length);
    query.forEach((q, qi) => {
      const word = qi >>> 5;
      const bit = 1 << (qi & 31);
      const termDocs: number[] = [];
      // One index term the query term stands for, with its weight: BM25+ per field it occurs in.
      const score = (id: number, weight: number) => {
        for (let f = 0; f < fields; f++) {
          const list = this.postings[id * fields + f];
          if (!list) continue;
          const df = list.length >>> 1;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const factor = weight * q.boost * (this.boosts[f] as number) * 1;
          for (let i = 0; i < list.length; i += 2) {
            const doc = list[i] as number;
            const tf = list[i + 1] as number;
            const s = factor * (idf * (D + (tf * (K + 1)) / (tf + (this.lengthNorm[doc * fields + f] as number))));
            const slot = doc * wordsPerDoc + word;
            if (((matched[slot] as number) & bit) === 0) {
              matched[slot] = (matched[slot] as number) | bit;
              termScore[doc] = s;
              termDocs.push(doc);
            } else {
              termScore[doc] = (termScore[doc] as number) + s;
            }
          }
        }
      };
      this.forEachDerived(q, score);
      termCounts[qi] = termDocs.length;
      for (const doc of termDocs) {
        if (listed[doc] === 0) {
          listed[doc] = 1;
          docs.push(doc);
          total[doc] = termScore[doc] as number;
        } else {
          total[doc] = (total[doc] as number) + (termScore[doc] as number);
        }
      }
    });
    // The sum is multiplied by the number of query terms the document matched.
    for (const doc of docs) {
      let count = 0;
      for (let w = 0; w < wordsPerDoc; w++) count += popcount(matched[doc * wordsPerDoc + w] as number);
      total[doc] = (total[doc] as number) * count;
    }
    return new TermMatches(Int32Array.from(docs), total, matched, wordsPerDoc, termCounts);
  }

  /** The index terms a query term stands for, with their weights: itself, longer terms it starts, terms a few edits away. */
  private forEachDerived(q: QueryTerm, visit: (id: number, weight: number) => void): void {
    const exact = this.ids.get(q.term);
    if (exact !== undefined) visit(exact, 1);
    let prefixed: [number, number] = [0, 0];
    if (q.prefix) {
      prefixed = this.sorted.prefixRange(q.term);
      for (let i = prefixed[0]; i < prefixed[1]; i++) {
        const length = (this.sorted.words[i] as string).length;
        const distance = length - q.term.length;
        if (distance === 0) continue;
        visit(this.sortedIds[i] as number, (PREFIX_WEIGHT * length) / (length + 0.3 * distance));
      }
    }
    if (q.fuzzy > 0) {
      const range = q.fuzzyKeepsFirstLetter ? this.sorted.prefixRange(q.term.slice(0, 1)) : undefined;
      for (const { index, distance } of this.sorted.near(q.term, q.fuzzy, { range })) {
        // A term that is also a prefix match counts once, as a prefix match.
        if (distance === 0 || (index >= prefixed[0] && index < prefixed[1])) continue;
        const length = (this.sorted.words[index] as string).length;
        visit(this.sortedIds[index] as number, (FUZZY_WEIGHT * length) / (length + distance));
      }
    }
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Builds a {@link TermIndex} one document at a time from tokens. Each distinct token is analysed
 * once (`analyze`: its index term, or null for a stop word), and the tokens are counted on the way.
 */
export class TermIndexBuilder {
  private readonly tokens = new Map<string, { id: number; term: number; count: number }>();
  private readonly ids = new Map<string, number>();
  private readonly postings: (number[] | undefined)[] = [];
  private readonly fieldLengths: number[] = [];
  private readonly avgFieldLength: Float64Array;
  private documentCount = 0;
  /** Per token and per term: the last (document, field) that saw it, and the term's frequency there. */
  private tokenStamp: number[] = [];
  private termStamp: number[] = [];
  private termFrequency: number[] = [];

  constructor(
    private readonly boosts: readonly number[],
    private readonly analyze: (token: string) => string | null,
  ) {
    this.avgFieldLength = new Float64Array(boosts.length);
  }

  /** Add a document: for each field (in the order of `boosts`), its tokens in order. */
  add(fields: readonly (readonly string[])[]): void {
    const doc = this.documentCount;
    const fieldCount = this.boosts.length;
    for (let f = 0; f < fieldCount; f++) {
      const stamp = doc * fieldCount + f + 1;
      const seen: number[] = [];
      let distinct = 0;
      for (const token of fields[f] ?? []) {
        const info = this.token(token);
        info.count++;
        if (this.tokenStamp[info.id] !== stamp) {
          this.tokenStamp[info.id] = stamp;
          distinct++;
        }
        if (info.term < 0) continue;
        if (this.termStamp[info.term] !== stamp) {
          this.termStamp[info.term] = stamp;
          this.termFrequency[info.term] = 1;
          seen.push(info.term);
        } else {
          this.termFrequency[info.term] = (this.termFrequency[info.term] as number) + 1;
        }
      }
      for (const term of seen) {
        const slot = term * fieldCount + f;
        const list = this.postings[slot];
        if (list) list.push(doc, this.termFrequency[term] as number);
        else this.postings[slot] = [doc, this.termFrequency[term] as number];
      }
      // A field's length is its number of distinct tokens, stop words included; the running
      // average is updated as MiniSearch does it, so BM25 sees the same numbers.
      this.fieldLengths.push(distinct);
      this.avgFieldLength[f] = ((this.avgFieldLength[f] as number) * doc + distinct) / (doc + 1);
    }
    this.documentCount++;
  }

  /** How often each token occurred in the documents added so far. */
  tokenCounts(): Map<string, number> {
    return new Map([...this.tokens].map(([token, { count }]) => [token, count]));
  }

  build(): TermIndex {
    return new TermIndex(
      this.boosts.length,
      this.boosts,
      this.ids,
      this.postings,
      Int32Array.from(this.fieldLengths),
      this.avgFieldLength,
      this.documentCount,
    );
  }

  private token(token: string): { id: number; term: number; count: number } {
    let info = this.tokens.get(token);
    if (!info) {
      const term = this.analyze(token);
      let id = -1;
      if (term) {
        id = this.ids.get(term) ?? -1;
        if (id < 0) {
          id = this.ids.size;
          this.ids.set(term, id);
        }
      }
      info = { id: this.tokens.size, term: id, count: 0 };
      this.tokens.set(token, info);
    }
    return info;
  }
}
