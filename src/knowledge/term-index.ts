import { SortedWords } from './sorted-words';
import { scanTokens } from './text-analysis';

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

  /** Whether `doc` matched at least one of these query terms. */
  hasAny(doc: number, terms: readonly number[]): boolean {
    for (const t of terms) if (this.has(doc, t)) return true;
    return false;
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

/**
 * An inverted index with MiniSearch's ranking (BM25+, field boosts, term boosts, prefix and fuzzy
 * matches weighted by how far they are from the query term, the sum multiplied by the number of
 * query terms matched), stored flat: 10,000 articles index in about a second, and a question
 * scores its matches in typed arrays, without an object per matching document.
 * @remarks MiniSearch 7.2 ranks the same way (test/knowledge/term-index.test.ts compares the two
 * on the example knowledge base), but it indexes one token at a time into nested Maps (8–12 s
 * for 20,000 articles here) and allocates per matching document and term when searching.
 * Documents are numbered in the order they are added.
 */
export class TermIndex {
  private readonly sorted: SortedWords;
  /** Term id of each word of `sorted`, by position. */
  private readonly sortedIds: Int32Array;
  /** BM25's length part per document and field, k·(1 − b + b·length/average), computed once. */
  private readonly lengthNorm: Float64Array;
  private readonly termScore: Float64Array;
  private readonly listed: Uint8Array;

  /** Made by {@link TermIndexBuilder}. */
  constructor(
    private readonly fieldCount: number,
    private readonly boosts: readonly number[],
    private readonly ids: ReadonlyMap<string, number>,
    /** Documents and frequencies of term t in field f, documents ascending: postings[offsets[t·fieldCount + f] … offsets[t·fieldCount + f + 1]), in pairs. */
    private readonly postings: Int32Array,
    private readonly offsets: Int32Array,
    /** fieldLength[doc * fieldCount + field]: distinct tokens in that field. */
    fieldLength: Int32Array,
    avgFieldLength: Float64Array,
    readonly documentCount: number,
  ) {
    this.sorted = new SortedWords(ids.keys());
    this.sortedIds = Int32Array.from(this.sorted.words, (w) => ids.get(w) as number);
    // Same operations in the same order as MiniSearch, so the scores are the same to the last bit.
    this.lengthNorm = Float64Array.from(fieldLength, (length, i) => K * (1 - B + (B * length) / (avgFieldLength[i % fieldCount] as number)));
    this.termScore = new Float64Array(documentCount);
    this.listed = new Uint8Array(documentCount);
  }

  /** Every indexed term. */
  terms(): IterableIterator<string> {
    return this.ids.keys();
  }

  /** Score every document that matches at least one query term (OR). */
  search(query: readonly QueryTerm[]): TermMatches {
    const n = this.documentCount;
    const fields = this.fieldCount;
    const wordsPerDoc = Math.max(1, Math.ceil(query.length / 32));
    const total = new Float64Array(n);
    const matched = new Uint32Array(n * wordsPerDoc);
    // Scratch, reused by every search: a term's score is set at its first match of a document, and
    // `listed` is cleared below.
    const { termScore, listed } = this;
    const docs: number[] = [];
    const termCounts = new Int32Array(query.length);
    query.forEach((q, qi) => {
      const word = qi >>> 5;
      const bit = 1 << (qi & 31);
      const termDocs: number[] = [];
      // One index term the query term stands for, with its weight: BM25+ per field it occurs in.
      const score = (id: number, weight: number) => {
        for (let f = 0; f < fields; f++) {
          const from = this.offsets[id * fields + f] as number;
          const to = this.offsets[id * fields + f + 1] as number;
          if (from === to) continue;
          const df = (to - from) >>> 1;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const factor = weight * q.boost * (this.boosts[f] as number) * 1;
          for (let i = from; i < to; i += 2) {
            const doc = this.postings[i] as number;
            const tf = this.postings[i + 1] as number;
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
      listed[doc] = 0;
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
 * Builds a {@link TermIndex} one document at a time from the fields' texts. Each distinct token is
 * analysed once (`analyze`: its index term, or null for a stop word) and counted on the way.
 * @remarks Most of the time of indexing 10,000 articles goes to finding each token's number, so
 * tokens are found as written, by hashing their characters in place (no string, no lower-casing,
 * no Map lookup for a token seen before), and what is kept per token and per term sits in flat
 * typed arrays, a few memory reads per token.
 */
export class TermIndexBuilder {
  /** Tokens as written ("Polisen", "polisen"), by hash: see {@link WrittenTokens}. */
  private readonly written = new WrittenTokens();
  /** Lower-cased tokens and their numbers. */
  private readonly tokenIds = new Map<string, number>();
  /** Per lower-cased token, three numbers: its term (-1 for a stop word), count, and last (document, field) seen. */
  private tokenData = new Int32Array(3 << 12);
  private readonly ids = new Map<string, number>();
  /** Per term, two numbers: the last (document, field) that had it, and how often. */
  private termData = new Int32Array(2 << 12);
  /** (term·fieldCount + field, document, frequency) triples in the order met; sorted by term and field when built. */
  private stream = new Int32Array(3 << 16);
  private streamLength = 0;
  private readonly fieldLengths: number[] = [];
  private readonly avgFieldLength: Float64Array;
  private documentCount = 0;

  constructor(
    private readonly boosts: readonly number[],
    private readonly analyze: (token: string) => string | null,
  ) {
    this.avgFieldLength = new Float64Array(boosts.length);
  }

  /**
   * Add a document: its fields in the order of `boosts`, each a text or several (tokenised as if
   * joined by spaces).
   */
  add(fields: readonly (string | readonly string[])[]): void {
    const doc = this.documentCount;
    const fieldCount = this.boosts.length;
    const seen: number[] = [];
    let stamp = 0;
    let distinct = 0;
    const visit = (s: string, start: number, end: number, hash: number) => {
      let token = this.written.find(s, start, end, hash);
      if (token < 0) token = this.newToken(s, start, end, hash);
      const tokens = this.tokenData;
      const at = token * 3;
      tokens[at + 1] = (tokens[at + 1] as number) + 1;
      if (tokens[at + 2] !== stamp) {
        tokens[at + 2] = stamp;
        distinct++;
      }
      const term = tokens[at] as number;
      if (term < 0) return;
      const terms = this.termData;
      if (terms[term * 2] !== stamp) {
        terms[term * 2] = stamp;
        terms[term * 2 + 1] = 1;
        seen.push(term);
      } else {
        terms[term * 2 + 1] = (terms[term * 2 + 1] as number) + 1;
      }
    };
    for (let f = 0; f < fieldCount; f++) {
      stamp = doc * fieldCount + f + 1;
      seen.length = 0;
      distinct = 0;
      const field = fields[f] ?? '';
      if (typeof field === 'string') scanTokens(field, visit);
      else for (const text of field) scanTokens(text, visit);
      let stream = this.stream;
      let at = this.streamLength;
      if (at + 3 * seen.length > stream.length) {
        stream = grow(stream, at + 3 * seen.length);
        this.stream = stream;
      }
      for (const term of seen) {
        stream[at++] = term * fieldCount + f;
        stream[at++] = doc;
        stream[at++] = this.termData[term * 2 + 1] as number;
      }
      this.streamLength = at;
      // A field's length is its number of distinct tokens, stop words included; the running
      // average is updated as MiniSearch does it, so BM25 sees the same numbers.
      this.fieldLengths.push(distinct);
      this.avgFieldLength[f] = ((this.avgFieldLength[f] as number) * doc + distinct) / (doc + 1);
    }
    this.documentCount++;
  }

  /** Each distinct (lower-cased) token of the documents added so far, with how often it occurred. */
  *tokenCounts(): IterableIterator<[string, number]> {
    for (const [token, id] of this.tokenIds) yield [token, this.tokenData[id * 3 + 1] as number];
  }

  build(): TermIndex {
    // Counting sort of the triples by (term, field); documents stay ascending within each.
    const slots = this.ids.size * this.boosts.length;
    const offsets = new Int32Array(slots + 1);
    const stream = this.stream;
    for (let i = 0; i < this.streamLength; i += 3) offsets[(stream[i] as number) + 1] = (offsets[(stream[i] as number) + 1] as number) + 2;
    for (let slot = 0; slot < slots; slot++) offsets[slot + 1] = (offsets[slot + 1] as number) + (offsets[slot] as number);
    const postings = new Int32Array(offsets[slots] as number);
    const next = offsets.slice(0, slots);
    for (let i = 0; i < this.streamLength; i += 3) {
      const slot = stream[i] as number;
      const at = next[slot] as number;
      postings[at] = stream[i + 1] as number;
      postings[at + 1] = stream[i + 2] as number;
      next[slot] = at + 2;
    }
    return new TermIndex(this.boosts.length, this.boosts, this.ids, postings, offsets, Int32Array.from(this.fieldLengths), this.avgFieldLength, this.documentCount);
  }

  /** A token written in a way not seen before: its lower-cased token's number, analysed if that is new too. */
  private newToken(s: string, start: number, end: number, hash: number): number {
    const lower = s.slice(start, end).toLowerCase();
    let id = this.tokenIds.get(lower);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(lower, id);
      const term = this.analyze(lower);
      let termId = -1;
      if (term) {
        termId = this.ids.get(term) ?? -1;
        if (termId < 0) {
          termId = this.ids.size;
          this.ids.set(term, termId);
          if (this.termData.length < this.ids.size * 2) this.termData = grow(this.termData, this.ids.size * 2);
        }
      }
      if (this.tokenData.length < this.tokenIds.size * 3) this.tokenData = grow(this.tokenData, this.tokenIds.size * 3);
      this.tokenData[id * 3] = termId;
    }
    this.written.add(s, start, end, hash, id);
    return id;
  }
}

/** A copy of `array` with room for at least `length` numbers (twice as many, or more). */
function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(array.length * 2, length));
  grown.set(array);
  return grown;
}

/**
 * Tokens as written, each with a number, in an open-addressing hash table whose entries hold the
 * hash, where the characters are (in one pool), the length and the number: finding a token seen
 * before reads one entry and its characters.
 */
class WrittenTokens {
  /** Four numbers per entry: hash, 1 + start in `pool` (0: empty), length, value. */
  private entries = new Int32Array(4 << 16);
  private count = 0;
  private pool = new Uint16Array(1 << 18);
  private poolLength = 0;

  /** The value stored for `s.slice(start, end)` (whose hash is `hash`), or -1. */
  find(s: string, start: number, end: number, hash: number): number {
    const entries = this.entries;
    const mask = entries.length - 1;
    const length = end - start;
    const h = hash | 0;
    for (let at = (h << 2) & mask; ; at = (at + 4) & mask) {
      const where = entries[at + 1] as number;
      if (where === 0) return -1;
      if (entries[at] === h && entries[at + 2] === length && this.same(where - 1, s, start, length)) return entries[at + 3] as number;
    }
  }

  add(s: string, start: number, end: number, hash: number, value: number): void {
    const length = end - start;
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < length; i++) this.pool[this.poolLength + i] = s.charCodeAt(start + i);
    this.count++;
    // At most half full: grow and place every entry again.
    if (this.count * 2 * 4 > this.entries.length) {
      const old = this.entries;
      this.entries = new Int32Array(old.length * 2);
      for (let at = 0; at < old.length; at += 4) {
        if (old[at + 1] !== 0) this.place(old[at] as number, old[at + 1] as number, old[at + 2] as number, old[at + 3] as number);
      }
    }
    this.place(hash | 0, this.poolLength + 1, length, value);
    this.poolLength += length;
  }

  private place(hash: number, where: number, length: number, value: number): void {
    const entries = this.entries;
    const mask = entries.length - 1;
    let at = (hash << 2) & mask;
    while (entries[at + 1] !== 0) at = (at + 4) & mask;
    entries[at] = hash;
    entries[at + 1] = where;
    entries[at + 2] = length;
    entries[at + 3] = value;
  }

  private same(from: number, s: string, start: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.pool[from + i] !== s.charCodeAt(start + i)) return false;
    return true;
  }
}
