import { createHash } from 'node:crypto';
import { addMonthsToDay, dayIn, monthIn } from '../calendar';
import type { Article, KbLanguage } from './article';

/**
 * Review reminders (issue 12): every routine is due for review `months` after it was last reviewed,
 * and its owners (or the administrators, for an owner who is not a Teams user) are reminded once a
 * month. Plain functions of the articles, the recorded reviews and a date: no storage, no Teams.
 */

/** "Reviewed, no change", recorded for one routine: valid only while its text is the one reviewed. */
export interface ReviewRecord {
  readonly articleId: string;
  /** The day of the review (YYYY-MM-DD, in the bot's time zone). */
  readonly reviewedOn: string;
  /** `routineTextHash` of the routine (every language) when it was reviewed. */
  readonly textHash: string;
  /** Entra ID object id of who recorded it. */
  readonly by: string;
  /** When it was recorded (ISO). */
  readonly at: string;
}

/** Who writes the routines: owner names as written in the articles' `owner` → Entra ID object ids. */
export type OwnerDirectory = Readonly<Record<string, readonly string[]>>;

export interface ReviewPolicy {
  /** A routine is due this many months after its last review (KB_REVIEW_MONTHS). */
  readonly months: number;
  /** The zone in which days and months are counted. */
  readonly timeZone: string;
}

/** One routine as a reminder lists it. */
export interface OverdueRoutine {
  readonly id: string;
  readonly title: string;
  /** The effective last review (YYYY-MM-DD): the later of the front matter and a valid recorded review. */
  readonly lastReviewed: string;
  readonly dueOn: string;
  /** What the "Reviewed, no change" button confirms: this text and no other. */
  readonly textHash: string;
}

/** One card for one person for one month. */
export interface ReviewReminder {
  readonly month: string;
  /** Entra ID object id (lower case). */
  readonly recipient: string;
  readonly routines: readonly OverdueRoutine[];
}

/**
 * The routine's text in every language, hashed: what a review is valid for. The front matter's
 * review date, owner, tags and synonyms are not part of it (changing them is not a change of text).
 */
export function routineTextHash(articles: readonly Article[]): string {
  const parts = [...articles]
    .sort((a, b) => a.language.localeCompare(b.language))
    .map((a) => [a.language, a.title, a.label, a.summary, a.steps, a.escalation, a.notes, a.sources.map((s) => [s.ref, s.title, s.url])]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The day a review made on `day` (YYYY-MM-DD) falls due: `months` later, on the same day of the
 * month or the month's last day when it has fewer.
 * @example reviewDueOn('2025-01-31', 1) === '2025-02-28'
 */
export function reviewDueOn(day: string, months: number): string {
  return addMonthsToDay(day, months);
}

/** The routine's articles (one per language), by id. */
export function routinesOf(articles: readonly Article[]): Map<string, Article[]> {
  const byId = new Map<string, Article[]>();
  for (const a of articles) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  return byId;
}

/**
 * When the routine was last reviewed: the earliest `last_reviewed` of its languages, or a recorded
 * "Reviewed, no change" when it is later and was made for the text as it is now.
 */
export function effectiveLastReviewed(articles: readonly Article[], record: ReviewRecord | undefined): string {
  const frontMatter = articles.map((a) => a.lastReviewed).sort()[0] ?? '0000-01-01';
  if (!record || record.textHash !== routineTextHash(articles) || record.reviewedOn <= frontMatter) return frontMatter;
  return record.reviewedOn;
}

/** Is the routine past its review interval on `now`? */
export function isReviewOverdue(articles: readonly Article[], record: ReviewRecord | undefined, now: Date, policy: ReviewPolicy): boolean {
  return dayIn(now, policy.timeZone) >= reviewDueOn(effectiveLastReviewed(articles, record), policy.months);
}

/** Could the routine be overdue on its front matter alone? (If not, no recorded review needs reading.) */
export function isFrontMatterOverdue(articles: readonly Article[], now: Date, policy: ReviewPolicy): boolean {
  return articles.length > 0 && isReviewOverdue(articles, undefined, now, policy);
}

/**
 * Who is reminded of a routine: the Teams users its owner names map to (in any language), else
 * the administrators. Ids in lower case, each once.
 */
export function reviewersOf(articles: readonly Article[], owners: OwnerDirectory, admins: readonly string[]): string[] {
  const names = new Set(articles.map((a) => a.owner.trim()));
  const mapped = [...names].flatMap((n) => owners[n] ?? []);
  return [...new Set((mapped.length > 0 ? mapped : admins).map((id) => id.toLowerCase()))];
}

/** May this user record a review of the routine? Its reviewers and the administrators may. */
export function mayRecordReview(aadObjectId: string | undefined, articles: readonly Article[], owners: OwnerDirectory, admins: readonly string[]): boolean {
  if (!aadObjectId) return false;
  const id = aadObjectId.toLowerCase();
  return reviewersOf(articles, owners, admins).includes(id) || admins.some((a) => a.toLowerCase() === id);
}

export interface ReviewReminderInput {
  readonly articles: readonly Article[];
  readonly records: ReadonlyMap<string, ReviewRecord>;
  readonly owners: OwnerDirectory;
  readonly admins: readonly string[];
  /** The language the card lists titles in (the bot's default). */
  readonly language: KbLanguage;
  readonly now: Date;
  readonly policy: ReviewPolicy;
}

/**
 * The reminders due this month: per recipient, the overdue routines they answer for (sorted by
 * due date, then id); recipients with none get no reminder. Sorted by recipient.
 */
export function reviewReminders(input: ReviewReminderInput): ReviewReminder[] {
  const month = monthIn(input.now, input.policy.timeZone);
  const lists = new Map<string, OverdueRoutine[]>();
  for (const [id, articles] of routinesOf(input.articles)) {
    const record = input.records.get(id);
    if (!isReviewOverdue(articles, record, input.now, input.policy)) continue;
    const lastReviewed = effectiveLastReviewed(articles, record);
    const shown = articles.find((a) => a.language === input.language) ?? articles[0]!;
    const routine: OverdueRoutine = { id, title: shown.title, lastReviewed, dueOn: reviewDueOn(lastReviewed, input.policy.months), textHash: routineTextHash(articles) };
    for (const recipient of reviewersOf(articles, input.owners, input.admins)) lists.set(recipient, [...(lists.get(recipient) ?? []), routine]);
  }
  return [...lists.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([recipient, routines]) => ({ month, recipient, routines: routines.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id)) }));
}
