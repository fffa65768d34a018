import { canRead, type Article, type Audience, type KbLanguage } from './article';
import type { KnowledgeIndex, SearchHit } from './search-index';
import { IN_DOMAIN_SCORE, understandMessage, type Understanding } from './understand';
import { FIRST_ROUTINES } from './first-routines';
import { sentences } from './text-analysis';
import { OUTSIDE } from './example-classifier';

/**
 * Why there is no answer. `nearMiss`: the domain's own words, but something no routine holds (a figure,
 * an address, one person or case); a coordinator may know. `outOfScope`: outside the domain.
 */
export type NoAnswerReason = 'empty' | 'smallTalk' | 'injection' | 'lowConfidence' | 'nearMiss' | 'outOfScope';
export type MessageKind = Understanding['kind'];

export type Answer =
  | {
      readonly type: 'answer';
      readonly article: Article;
      readonly score: number;
      readonly confidence: number;
      /** Up to three other articles the asker may read (the article's own related list first). */
      readonly related: readonly Article[];
      readonly kind: MessageKind;
      /** Someone may be in danger now: the edge shows the 112 card before the routine. */
      readonly danger: boolean;
    }
  | {
      readonly type: 'noAnswer';
      readonly reason: NoAnswerReason;
      readonly bestScore: number;
      readonly bestConfidence: number;
      readonly kind: MessageKind;
      readonly danger: boolean;
      /** In-domain but no routine fits well: the two or three closest routines the asker may see. */
      readonly choices: readonly Article[];
    };

export interface AnswerOptions {
  readonly language: KbLanguage;
  readonly audience: Audience;
  /** Coverage (0..1) at which a question is answered without doubt. */
  readonly minConfidence?: number;
}

export const DEFAULT_ANSWER_OPTIONS = { minConfidence: 0.6 } as const;

/** Ranking weight of a routine written for the reader's own audience over one they may also read. */
const OWN_AUDIENCE_BONUS = 1;
/** Weight of how well an article matches the asking sentences of a longer message. */
const ASKED_WEIGHT = 0.4;
/** How much more of the question another audience's routine must cover to come before the reader's own. */
const FULL_ANSWER_MARGIN = 0.3;
/** Weight of how much the message resembles an article's example messages (a probability). */
const EXAMPLE_WEIGHT = 4;
/** Weight of "what to do now" for a partner asking whether to step in: as much as a message asked exactly like that routine's examples. */
const STEP_IN_BONUS = EXAMPLE_WEIGHT;
/**
 * How many times more a message full of the domain's words must resemble the messages no routine
 * answers than the closest routine's examples to be refused ("should the hotel have a policy against
 * trafficking" is a question in the domain, though it sounds like a task); once for any other message.
 */
const DOMAIN_OUTSIDE_MARGIN = 2;
/** How likely a message must be one no routine answers, by all the routines' examples together against those messages, to be refused. */
const OUTSIDE_LIKENESS = 0.5;
/** The same for a message full of the domain's words: only when it is clearer. */
const DOMAIN_OUTSIDE_LIKENESS = 0.8;
/** The same for a message full of the domain's words that also resembles one routine's examples more than the errands ("får jag skriva namnet på killen i rapporten"): nine times in ten. */
const ROUTINE_DOMAIN_OUTSIDE_LIKENESS = 0.9;
/** How unlikely a message with a domain word (a report, the night shift) must be one no routine answers to count as in the domain, though no routine matches it well: one in ten. */
const SURELY_INSIDE = 0.1;
/** How likely a message must be one no routine answers to be refused though it is asked like one routine. */
const SURELY_OUTSIDE = 0.99;
/** Coverage of a message by an article that leaves out no word of it (up to rounding). */
const COVERED_IN_FULL = 0.99;
/** How much a message must resemble one routine's examples to count as in the domain though it shares few of the routines' words. */
const ROUTINE_LIKENESS_FLOOR = 0.25;
/** How much a message must resemble one routine's examples for that routine to answer a danger story in place of "what to do now": more than all the others together. */
const RECOGNISED_ROUTINE = 0.5;
/** How much a question must resemble one routine's examples to get that routine though the routine's words cover little of it: nine times in ten. */
const RECOGNISED_QUESTION = 0.9;
/** How likely a scene described now must be to tell of danger, by the examples of danger and calm look-alikes, for 112 to come first. */
const DANGER_LIKENESS = 0.99;
/** How unlikely, by the examples of danger and calm look-alikes, a scream or a knife the word rules see must be to be told calmly: one in a hundred. */
const TOLD_CALMLY = 0.01;
/** The same for a message the word rules do not see as a scene ("he has knife, room 5, now"): surer still. */
const UNSEEN_SCENE_DANGER_LIKENESS = 0.999;
/** Coverage at which a message with at least one domain word (a room, a report) counts as a question. */
const DOMAIN_WORD_FLOOR = 0.3;
/** Below `minConfidence` an in-domain question is still answered from this share of it; under it, choices. */
const QUESTION_FLOOR = 2 / 3;
/** A described situation gets its best routine from this share of `minConfidence`; under it, the audience's "what to do now". */
const SITUATION_FLOOR = 1 / 4;
const CHILD_ROUTINE = FIRST_ROUTINES.child;
const WHAT_TO_DO_NOW = FIRST_ROUTINES.whatToDoNow;

/** Attempts to steer a language model or the bot itself; refused before any search. */
const INJECTION = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|rules?|prompt|above|previous)\b/i,
  /\b(system prompt|jailbreak|developer mode|act as|pretend (to be|you are)|you are now)\b/i,
  /\b(ignorera|glöm|strunta i)\b.{0,40}\b(instruktioner|instruktionerna|regler|reglerna|tidigare|ovan)\b/i,
  /\b(systemprompt|låtsas att du|du är nu|agera som)\b/i,
];
const SMALL_TALK = /^\s*(tack( så mycket)?|tusen tack|thanks?( you)?|thank you( so much)?|ok(ay)?|bra|good|great|perfekt|perfect|hej då|bye|god natt|good night)\s*[.!]*\s*$/i;

/** Share of a hit's BM25 score, relative to the top one, that counts beside its coverage. */
const BM25_SHARE = 0.7;
/** Weight of coverage in the same sum: a little over the others, so that an article using nearly every word of a short question is not outranked by a slight likeness of another's examples. */
const COVERAGE_WEIGHT = 1.1;

/** What else weighs in the ranking, beside how well each article matches the whole message. */
interface RankingEvidence {
  /** The same search over the message's asking sentences only (empty for a one-sentence message). */
  readonly asked: readonly SearchHit[];
  /** How much the message resembles each article's example messages (probability by article id), the whole message and its asking sentences half each. */
  readonly resemblance: ReadonlyMap<string, number>;
  /** The routine for a partner asking whether to step in: what to do now. */
  readonly stepInRoutine?: string;
}

/** Coverage plus a share of BM25 relative to the top hit: long narratives give BM25 many chances to favour an article that shares filler words, while coverage weighs rare words. */
const matchOf = (h: SearchHit, top: number) => COVERAGE_WEIGHT * h.confidence + BM25_SHARE * (h.score / top);

/**
 * Order hits by how well they match the message, what its asking sentences ask, which routine's
 * example messages it resembles, and whether the routine is written for the reader.
 */
function rerank(hits: SearchHit[], reader: Audience, { asked, resemblance, stepInRoutine }: RankingEvidence): SearchHit[] {
  const top = hits[0]?.score || 1;
  const askedTop = asked[0]?.score || 1;
  const byAsked = new Map(asked.map((h) => [h.article.id, matchOf(h, askedTop)]));
  // Coordinators and staff may read the partners' routines too, but one written for them comes first.
  const key = (h: SearchHit) =>
    matchOf(h, top) +
    (h.article.audience.includes(reader) ? OWN_AUDIENCE_BONUS : 0) +
    ASKED_WEIGHT * (byAsked.get(h.article.id) ?? 0) +
    EXAMPLE_WEIGHT * (resemblance.get(h.article.id) ?? 0) +
    (h.article.id === stepInRoutine ? STEP_IN_BONUS : 0);
  return [...hits].sort((a, b) => key(b) - key(a));
}

/** The routine whose examples the message resembles most, and how much (none: 0). */
function likeliestRoutine(likeness: ReadonlyMap<string, number>): { readonly id: string; readonly p: number } {
  let best = { id: '', p: 0 };
  for (const [id, p] of likeness) if (id !== OUTSIDE && p > best.p) best = { id, p };
  return best;
}
const closestRoutine = (likeness: ReadonlyMap<string, number>): number => likeliestRoutine(likeness).p;

/** Does the message resemble the messages no routine answers more than any routine's examples (by `margin` times)? */
function looksOutside(likeness: ReadonlyMap<string, number>, margin = 1): boolean {
  return (likeness.get(OUTSIDE) ?? 0) > margin * closestRoutine(likeness);
}

/** Does the message resemble one routine's examples (at least {@link ROUTINE_LIKENESS_FLOOR}) more than the messages no routine answers? */
function soundsLikeRoutine(likeness: ReadonlyMap<string, number>): boolean {
  const routine = closestRoutine(likeness);
  return routine >= ROUTINE_LIKENESS_FLOOR && routine > (likeness.get(OUTSIDE) ?? 0);
}

/** Words a question opens with, for a question typed on a phone without its "?". */
const QUESTION_OPENING = /^(how|what|who|whom|when|where|why|which|can|could|should|shall|do|does|did|is|are|may|must|hur|vad|vem|vilka|vilken|vilket|när|var|varför|kan|ska|skall|får|måste|bör|borde)(\s|$)/iu;

/** Does the message ask something: a sentence ending in "?", or one opening like a question? */
function asksSomething(text: string): boolean {
  return sentences(text).some((s) => s.asks || QUESTION_OPENING.test(s.text.trim()));
}

/** The sentences of a longer message that ask (end in "?"), else its last one; empty for a message of one sentence. */
function askingPart(text: string): string {
  const all = sentences(text);
  if (all.length < 2) return '';
  const asking = all.filter((s) => s.asks);
  return (asking.length > 0 ? asking : all.slice(-1)).map((s) => s.text).join(' ');
}

export function isInjectionAttempt(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}

/**
 * Answer a question from the knowledge base, or say why not. Never composes text: the answer is
 * an article, shown as written, so no fact can appear that the knowledge base does not hold.
 * @remarks Whether a message belongs to the domain is decided by `understandMessage` (domain words,
 * near-miss patterns); which routine fits is decided by the search. Danger always gets a routine.
 */
export function answerQuestion(question: string, index: KnowledgeIndex, options: AnswerOptions): Answer {
  const none = (reason: NoAnswerReason, best?: SearchHit, extra: { kind?: MessageKind; choices?: readonly Article[] } = {}): Answer => ({
    type: 'noAnswer',
    reason,
    bestScore: best?.score ?? 0,
    bestConfidence: best?.confidence ?? 0,
    kind: extra.kind ?? 'outOfScope',
    danger: false,
    choices: extra.choices ?? [],
  });
  const text = question.trim();
  if (!text) return none('empty');
  if (isInjectionAttempt(text)) return none('injection');
  if (SMALL_TALK.test(text)) return none('smallTalk', undefined, { kind: 'command' });

  const { language, audience } = options;
  const corrected = index.correctSpelling(text, language);
  const understood = understandMessage(text, language, corrected, (word) => index.knowsWord(word));
  if (understood.kind === 'command') return none('outOfScope', undefined, { kind: 'command' });

  // A story that ends in a question: what it asks weighs again on its own, so that the setting ("our Stad för stad group") does not outrank it.
  const asking = askingPart(text);
  const correctedAsking = asking ? index.correctSpelling(asking, language) : '';
  const asked = correctedAsking ? index.search(correctedAsking, { language, audience, limit: 8 }) : [];
  // Which routine's examples the message resembles: the whole message and what it asks count half each.
  const wholeLikeness = index.resemblance(corrected, language);
  const askedLikeness = correctedAsking ? index.resemblance(correctedAsking, language) : wholeLikeness;
  const resemblance = new Map([...wholeLikeness].map(([id, p]) => [id, (p + (askedLikeness.get(id) ?? 0)) / 2]));
  // The routines it is asked like are weighed too, though the search ranks them low: a story told in the
  // asker's words may share few with the routine that answers it.
  const also = [...resemblance].filter(([id, p]) => id !== OUTSIDE && p >= ROUTINE_LIKENESS_FLOOR).map(([id]) => id);
  // A partner asking whether to step in (go up to him, talk to her) asks what to do: never confront anyone.
  const stepInRoutine = understood.stepIn && audience === 'partner' ? WHAT_TO_DO_NOW.partner : undefined;
  const hits = rerank(index.search(corrected, { language, audience, limit: 8, also: stepInRoutine ? [...also, stepInRoutine] : also }), audience, { asked, resemblance, stepInRoutine });
  const minConfidence = options.minConfidence ?? DEFAULT_ANSWER_OPTIONS.minConfidence;
  // The preference for the reader's own routines must not hide one they may read that answers in full
  // and clearly better (a coordinator's "what do I do first with a new report" stays with triage,
  // though the partners' staff-safety routine shares more of its everyday words).
  const own = (h: SearchHit) => h.article.audience.includes(audience);
  const fullAnswer = hits[0] && own(hits[0]) && hits[0].confidence < minConfidence ? hits.find((h) => !own(h) && h.confidence >= minConfidence && h.confidence >= (hits[0]?.confidence ?? 0) + FULL_ANSWER_MARGIN) : undefined;
  const best = fullAnswer ?? hits[0];
  const visible = (a: Article | undefined): a is Article => !!a && canRead(audience, a);

  const answer = (article: Article, hit: SearchHit | undefined, kind: MessageKind, danger: boolean, beside?: Article): Answer => {
    const other = (a: Article | undefined): a is Article => visible(a) && a.id !== article.id;
    const own = [beside, ...article.related.map((id) => index.article(id, language))].filter(other);
    const nearby = hits.filter((h) => h.confidence >= minConfidence / 2).map((h) => h.article).filter(other);
    const related = [...new Map([...own, ...nearby].map((a) => [a.id, a])).values()].slice(0, 3);
    return { type: 'answer', article, score: hit?.score ?? 0, confidence: hit?.confidence ?? 0, related, kind, danger };
  };
  const byId = (id: string) => {
    const a = index.article(id, language);
    return visible(a) ? a : undefined;
  };
  const hitOf = (article: Article) => hits.find((h) => h.article.id === article.id);
  const whatToDoNow = byId(WHAT_TO_DO_NOW[audience]);
  // A scene gets its best routine when that one matches a little; else the audience's "what to do now".
  const sceneRoutine = best && best.confidence >= SITUATION_FLOOR * minConfidence ? best.article : whatToDoNow ?? best?.article;

  let kind = understood.kind;
  // Danger now that no word list names ("a note on the tray says SOS"), told the way the examples of
  // danger are: 112 first as well. Short and broken messages often escape the rules that tell a scene
  // described now ("teen in school clothes w old guy, lift"), so those need only a surer likeness.
  const likelyDanger = () => index.dangerLikeness(corrected, language) > (understood.observed ? DANGER_LIKENESS : UNSEEN_SCENE_DANGER_LIKENESS);
  const learntDanger = !understood.danger && !understood.nearMiss && !understood.offTopic && (understood.kind === 'situation' || !looksOutside(wholeLikeness)) && likelyDanger();
  // A scream, tears or a knife, and no other sign of danger, told the way the calm look-alikes are ("the
  // couple screamed at each other, this morning they had breakfast laughing", "a guest lost his wallet and
  // is shouting at the desk"): no 112 card. Nor for children with the parent they call dad, told as calmly.
  // Violence, threats or someone held now always get it, and so does any other child with an adult now.
  const toldCalmly = (understood.alarmOnly || understood.childWithFamily) && index.dangerLikeness(corrected, language) < TOLD_CALMLY;
  const danger = (understood.danger && !toldCalmly) || learntDanger;
  if (danger) kind = 'situation';
  // Such a scene is judged by its other words like any message: a stag party's karaoke is no routine's business.
  if (toldCalmly) kind = understood.domain >= IN_DOMAIN_SCORE ? 'question' : 'outOfScope';
  // A message with few domain words counts as in the domain when one article covers a fair share of
  // it (a third); with none, only when one covers it well. A near miss (statistics, address, booking)
  // or an everyday topic (a printer, the weather) is refused whatever it shares with an article.
  const enough = understood.domain >= 1 ? DOMAIN_WORD_FLOOR : minConfidence;
  // So does one asked the way people ask for a routine, in words the routines do not use ("the cook sleeps
  // in the storeroom and the boss takes his money" is labour exploitation), and one with a domain word that
  // the routines' examples together explain far better than the messages no routine answers ("what should
  // I put in the report, and what should I leave out").
  const outsideLikeness = index.outsideLikeness(corrected, language);
  const inDomain = (best !== undefined && best.confidence >= enough) || soundsLikeRoutine(resemblance) || (understood.domain >= 1 && outsideLikeness < SURELY_INSIDE);
  // An everyday word in a message asked the way people ask for one routine, and unlike the messages no
  // routine answers ("the hotel wants its own Excel list of guests they suspect"), is that routine's question.
  const askedLikeARoutine = closestRoutine(wholeLikeness) >= RECOGNISED_ROUTINE;
  const everyday = understood.offTopic && !(askedLikeARoutine && outsideLikeness < OUTSIDE_LIKENESS);
  if (kind === 'outOfScope' && !understood.nearMiss && !everyday && inDomain) kind = 'question';
  // More like the messages no routine answers (an address, statistics, the wifi) than like any routine's
  // examples: refused, whatever words it shares with a routine. What a longer message asks decides.
  // Not when one routine uses every word of it ("what is the name of the Salvation Army's training for
  // hotel staff": names are what errands ask for, but the routine holds this one).
  const fullOfDomainWords = understood.domain >= IN_DOMAIN_SCORE;
  const coveredInFull = best !== undefined && best.confidence >= COVERED_IN_FULL;
  if (!danger && kind !== 'situation' && !coveredInFull && looksOutside(askedLikeness, fullOfDomainWords ? DOMAIN_OUTSIDE_MARGIN : 1)) kind = 'outOfScope';
  // So is one that all the routines' examples together explain less well than the messages no routine
  // answers ("help me pick a name for our new cat"); one full of the domain's words only when that is clearer,
  // and one with two strong domain words only when it is all but sure ("can the hotel be charged with procuring").
  // Full of the domain's words and asked more like a routine than like an errand: only when surer still.
  // Nor here when one routine uses every word of it ("what does the law say about buying a sexual act from a child"):
  // the outside messages share such words often enough to outweigh them, but the routine holds the answer.
  // Nor when it is asked the way people ask for one routine (more likely than all others together), unless it
  // is all but surely an errand: "is the support phone open on saturday" shares everyday words with errands,
  // "how do I order new towels for housekeeping" only a routine's word.
  const askedLikeOne = askedLikeARoutine && outsideLikeness < SURELY_OUTSIDE;
  const domainOutsideLikeness = soundsLikeRoutine(resemblance) ? ROUTINE_DOMAIN_OUTSIDE_LIKENESS : DOMAIN_OUTSIDE_LIKENESS;
  const errandLikeness = understood.domain >= 2 * IN_DOMAIN_SCORE ? SURELY_OUTSIDE : fullOfDomainWords ? domainOutsideLikeness : OUTSIDE_LIKENESS;
  if (!danger && kind !== 'situation' && !coveredInFull && !askedLikeOne && outsideLikeness > errandLikeness) kind = 'outOfScope';
  if (kind === 'outOfScope') return none(fullOfDomainWords && !everyday ? 'nearMiss' : 'outOfScope', best);

  if (danger) {
    const child = understood.possibleChild ? byId(CHILD_ROUTINE[audience]) : undefined;
    // Someone describing danger now gets the audience's "what to do now" routine (the edge shows 112
    // first), however well another routine matches the scene (that one is offered beside it), unless
    // the message is asked the way people ask for one of the reader's own routines (more likely than all others
    // together): then that routine, with "what to do now" first beside it. A police officer at a hotel scene is
    // told like a receptionist, but the partners' routine is not theirs: they get acute protection. A question
    // that mentions danger gets its best routine.
    const recognised = best && own(best) && (wholeLikeness.get(best.article.id) ?? 0) >= RECOGNISED_ROUTINE;
    // Danger learnt from the examples is a scene as they are, and so is danger told without a question,
    // though the word rules did not see one.
    const scene = understood.observed || learntDanger || !asksSomething(text);
    const firstAid = scene && !recognised ? whatToDoNow : undefined;
    // Staff and coordinators get their own routine that the message is asked like before the child routine too
    // (handling a report "about someone who may be a minor" is triage), the child routine beside it; a partner
    // who sees a child now always gets the child routine.
    const handled = recognised && audience !== 'partner' ? best.article : undefined;
    const article = handled ?? child ?? firstAid ?? sceneRoutine;
    if (article) return answer(article, hitOf(article), 'situation', true, handled && child ? child : whatToDoNow);
  }
  if (best && best.confidence >= minConfidence) return answer(best.article, best, kind, false);
  if (kind === 'situation' && sceneRoutine) return answer(sceneRoutine, hitOf(sceneRoutine), kind, false);
  // Asked the way people ask for one routine, though in words it does not use ("we police plan an action
  // against buyers, should social services come with us"): that routine, not choices.
  const liked = likeliestRoutine(wholeLikeness);
  const askedForRoutine = liked.p >= RECOGNISED_QUESTION ? byId(liked.id) : undefined;
  if (askedForRoutine) return answer(askedForRoutine, hitOf(askedForRoutine), kind, false);

  // A routine that answers well exists, but not one this reader may read: say so rather than offer others.
  // Not when the message is asked like one of the reader's own routines: then those are the choices.
  const askedLikeOwn = hits.some((h) => (resemblance.get(h.article.id) ?? 0) >= ROUTINE_LIKENESS_FLOOR);
  const elsewhere = askedLikeOwn
    ? 0
    : Math.max(
        0,
        ...(['staff', 'partner', 'coordinator'] as const)
          .filter((a) => a !== audience)
          .flatMap((a) => index.search(corrected, { language, audience: a, limit: 3 }))
          .filter((h) => !canRead(audience, h.article))
          .map((h) => h.confidence),
      );
  if (elsewhere >= minConfidence && elsewhere > (best?.confidence ?? 0) + 0.2) return none('lowConfidence', best, { kind });
  if (best && best.confidence >= QUESTION_FLOOR * minConfidence) return answer(best.article, best, kind, false);
  return none('lowConfidence', best, { kind, choices: hits.slice(0, 3).map((h) => h.article) });
}
