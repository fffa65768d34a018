/**
 * A large knowledge base made from the example one, for the knowledge benchmark: seeded, so every
 * run searches the same articles. Real titles, summaries, steps, tags and synonyms are recombined,
 * and a fifth of their longer words replaced by other real words or by generated terms (pieces of
 * real words put together, and for Swedish compounds of two real words, standing in for places,
 * organisations and local terms), so the vocabulary grows with the number of articles as a real
 * knowledge base's does: 73,156 distinct words at 10,000 articles per language.
 */
import type { Article, Audience, KbLanguage } from '../src/knowledge/article';
import { AUDIENCES } from '../src/knowledge/article';
import { tokenize } from '../src/knowledge/text-analysis';
import { seededRandom } from '../test/support/seeded-random';

/** How many generated terms per article enter the vocabulary pool (a real KB of 10,000 routines has tens of thousands of words). */
const TERMS_PER_ARTICLE = 4;
/** Share of a sentence's longer words replaced by another word. */
const REPLACE = 0.2;

interface Material {
  titles: string[];
  summaries: string[];
  sentences: string[];
  escalations: string[];
  tags: string[];
  synonyms: string[];
  words: string[];
}

function material(articles: readonly Article[]): Material {
  const m: Material = { titles: [], summaries: [], sentences: [], escalations: [], tags: [], synonyms: [], words: [] };
  for (const a of articles) {
    m.titles.push(a.title);
    m.summaries.push(a.summary);
    m.sentences.push(...a.steps, ...a.notes);
    m.escalations.push(a.escalation);
    m.tags.push(...a.tags);
    m.synonyms.push(...a.synonyms);
    for (const t of tokenize([a.title, a.summary, ...a.steps, ...a.notes].join(' '))) if (t.length >= 4 && !/\d/.test(t)) m.words.push(t);
  }
  m.words = [...new Set(m.words)].sort();
  return m;
}

/**
 * Words made of pieces of real words (2–4 letter chunks), and for Swedish also compounds of two
 * real words: "hotellrutin", "Fjällbovägen". Deterministic for a seed; no duplicates of real words.
 */
function generatedTerms(words: readonly string[], language: KbLanguage, count: number, random: () => number): string[] {
  const chunks = [...new Set(words.flatMap((w) => [w.slice(0, 3), w.slice(-3), w.slice(1, 4), w.slice(2, 4)]).filter((c) => c.length >= 2))].sort();
  const known = new Set(words);
  const out = new Set<string>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  while (out.size < count) {
    let term: string;
    if (language === 'sv' && random() < 0.35) term = pick(words) + pick(words);
    else {
      const n = 2 + Math.floor(random() * 3);
      term = Array.from({ length: n }, () => pick(chunks)).join('');
    }
    if (term.length >= 4 && term.length <= 22 && !known.has(term)) out.add(term);
  }
  return [...out];
}

/**
 * `count` articles in each language: the real ones first, then generated ones with the same ids in
 * both languages (the loader's rule) and one audience per id.
 */
export function generateKnowledgeBase(real: readonly Article[], count: number, seed = 1): Article[] {
  const languages = [...new Set(real.map((a) => a.language))];
  const audienceRandom = seededRandom(seed);
  const extra = Math.max(0, count - real.filter((a) => a.language === languages[0]).length);
  const audiences: Audience[][] = Array.from({ length: extra }, () => {
    const set = AUDIENCES.filter(() => audienceRandom() < 0.6);
    return set.length > 0 ? set : ['staff'];
  });
  // An article has as many steps in every language (validation checks it), as audiences.
  const stepCounts = Array.from({ length: extra }, () => 3 + Math.floor(audienceRandom() * 5));
  const out: Article[] = [...real];
  for (const [li, language] of languages.entries()) {
    const random = seededRandom(seed * 1000 + li + 1);
    const m = material(real.filter((a) => a.language === language));
    const terms = generatedTerms(m.words, language, extra * TERMS_PER_ARTICLE, random);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    // Zipf-like: a few generated terms are common (a region, an agency), most are rare.
    const term = () => terms[Math.floor(terms.length * random() ** 2.5)] as string;
    const rewrite = (sentence: string) =>
      sentence.replace(/[\p{L}]{4,}/gu, (w) => {
        if (random() >= REPLACE) return w;
        return random() < 0.6 ? term() : pick(m.words);
      });
    for (let i = 0; i < extra; i++) {
      const place = term();
      const steps = Array.from({ length: stepCounts[i] as number }, () => rewrite(pick(m.sentences)));
      out.push({
        id: `generated-${i}`,
        language,
        title: `${rewrite(pick(m.titles))} (${place})`,
        summary: rewrite(pick(m.summaries)),
        audience: audiences[i] as Audience[],
        tags: [...new Set([...Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(m.tags)), place, term()])],
        synonyms: m.synonyms.length > 0 ? Array.from({ length: Math.floor(random() * 4) }, () => pick(m.synonyms)) : [],
        owner: 'Generated',
        lastReviewed: '2026-01-01',
        sources: [{ ref: 'G1', title: 'Generated', url: 'https://example.org/generated' }],
        related: [],
        example: true,
        label: '',
        steps,
        escalation: rewrite(pick(m.escalations)),
        notes: random() < 0.3 ? [rewrite(pick(m.sentences))] : [],
        file: `${language}/generated-${i}.md`,
      });
    }
  }
  return out;
}
