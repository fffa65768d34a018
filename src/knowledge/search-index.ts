import MiniSearch from 'minisearch';
import { canRead, type Article, type Audience, type KbLanguage } from './article';
import type { Thesaurus } from './thesaurus';
import { SpellingCorrector } from './spelling';
import { analyze, isStopword, splitCompound, stem, tokenize } from './text-analysis';

/** A ranked article with how well it covers the question (0..1) and its raw BM25 score. */
export interface SearchHit {
  readonly article: Article;
  readonly score: number;
  readonly confidence: number;
}

export interface SearchOptions {
  readonly language: KbLanguage;
  readonly audience: Audience;
  readonly limit?: number;
}

/** One word of the question and every index term that stands for it (stem, compound parts, synonyms). */
interface QueryWord {
  readonly word: string;
  readonly primary: readonly string[];
  readonly expansions: readonly string[];
}

interface LanguageIndex {
  readonly search: MiniSearch<IndexedDoc>;
  readonly vocabulary: ReadonlySet<string>;
  readonly byId: ReadonlyMap<string, Article>;
  readonly size: number;
  readonly spelling: SpellingCorrector;
}

interface IndexedDoc {
  id: string;
  title: string;
  tags: string;
  synonyms: string;
  summary: string;
  body: string;
}

/** Title and tags say what a routine is about; the body only mentions things on the way. */
const BOOST = { title: 3, tags: 3, synonyms: 2.5, summary: 1.5, body: 1 };
/** Synonyms found through the thesaurus count, but less than the user's own word. */
const EXPANSION_WEIGHT = 0.6;
/** Share of the full weight that a word absent from every article gets in the confidence measure. */
const UNKNOWN_WORD_WEIGHT = 0.5;

// Typos: one edit in words of 5-8 letters, two from 9 ("password" must not become "passport").
const fuzzy = (term: string) => (/\d/.test(term) ? false : term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);
const prefix = (term: string) => term.length >= 5;

function toDoc(a: Article): IndexedDoc {
  return {
    id: a.id,
    title: a.title,
    tags: a.tags.join(' '),
    synonyms: a.synonyms.join(' '),
    summary: a.summary,
    body: [...a.steps, a.escalation, ...a.notes].join(' ').replace(/\{\{[^}]+\}\}/g, ' '),
  };
}

function buildLanguageIndex(articles: readonly Article[], language: KbLanguage): LanguageIndex {
  const docs = articles.map(toDoc);
  const vocabulary = new Set(docs.flatMap((d) => analyze(Object.values(d).join(' '), language)));
  const search = new MiniSearch<IndexedDoc>({
    fields: ['title', 'tags', 'synonyms', 'summary', 'body'],
    tokenize,
    processTerm: (token) => {
      if (isStopword(token, language)) return null;
      const parts = splitCompound(token, vocabulary, language);
      return parts.length > 0 ? [stem(token, language), ...parts] : stem(token, language);
    },
    searchOptions: { boost: BOOST },
  });
  search.addAll(docs);
  const spelling = SpellingCorrector.fromTexts(docs.map((d) => Object.values(d).join(' ')));
  return { search, vocabulary, byId: new Map(articles.map((a) => [a.id, a])), size: articles.length, spelling };
}

/**
 * Full-text search over the knowledge base, one MiniSearch index per language, with a confidence
 * measure: the share of the question's meaning (IDF-weighted words) that the article covers.
 * @remarks BM25 scores are not comparable across questions; coverage is. A question about lunch
 * matches "dag" somewhere but not "lunch", so its coverage stays low and the bot says it does not know.
 * IDF is counted over every article, whatever its audience, so a word that only staff routines
 * use still counts as unanswered for a partner.
 */
export class KnowledgeIndex {
  private constructor(
    private readonly indexes: ReadonlyMap<KbLanguage, LanguageIndex>,
    private readonly thesaurus: Thesaurus,
  ) {}

  static build(articles: readonly Article[], thesaurus: Thesaurus): KnowledgeIndex {
    const languages = [...new Set(articles.map((a) => a.language))];
    return new KnowledgeIndex(
      new Map(languages.map((l) => [l, buildLanguageIndex(articles.filter((a) => a.language === l), l)])),
      thesaurus,
    );
  }

  article(id: string, language: KbLanguage): Article | undefined {
    return this.indexes.get(language)?.byId.get(id);
  }

  articles(language: KbLanguage): Article[] {
    return [...(this.indexes.get(language)?.byId.values() ?? [])];
  }

  /**
   * The question with misspelt words replaced by the closest word the articles use (same language).
   * Stop words, numbers and Swedish compounds of known parts are left as written.
   */
  correctSpelling(question: string, language: KbLanguage): string {
    const index = this.indexes.get(language);
    if (!index) return question;
    return index.spelling.correctText(
      question,
      (t) => isStopword(t, 'sv') || isStopword(t, 'en') || index.vocabulary.has(stem(t, language)) || splitCompound(t, index.vocabulary, language).length > 0,
    );
  }

  search(question: string, options: SearchOptions): SearchHit[] {
    const index = this.indexes.get(options.language);
    if (!index) return [];
    const words = this.queryWords(question, options.language, index.vocabulary);
    if (words.length === 0) return [];
    const primary = new Set(words.flatMap((w) => w.primary));
    const terms = [...new Set(words.flatMap((w) => [...w.primary, ...w.expansions]))];
    const run = () =>
      index.search.search(terms.join(' '), {
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        combineWith: 'OR',
        // Only the user's own unknown words get a fuzzy match: synonyms and known words are spelt
        // right (spelling is corrected before the search), and fuzzy matching is where the time goes.
        fuzzy: (term: string) => (primary.has(term) && !index.vocabulary.has(term) ? fuzzy(term) : false),
        prefix,
        boostTerm: (term) => (primary.has(term) ? 1 : EXPANSION_WEIGHT),
      });

    // How much each word weighs: rare words say more about what is asked (smoothed IDF). A word no
    // routine uses at all weighs half the rarest: it may be off-topic ("lunch") or only filler.
    // One search over every article answers both questions: which articles match (filtered by
    // audience below) and in how many articles each word occurs (its document frequency).
    const all = run();
    const weight = new Map<QueryWord, number>();
    for (const w of words) {
      // Rarity of the user's own word: synonyms widen the match, not the word's weight.
      const df = all.filter((r) => w.primary.some((t) => r.queryTerms.includes(t))).length;
      const idf = Math.log(1 + index.size / (df + 0.5));
      weight.set(w, df === 0 ? idf * UNKNOWN_WORD_WEIGHT : idf);
    }
    const results = all.filter((r) => canRead(options.audience, index.byId.get(r.id as string) ?? { audience: [] }));
    return results.slice(0, options.limit ?? 5).map((r) => {
      const matched = new Set(r.queryTerms);
      let covered = 0;
      let total = 0;
      for (const w of words) {
        const direct = w.primary.some((t) => matched.has(t));
        const share = direct ? 1 : w.expansions.some((t) => matched.has(t)) ? 0.85 : 0;
        // A number only counts when the article has it ("under 18"); a room number is no topic.
        if (/^\d+$/.test(w.word) && share === 0) continue;
        covered += share * (weight.get(w) ?? 0);
        total += weight.get(w) ?? 0;
      }
      return { article: index.byId.get(r.id as string) as Article, score: r.score, confidence: total > 0 ? covered / total : 0 };
    });
  }

  private queryWords(question: string, language: KbLanguage, vocabulary: ReadonlySet<string>): QueryWord[] {
    const expansions = this.thesaurus.expand(question, language);
    const seen = new Set<string>();
    const words: QueryWord[] = [];
    for (const token of tokenize(question)) {
      if (isStopword(token, language) || seen.has(token)) continue;
      seen.add(token);
      const s = stem(token, language);
      const extra = [...expansions.entries()].filter(([member]) => member.split(' ').includes(token)).flatMap(([, stems]) => stems);
      // A number the knowledge base never mentions (a room number) says nothing about the routine.
      if (/^\d+$/.test(token) && !vocabulary.has(token) && extra.length === 0) continue;
      words.push({ word: token, primary: [s, ...splitCompound(token, vocabulary, language)], expansions: [...new Set(extra)].filter((e) => e !== s) });
    }
    return words;
  }
}
