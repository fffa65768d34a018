import { canRead, type Article, type Audience, type KbLanguage } from './article';
import type { Thesaurus } from './thesaurus';
import { ExampleClassifier, OUTSIDE, type ArticleExamples } from './example-classifier';
import { SpellingCorrector } from './spelling';
import { TermIndexBuilder, type QueryTerm, type TermIndex, type TermMatches } from './term-index';
import { isStopword, splitCompound, stem, tokenize } from './text-analysis';

/** Messages that tell of someone in danger now, and look-alikes where nobody is (`danger.yaml`). */
export interface DangerExamples {
  readonly danger: readonly string[];
  readonly calm: readonly string[];
}

/** Messages as users write them: per article id (`examples.yaml`), ones no routine answers (`outside.yaml`), and danger now or not (`danger.yaml`), per language. */
export interface ExampleMessages {
  readonly examples?: Partial<Record<KbLanguage, ArticleExamples>>;
  readonly outside?: Partial<Record<KbLanguage, readonly string[]>>;
  readonly danger?: Partial<Record<KbLanguage, DangerExamples>>;
}

/** The class of all the routines' examples together, against {@link OUTSIDE}. */
const INSIDE = '(inside)';
/** In how many example messages a word must occur to count as a word users write: a typo rarely recurs, "throat" and "välja" do. */
const USER_WORD_MESSAGES = 2;

/** How many letters at its end one form of a word may differ from another ("threatens", "threatened"). */
const OTHER_FORM_ENDING = 2;
const commonPrefix = (a: string, b: string): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * The words users write (in at least {@link USER_WORD_MESSAGES} of the messages) that the corrector would
 * turn into another word ("throat" into "threat"), not into another form of themselves ("threatens" into
 * "threatened", which the search needs): these are kept as written. Decided once per word, at build.
 */
function userWords(messages: readonly string[], spelling: SpellingCorrector): ReadonlySet<string> {
  const counts = new Map<string, number>();
  for (const message of messages) for (const word of new Set(tokenize(message))) counts.set(word, (counts.get(word) ?? 0) + 1);
  const becomesAnotherWord = (word: string) => {
    const corrected = spelling.correct(word);
    return commonPrefix(word, corrected) < Math.min(word.length, corrected.length) - OTHER_FORM_ENDING;
  };
  return new Set([...counts].filter(([word, n]) => n >= USER_WORD_MESSAGES && becomesAnotherWord(word)).map(([word]) => word));
}

const DANGER = 'danger';
const CALM = 'calm';

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
  /** Articles to return as well, when the reader may see them, however low they rank (the routines a message resembles by their examples). */
  readonly also?: readonly string[];
}

/** One word of the question and every index term that stands for it (stem, compound parts, synonyms). */
interface QueryWord {
  readonly word: string;
  readonly primary: readonly string[];
  readonly expansions: readonly string[];
}

interface LanguageIndex {
  readonly terms: TermIndex;
  /** Stems of every word the articles use (their ids too): what compound splitting and spelling know. */
  readonly vocabulary: ReadonlySet<string>;
  /** Articles by document number in `terms`. */
  readonly articles: readonly Article[];
  readonly byId: ReadonlyMap<string, Article>;
  readonly size: number;
  readonly spelling: SpellingCorrector;
}

/** A question searched once over every article: what each audience's search then filters. */
interface Searched {
  readonly key: string;
  readonly words: readonly QueryWord[];
  /** Query term numbers (in `matches`) of each word's own terms and of its synonyms. */
  readonly primary: readonly (readonly number[])[];
  readonly expansions: readonly (readonly number[])[];
  readonly matches: TermMatches;
  readonly weights: readonly number[];
}

/** The fields searched, in order, and how much a match in each counts. Title and tags say what a routine is about; the body only mentions things on the way. */
const FIELDS = ['title', 'tags', 'synonyms', 'summary', 'body'] as const;
const BOOST: Record<(typeof FIELDS)[number], number> = { title: 3, tags: 3, synonyms: 2.5, summary: 1.5, body: 1 };
/** Synonyms found through the thesaurus count, but less than the user's own word. */
const EXPANSION_WEIGHT = 0.6;
/** Share of the full weight that a word absent from every article gets in the confidence measure. */
const UNKNOWN_WORD_WEIGHT = 0.5;

// Typos: one edit in words of 5-8 letters, two from 9 ("password" must not become "passport").
const fuzzy = (term: string) => (/\d/.test(term) ? 0 : term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0);
const prefix = (term: string) => term.length >= 5;

/** The texts of each field, in the order of FIELDS; placeholders ("{{localCoordinator}}") are not searched. */
function fieldTexts(a: Article): (string | readonly string[])[] {
  const body = [...a.steps, a.escalation, ...a.notes].map((t) => (t.includes('{{') ? t.replace(/\{\{[^}]+\}\}/g, ' ') : t));
  return [a.title, a.tags, a.synonyms, a.summary, body];
}

/**
 * One pass over the articles: each field is tokenised once, each distinct token analysed once
 * (stop word or stem), and the same pass counts the words the spelling corrector knows.
 * @remarks No article word is split as a compound: every article word's stem is in the vocabulary
 * by definition, and splitting only applies to words the articles do not use (in questions).
 */
function buildLanguageIndex(articles: readonly Article[], language: KbLanguage): LanguageIndex {
  const builder = new TermIndexBuilder(
    FIELDS.map((f) => BOOST[f]),
    (token) => (isStopword(token, language) ? null : stem(token, language)),
  );
  const numbers = new Map<string, string>();
  for (const a of articles) {
    const texts = fieldTexts(a);
    builder.add(texts);
    addPhoneNumbers(texts.flat(), numbers);
  }
  const terms = builder.build();
  const vocabulary = new Set(terms.terms());
  const frequency = new Map<string, number>();
  const count = (token: string, n: number) => {
    if (token.length >= 3 && !/\d/.test(token)) frequency.set(token, (frequency.get(token) ?? 0) + n);
  };
  for (const [token, n] of builder.tokenCounts()) count(token, n);
  // Ids ("premises-and-koppleri") are words the knowledge base uses too, though not searched.
  for (const a of articles) {
    for (const token of tokenize(a.id)) {
      if (!isStopword(token, language)) vocabulary.add(stem(token, language));
      count(token, 1);
    }
  }
  return { terms, vocabulary, articles, byId: new Map(articles.map((a) => [a.id, a])), size: articles.length, spelling: new SpellingCorrector(frequency, numbers) };
}

/** A number written in groups ("114 14", "020-50 50 50", "116 006"). */
const GROUPED_NUMBER = /\b\d{2,4}(?:[ -]\d{2,3})+\b/g;
/** A cheap first look: only a text with a digit, a space or hyphen and a digit may hold one. */
const DIGIT_GAP = /\d[ -]\d/;

/** Adds the phone numbers of an article's texts by their digits alone ("11414" → "114 14"), as the words the articles use. */
function addPhoneNumbers(texts: readonly string[], numbers: Map<string, string>): void {
  for (const text of texts) {
    if (!DIGIT_GAP.test(text)) continue;
    for (const [written] of text.matchAll(GROUPED_NUMBER)) numbers.set(written.replace(/\D/g, ''), tokenize(written).join(' '));
  }
}

/**
 * Full-text search over the knowledge base, one term index per language (MiniSearch's ranking, see
 * term-index.ts), with a confidence measure: the share of the question's meaning (IDF-weighted
 * words) that the article covers.
 * @remarks BM25 scores are not comparable across questions; coverage is. A question about lunch
 * matches "dag" somewhere but not "lunch", so its coverage stays low and the bot says it does not know.
 * IDF is counted over every article, whatever its audience, so a word that only staff routines
 * use still counts as unanswered for a partner.
 */
export class KnowledgeIndex {
  /** The last question searched: answering asks again for the other audiences. */
  private last: Searched | undefined;

  private readonly classifiers: ReadonlyMap<KbLanguage, ExampleClassifier>;
  private readonly dangerClassifiers: ReadonlyMap<KbLanguage, ExampleClassifier>;
  private readonly scopeClassifiers: ReadonlyMap<KbLanguage, ExampleClassifier>;
  /** Words users write (in several example messages) that are words though no article uses them: "throat" is not a misspelt "threat". */
  private readonly keptAsWritten: ReadonlyMap<KbLanguage, ReadonlySet<string>>;

  private constructor(
    private readonly indexes: ReadonlyMap<KbLanguage, LanguageIndex>,
    private readonly thesaurus: Thesaurus,
    { examples = {}, outside = {}, danger = {} }: ExampleMessages,
  ) {
    this.keptAsWritten = new Map(
      [...indexes].map(([l, index]) => [
        l,
        userWords([...Object.values(examples[l] ?? {}).flat(), ...(outside[l] ?? []), ...(danger[l]?.danger ?? []), ...(danger[l]?.calm ?? [])], index.spelling),
      ]),
    );
    // Examples are spelt as users write; they are corrected as messages are, against the articles' words.
    // Messages outside the knowledge base only mean something beside the routines' own examples: alone
    // they would be the only class, and every question would look outside.
    const classes = (l: KbLanguage): ArticleExamples => (Object.keys(examples[l] ?? {}).length > 0 ? { ...examples[l], [OUTSIDE]: outside[l] ?? [] } : {});
    // Danger against calm look-alikes: two classes, so no temperature is needed to spread them.
    const dangerClasses = (l: KbLanguage): ArticleExamples => ({ [DANGER]: danger[l]?.danger ?? [], [CALM]: danger[l]?.calm ?? [] });
    // Each word is corrected once per language, though thousands of examples share their words and two
    // classifiers learn from each example: correction is most of the build.
    const wordCorrections = new Map([...indexes.keys()].map((l) => [l, new Map<string, string>()]));
    const prepare = (text: string, l: KbLanguage): string => this.correctSpelling(text, l, wordCorrections.get(l));
    const numbers = new Map([...indexes].map(([l, index]) => [l, new Set([...index.vocabulary].filter((w) => /^\d+$/u.test(w)))]));
    const perLanguage = (classesOf: (l: KbLanguage) => ArticleExamples, temperature?: number) =>
      new Map([...indexes.keys()].map((l) => [l, ExampleClassifier.train(classesOf(l), l, (text) => prepare(text, l), temperature, numbers.get(l))]));
    this.classifiers = perLanguage(classes);
    this.dangerClassifiers = perLanguage(dangerClasses, 1);
    // In the domain or not: every routine's examples as one class against the messages no routine answers.
    // Beside the classes per routine, the outside messages are one broad class among many narrow ones;
    // here both classes are broad, so an errand that shares a word or two with one routine stays an errand.
    const scopeClasses = (l: KbLanguage): ArticleExamples =>
      Object.keys(examples[l] ?? {}).length > 0 && (outside[l]?.length ?? 0) > 0 ? { [INSIDE]: Object.values(examples[l] ?? {}).flat(), [OUTSIDE]: outside[l] ?? [] } : {};
    this.scopeClassifiers = perLanguage(scopeClasses, 1);
  }

  /** How likely the (spelling-corrected) message is one no routine answers, by all the routines' examples together against `outside.yaml` (0 without either). */
  outsideLikeness(corrected: string, language: KbLanguage): number {
    const likeness = this.scopeClassifiers.get(language)?.classify(corrected);
    return likeness?.has(INSIDE) ? (likeness.get(OUTSIDE) ?? 0) : 0;
  }

  /** How likely the (spelling-corrected) message tells of someone in danger now, learnt from `danger.yaml` (0 without it). */
  dangerLikeness(corrected: string, language: KbLanguage): number {
    const likeness = this.dangerClassifiers.get(language)?.classify(corrected);
    return likeness?.has(CALM) ? (likeness.get(DANGER) ?? 0) : 0;
  }

  static build(articles: readonly Article[], thesaurus: Thesaurus, messages: ExampleMessages = {}): KnowledgeIndex {
    const languages = [...new Set(articles.map((a) => a.language))];
    return new KnowledgeIndex(
      new Map(languages.map((l) => [l, buildLanguageIndex(articles.filter((a) => a.language === l), l)])),
      thesaurus,
      messages,
    );
  }

  /** How much the (spelling-corrected) message resembles each article's example messages: a probability per article id, and per {@link OUTSIDE} for the messages no routine answers. */
  resemblance(corrected: string, language: KbLanguage): Map<string, number> {
    return this.classifiers.get(language)?.classify(corrected) ?? new Map<string, number>();
  }

  article(id: string, language: KbLanguage): Article | undefined {
    return this.indexes.get(language)?.byId.get(id);
  }

  articles(language: KbLanguage): Article[] {
    return [...(this.indexes.get(language)?.articles ?? [])];
  }

  /** Whether any article, in any language, uses this word, misspelt or in a compound (a service such as "Bris", not a person's name). */
  knowsWord(word: string): boolean {
    const w = word.toLowerCase();
    return [...this.indexes].some(
      ([language, index]) =>
        index.spelling.has(index.spelling.correct(w)) || index.vocabulary.has(stem(w, language)) || splitCompound(w, index.vocabulary, language).length > 0,
    );
  }

  /**
   * The question with misspelt words replaced by the closest word the articles use (same language).
   * Stop words, numbers, words users write in several example messages and Swedish compounds of known parts are left as written.
   * @param corrections each word's correction so far, to reuse (see {@link SpellingCorrector.correctText}).
   */
  correctSpelling(question: string, language: KbLanguage, corrections?: Map<string, string>): string {
    const index = this.indexes.get(language);
    if (!index) return question;
    return index.spelling.correctText(
      question,
      (t) => isStopword(t, 'sv') || isStopword(t, 'en') || (this.keptAsWritten.get(language)?.has(t) ?? false) || this.thesaurus.has(t, language) || index.vocabulary.has(stem(t, language)) || splitCompound(t, index.vocabulary, language).length > 0,
      corrections,
    );
  }

  search(question: string, options: SearchOptions): SearchHit[] {
    const index = this.indexes.get(options.language);
    if (!index) return [];
    const searched = this.searchAll(question, options.language, index);
    if (!searched) return [];
    const { words, primary, expansions, matches, weights } = searched;
    const visible = (doc: number) => canRead(options.audience, index.articles[doc] as Article);
    const top = matches.top(options.limit ?? 5, visible);
    const also = (options.also ?? []).map((id) => index.articles.findIndex((a) => a.id === id)).filter((doc) => doc >= 0 && visible(doc) && !top.includes(doc));
    return [...top, ...also].map((doc) => {
      let covered = 0;
      let total = 0;
      for (let i = 0; i < words.length; i++) {
        const share = matches.hasAny(doc, primary[i] as number[]) ? 1 : matches.hasAny(doc, expansions[i] as number[]) ? 0.85 : 0;
        // A number only counts when the article has it ("under 18"); a room number is no topic.
        if (share === 0 && /^\d+$/.test((words[i] as QueryWord).word)) continue;
        covered += share * (weights[i] as number);
        total += weights[i] as number;
      }
      return { article: index.articles[doc] as Article, score: matches.score(doc), confidence: total > 0 ? covered / total : 0 };
    });
  }

  /**
   * Search every article once per question (the last question is kept: a caller asking again for
   * another audience gets the same search), and weigh each word by its rarity.
   */
  private searchAll(question: string, language: KbLanguage, index: LanguageIndex): Searched | undefined {
    const key = `${language}\n${question}`;
    if (this.last?.key === key) return this.last;
    const words = this.queryWords(question, language, index.vocabulary);
    if (words.length === 0) return undefined;
    const primarySet = new Set(words.flatMap((w) => w.primary));
    const terms = [...new Set(words.flatMap((w) => [...w.primary, ...w.expansions]))];
    const number = new Map(terms.map((t, i) => [t, i]));
    const query: QueryTerm[] = terms.map((term) => ({
      term,
      boost: primarySet.has(term) ? 1 : EXPANSION_WEIGHT,
      prefix: prefix(term),
      // Only the user's own unknown words get a fuzzy match: synonyms and known words are spelt
      // right (spelling is corrected before the search), and fuzzy matching is where the time goes.
      fuzzy: primarySet.has(term) && !index.vocabulary.has(term) ? fuzzy(term) : 0,
      // As in spelling: typos rarely touch the first letter ("season" is not "reason").
      fuzzyKeepsFirstLetter: true,
    }));
    const matches = index.terms.search(query);
    const primary = words.map((w) => w.primary.map((t) => number.get(t) as number));
    const expansions = words.map((w) => w.expansions.map((t) => number.get(t) as number));

    // How much each word weighs: rare words say more about what is asked (smoothed IDF). A word no
    // routine uses at all weighs half the rarest: it may be off-topic ("lunch") or only filler.
    // The search over every article gives each word's document frequency (audiences filter later).
    const weights = primary.map((own) => {
      const df = matches.count(own);
      const idf = Math.log(1 + index.size / (df + 0.5));
      return df === 0 ? idf * UNKNOWN_WORD_WEIGHT : idf;
    });
    this.last = { key, words, primary, expansions, matches, weights };
    return this.last;
  }

  private queryWords(question: string, language: KbLanguage, vocabulary: ReadonlySet<string>): QueryWord[] {
    // Synonyms by question word: each word of a thesaurus member found in the question gets the member's synonyms,
    // by stem, since a member is found by its stem too ("torsken" finds the member "torsk").
    const synonyms = new Map<string, string[]>();
    for (const [member, stems] of this.thesaurus.expand(question, language)) {
      for (const word of new Set(member.split(' ').map((w) => stem(w, language)))) synonyms.set(word, [...(synonyms.get(word) ?? []), ...stems]);
    }
    const seen = new Set<string>();
    const words: QueryWord[] = [];
    for (const token of tokenize(question)) {
      if (isStopword(token, language) || seen.has(token)) continue;
      seen.add(token);
      const s = stem(token, language);
      const extra = synonyms.get(s) ?? [];
      // A number the knowledge base never mentions (a room number) says nothing about the routine.
      if (/^\d+$/.test(token) && !vocabulary.has(token) && extra.length === 0) continue;
      words.push({ word: token, primary: [s, ...splitCompound(token, vocabulary, language)], expansions: [...new Set(extra)].filter((e) => e !== s) });
    }
    return words;
  }
}
