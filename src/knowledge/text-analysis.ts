import { eng as englishStopwords, swe as swedishStopwords } from 'stopword';
import type { KbLanguage } from './article';

/**
 * Text analysis shared by the index and the query: tokens → lower-case → stop words out → stems,
 * plus Swedish compound splitting against the knowledge base's own vocabulary.
 * @remarks Snowball stemmers (via @orama/stemmers) and stop-word lists (via `stopword`) are
 * well-kept libraries; what is ours is the small list of words those lists get wrong for this domain.
 */

/** Words the stop-word lists drop but that carry meaning in routines ("genast" = immediately). */
const KEEP: Record<KbLanguage, ReadonlySet<string>> = {
  sv: new Set(['genast', 'beslut', 'beslutat', 'ensam', 'hjälp', 'hjälpa', 'fara', 'nummer', 'barn', 'ung', 'unga', 'år', 'tid', 'natt']),
  en: new Set(['help', 'danger', 'number', 'child', 'alone', 'night', 'time']),
};
/** Question filler the lists miss; they say nothing about which routine is meant. */
const EXTRA_STOP: Record<KbLanguage, readonly string[]> = {
  sv: [
    'vad', 'vem', 'vilka', 'vilken', 'vilket', 'hur', 'när', 'gör', 'göra', 'gäller', 'ska', 'skall', 'bör', 'måste',
    'någon', 'något', 'några', 'just', 'nu', 'egentligen', 'snälla', 'tack', 'hej', 'fråga', 'frågar', 'undrar', 'jag',
    'vi', 'man', 'får', 'kan', 'kunna', 'tror', 'tycker', 'jobbar', 'arbetar', 'behöver', 'vill', 'veta', 'vet',
    'säga', 'säger', 'berätta', 'förklara', 'person', 'personen', 'människa', 'kille', 'tjej', 'typ', 'liksom', 'ingår',
  ],
  en: [
    'what', 'whats', "what's", 'who', 'whom', 'which', 'how', 'when', 'where', 'do', 'does', 'did', 'should', 'must',
    'can', 'could', 'would', 'may', 'might', 'someone', 'somebody', 'something', 'anyone', 'anybody', 'right', 'now',
    'please', 'thanks', 'hi', 'hello', 'question', 'wonder', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'get', 'go',
    'there', 'here', 'tell', 'know', 'need', 'want', 'think', 'believe', 'guess', 'work', 'working', 'explain', 'say',
    'person', 'people', 'man', 'woman', 'guy', 'girl', 'kind', 'sort', 'really', 'actually', 'included', 'include',
  ],
};

const STOPWORDS: Record<KbLanguage, ReadonlySet<string>> = {
  sv: new Set([...swedishStopwords, ...EXTRA_STOP.sv].filter((w) => !KEEP.sv.has(w))),
  en: new Set([...englishStopwords, ...EXTRA_STOP.en].filter((w) => !KEEP.en.has(w))),
};

type Stemmer = { stemmer: (word: string) => string };
// @orama/stemmers ships CommonJS builds but ESM-only type declarations; require() is the CJS entry.
const STEMMERS: Record<KbLanguage, (w: string) => string> = {
  sv: (require('@orama/stemmers/swedish') as Stemmer).stemmer,
  en: (require('@orama/stemmers/english') as Stemmer).stemmer,
};

const WORD_CHAR = /[\p{L}\p{N}]/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/**
 * Characters the fast path below does not handle: beyond the table (surrogates and U+E000 on),
 * "İ" (lower-cases to two characters, the second not a letter) and "Σ" (lower-cases by context).
 */
const SLOW_PATH = /[\u0130\u03a3\ud800-\uffff]/;
/** 1 for each UTF-16 unit below the surrogates that is a letter or a digit (\p{L}, \p{N}); built once (55,296 tests, a few ms). */
const IS_WORD_UNIT = (() => {
  const table = new Uint8Array(0xd800);
  for (let c = 0; c < table.length; c++) table[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The tokens of a text without making a string of each, for indexing (most tokens are words seen
 * before): `visit(s, start, end, hash)` is called for each token, in order; the token is
 * `s.slice(start, end).toLowerCase()` and `hash` the FNV-1a hash of those code units of `s`.
 * @remarks Lower-casing the whole text first is what the rule says, but it is slow on two-byte
 * strings; every character outside {@link SLOW_PATH} lower-cases to one character of the same
 * class and independently of its neighbours, so lower-casing each token gives the same tokens.
 */
export function scanTokens(text: string, visit: (s: string, start: number, end: number, hash: number) => void): void {
  const s = text.normalize('NFC');
  if (SLOW_PATH.test(s)) {
    for (const t of s.toLowerCase().split(NOT_WORD)) {
      if (t.length === 0) continue;
      let h = FNV_OFFSET;
      for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), FNV_PRIME);
      visit(t, 0, t.length, h >>> 0);
    }
    return;
  }
  let start = -1;
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (IS_WORD_UNIT[c] === 1) {
      if (start < 0) {
        start = i;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (start >= 0) {
      visit(s, start, i, h >>> 0);
      start = -1;
    }
  }
  if (start >= 0) visit(s, start, s.length, h >>> 0);
}

/** Where a sentence ends: full stops, question or exclamation marks or a semicolon, before a space or the end ("3.5" and "kl. 3.30" go on). */
export const SENTENCE_END = /[.!?;]+(?=\s|$)/gu;
/** The same, captured, to split a text and keep each sentence's end. */
const SENTENCE_SPLIT = new RegExp(`(${SENTENCE_END.source})`, 'u');

/** The sentences of a text, each with whether it asks (ends with a question mark). */
export function sentences(text: string): { readonly text: string; readonly asks: boolean }[] {
  const parts = text.split(SENTENCE_SPLIT);
  const out: { text: string; asks: boolean }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = (parts[i] as string).trim();
    if (sentence) out.push({ text: sentence, asks: (parts[i + 1] ?? '').includes('?') });
  }
  return out;
}

/**
 * Lower-cased word tokens; digits stay whole ("114", "18"), everything else splits.
 * @remarks The same as splitting the lower-cased NFC text on `/[^\p{L}\p{N}]+/u`, several times faster.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (s, start, end) => out.push(s.slice(start, end).toLowerCase()));
  return out;
}

export function isStopword(token: string, language: KbLanguage): boolean {
  return STOPWORDS[language].has(token);
}

/**
 * Stems already computed, per language. Questions stem the same words again and again (spelling,
 * thesaurus, compound splitting and search each stem the question), and the Snowball stemmers
 * are regular-expression heavy. Bounded: emptied when full, as a cache of a pure function may be.
 */
const STEM_CACHE: Record<KbLanguage, Map<string, string>> = { sv: new Map(), en: new Map() };
const STEM_CACHE_SIZE = 20_000;

export function stem(token: string, language: KbLanguage): string {
  const cache = STEM_CACHE[language];
  let stemmed = cache.get(token);
  if (stemmed === undefined) {
    stemmed = isNumber(token) ? token : STEMMERS[language](token);
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    cache.set(token, stemmed);
  }
  return stemmed;
}

function isNumber(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return token.length > 0;
}

/**
 * Split a Swedish compound into parts that the vocabulary knows ("stödtelefon" → "stöd", "telefon";
 * "arbetsmiljö" → "arbet", "miljö" with the linking s). Returns [] when no split is found.
 */
export function splitCompound(token: string, vocabulary: ReadonlySet<string>, language: KbLanguage): string[] {
  // A word the knowledge base already uses whole is not split ("myndighet" is not "mynd" + "het").
  if (language !== 'sv' || token.length < 7 || /\d/.test(token) || vocabulary.has(stem(token, language))) return [];
  for (let i = token.length - 4; i >= 3; i--) {
    const head = token.slice(0, i);
    const tail = stem(token.slice(i), language);
    if (!vocabulary.has(tail) || tail.length < 4) continue;
    const heads = [stem(head, language), head, head.endsWith('s') ? stem(head.slice(0, -1), language) : ''];
    const knownHead = heads.find((h) => h.length >= 3 && vocabulary.has(h));
    if (knownHead) return [knownHead, tail];
  }
  return [];
}

/** The searchable terms of a text: stems of its non-stop words. */
export function analyze(text: string, language: KbLanguage): string[] {
  return tokenize(text)
    .filter((t) => !isStopword(t, language))
    .map((t) => stem(t, language));
}

/**
 * Which knowledge-base language a question is written in, when the words say so clearly
 * (a Swedish question from a Teams client set to English is still Swedish). Undefined when unsure.
 */
export function detectLanguage(text: string): KbLanguage | undefined {
  const tokens = tokenize(text);
  const sv = tokens.filter((t) => STOPWORDS.sv.has(t) && !STOPWORDS.en.has(t)).length + (/[åäö]/i.test(text) ? 2 : 0);
  const en = tokens.filter((t) => STOPWORDS.en.has(t) && !STOPWORDS.sv.has(t)).length;
  if (sv >= en + 2 || (sv > 0 && en === 0)) return 'sv';
  if (en >= sv + 2 || (en > 0 && sv === 0)) return 'en';
  return undefined;
}
