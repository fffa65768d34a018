import type { KbLanguage } from './article';
import { analyze } from './text-analysis';

/** Example messages per article id (`locales/<lng>/knowledge/examples.yaml`), like the trigger phrases of a helpdesk bot's topics. */
export type ArticleExamples = Readonly<Record<string, readonly string[]>>;

/** The class of messages no routine answers (`outside.yaml`); no article id has parentheses. */
export const OUTSIDE = '(outside)';

/** Additive smoothing: a word no example of an article uses still gets a small share. */
const SMOOTHING = 0.25;

/**
 * Which article a message resembles, learnt from example messages written the way users write:
 * a naive Bayes classifier over the words (stems, stop words out) and pairs of neighbouring words
 * the message contains, each counted once per message.
 * @remarks The search matches the message against what an article says; this matches it against
 * how people ask for it ("can the guest find out it was me" is about anonymity, though it shares
 * no word with the routine). The examples only steer the ranking: the answer is always the article.
 */
export class ExampleClassifier {
  private constructor(
    private readonly language: KbLanguage,
    private readonly ids: readonly string[],
    /** log P(feature | article), per feature, in the order of `ids`. */
    private readonly logChance: ReadonlyMap<string, Float64Array>,
    /** How sure the classifier may be: the log-likelihoods are divided by this before they are compared. */
    private readonly temperature: number,
    private readonly numbers: ReadonlySet<string>,
  ) {}

  /**
   * @param prepare applied to each example first (the same spelling correction that messages get).
   * @param temperature larger values spread the probability over more articles.
   * @param numbers the numbers the articles use (112, 114 14): any other number of three digits or more is a room or a year, read as {@link ANY_NUMBER}.
   */
  static train(examples: ArticleExamples, language: KbLanguage, prepare: (text: string) => string = (t) => t, temperature = 3, numbers: ReadonlySet<string> = new Set()): ExampleClassifier {
    const ids = Object.keys(examples).filter((id) => (examples[id]?.length ?? 0) > 0).sort();
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(ids.length);
    ids.forEach((id, c) => {
      for (const example of examples[id] ?? []) {
        for (const feature of features(prepare(example), language, numbers)) {
          let row = counts.get(feature);
          if (!row) counts.set(feature, (row = new Float64Array(ids.length)));
          row[c] = (row[c] as number) + 1;
          totals[c] = (totals[c] as number) + 1;
        }
      }
    });
    const vocabulary = counts.size;
    const denominator = Float64Array.from(totals, (t) => t + SMOOTHING * vocabulary);
    // Counts become log chances in place: a copy per feature (tens of thousands) was most of the build.
    for (const row of counts.values()) for (let c = 0; c < row.length; c++) row[c] = Math.log(((row[c] as number) + SMOOTHING) / (denominator[c] as number));
    return new ExampleClassifier(language, ids, counts, temperature, numbers);
  }

  /** Probability per article id that the message asks for it (summing to 1); empty without examples or known words. */
  classify(text: string): Map<string, number> {
    const known = features(text, this.language, this.numbers).flatMap((f) => this.logChance.get(f) ?? []);
    if (this.ids.length === 0 || known.length === 0) return new Map();
    const scores = this.ids.map((_, c) => known.reduce((sum, row) => sum + (row[c] as number), 0) / this.temperature);
    const top = Math.max(...scores);
    const weights = scores.map((s) => Math.exp(s - top));
    const total = weights.reduce((a, b) => a + b, 0);
    return new Map(this.ids.map((id, c) => [id, (weights[c] as number) / total]));
  }
}

/**
 * Stems of chat fillers ("pls", "wat", "tbh", "asså"): they say how someone writes, not what about. Left in,
 * they tie casual writing to whichever class was written more casually ("kvinnofridslinjen numbr pls" looked
 * like the messages no routine answers).
 */
const CHAT_FILLERS: ReadonlySet<string> = new Set(['pl', 'plz', 'wat', 'lol', 'haha', 'tbh', 'idk', 'thx', 'btw', 'ok', 'asså', 'okej']);

/**
 * What a room number or a year becomes: "room 118" in a message no routine answers said nothing about
 * the next message with 118 in it, but each such number was seen in one class only and weighed as if it did.
 */
const ANY_NUMBER = '#';
const ROOM_OR_YEAR = /^\d{3,}$/u;

/** The distinct stems of a text but chat fillers, and the pairs of neighbouring stems ("own list", "time think"). */
function features(text: string, language: KbLanguage, numbers: ReadonlySet<string>): string[] {
  const stems = analyze(text, language)
    .filter((s) => !CHAT_FILLERS.has(s))
    .map((s) => (ROOM_OR_YEAR.test(s) && !numbers.has(s) ? ANY_NUMBER : s));
  const pairs = stems.slice(1).map((s, i) => `${stems[i]} ${s}`);
  return [...new Set([...stems, ...pairs])];
}
