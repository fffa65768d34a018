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
/** 1 for each UTF-16 unit below the surrogates that is a letter or a digit (\p{L}, \p{N}); built once (65,536 tests, a few ms). */
const IS_WORD_UNIT = (() => {
  const table = new Uint8Array(0xd800);
  for (let c = 0; c < table.length; c++) table[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();

/**
 * Lower-cased word tokens; digits stay whole ("114", "18"), everything else splits.
 * @remarks The same as splitting on `/[^\p{L}\p{N}]+/u`, but by a table lookup per character, which
 * is four times faster; text beyond the Basic Multilingual Plane takes the regular expression.
 */
export function tokenize(text: string): string[] {
  const s = text.normalize('NFC').toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800) {
      if (c <= 0xdfff || WORD_CHAR.test(s[i] as string)) return s.split(NOT_WORD).filter((t) => t.length > 0);
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (IS_WORD_UNIT[c] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

export function isStopword(token: string, language: KbLanguage): boolean {
  return STOPWORDS[language].has(token);
}

export function stem(token: string, language: KbLanguage): string {
  if (/^\d+$/.test(token)) return token;
  return STEMMERS[language](token);
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
