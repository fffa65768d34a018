import { dayIn } from '../calendar';
import type { Clock } from '../clock';
import type { AuditLog } from '../forwarding/audit-log';
import { DeliveryError, type Deliverer } from '../forwarding/deliverer';
import type { JobLock } from '../forwarding/job-lock';
import type { PersonAddressStore } from '../forwarding/people';
import { KB_LANGUAGES, type Article, type KbLanguage } from '../knowledge/article';
import type { CurrentKnowledgeBase } from '../knowledge/knowledge-base-holder';
import {
  effectiveLastReviewed,
  isFrontMatterOverdue,
  isReviewOverdue,
  mayRecordReview,
  reviewDueOn,
  reviewReminders,
  routinesOf,
  routineTextHash,
  type OwnerDirectory,
  type ReviewPolicy,
  type ReviewRecord,
  type ReviewReminder,
} from '../knowledge/review-reminders';
import type { ReviewStore } from '../knowledge/review-store';
import { errorFields, type Logger } from '../log';
import type { PeriodicJob } from './periodic-jobs';

export interface ReviewRemindersDeps {
  readonly knowledgeBase: CurrentKnowledgeBase;
  readonly store: ReviewStore;
  readonly lock: JobLock;
  /** Personal chats, kept when someone installs the bot (as for the administrators' notices). */
  readonly people: PersonAddressStore;
  readonly deliverer: Deliverer;
  readonly audit: AuditLog;
  /** The card for one reminder, translated (built by the composition root). */
  readonly card: (reminder: ReviewReminder) => unknown;
  readonly owners: OwnerDirectory;
  readonly admins: readonly string[];
  /** The language the card lists titles in. */
  readonly language: KbLanguage;
  readonly policy: ReviewPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What "Reviewed, no change" did. */
export type MarkReviewedOutcome =
  | { readonly type: 'recorded'; readonly title: string; readonly dueOn: string }
  | { readonly type: 'unknown' }
  | { readonly type: 'notAllowed' }
  /** The text changed after the card was sent: the new text needs its own review. */
  | { readonly type: 'changed' };

/**
 * The monthly review reminders: one card per recipient per month listing their overdue routines,
 * and "Reviewed, no change" recorded (and audited) for a routine whose text is the one reviewed.
 * @remarks One instance runs a pass at a time (a job lock), and each card is claimed create-only
 * before it is sent, so a second pass, a restart or a second instance never sends it twice. A card
 * the channel refused gives its claim back and is tried at the next pass (one that may have
 * arrived is not); someone without a personal chat with the bot is skipped until they have one.
 */
export class ReviewReminders {
  /** Month and recipient of the reminders this instance could not send for want of a chat: warned once, not every pass. */
  private readonly unreachable = new Set<string>();

  constructor(private readonly deps: ReviewRemindersDeps) {}

  /** One pass: resolves to how many cards were sent. */
  async run(): Promise<number> {
    const { store, people, deliverer, logger } = this.deps;
    const lock = await this.deps.lock.tryLock('review-reminders');
    if (!lock) return 0;
    let sent = 0;
    try {
      const now = this.deps.clock.now();
      const articles = this.deps.knowledgeBase.current().articles;
      // Recorded reviews are read only for routines whose front matter says they are due.
      const records = new Map<string, ReviewRecord>();
      for (const [id, routine] of routinesOf(articles)) {
        if (!isFrontMatterOverdue(routine, now, this.deps.policy)) continue;
        const record = await store.get(id);
        if (record) records.set(id, record);
      }
      const reminders = reviewReminders({ articles, records, owners: this.deps.owners, admins: this.deps.admins, language: this.deps.language, now, policy: this.deps.policy });
      for (const reminder of reminders) {
        const ref = await people.get(reminder.recipient);
        if (!ref) {
          const key = `${reminder.month}|${reminder.recipient}`;
          if (!this.unreachable.has(key)) logger.warn('review reminder not sent: no personal chat with the bot yet', { month: reminder.month, routines: reminder.routines.length });
          this.unreachable.add(key);
          continue;
        }
        if (!(await store.claimReminder(reminder.month, reminder.recipient))) continue;
        try {
          await deliverer.sendCard(ref, this.deps.card(reminder));
          sent++;
        } catch (err) {
          // Given back only when the channel answered (the card is certainly not there): a send that
          // may have arrived is not repeated, which errs towards one card too few rather than two.
          const retry = err instanceof DeliveryError && err.certainlyNotPosted;
          logger.warn('review reminder not sent', { month: reminder.month, retry, ...errorFields(err) });
          if (retry) await store.releaseReminder(reminder.month, reminder.recipient);
        }
      }
      if (sent > 0) logger.info('review reminders sent', { count: sent });
    } finally {
      await lock.release();
    }
    return sent;
  }

  /**
   * "Reviewed, no change": recorded for today when `actor` answers for the routine (or is an
   * administrator) and its text is still the one the card showed (`textHash`); audited either way.
   */
  async markReviewed(actor: string | undefined, articleId: string, textHash: string): Promise<MarkReviewedOutcome> {
    const now = this.deps.clock.now();
    const routine = this.routine(articleId);
    const audit = async (result: 'ok' | 'refused', reason?: string) => {
      try {
        await this.deps.audit.record({ at: now.toISOString(), actor: actor ?? 'unknown', action: 'kb.reviewed', result, articleId, ...(reason ? { reason } : {}) });
      } catch (err) {
        // As for every audited action (conversation/turn-deps.ts `audit`): logged by code, never failing the owner's turn.
        this.deps.logger.warn('audit event not stored', { action: 'kb.reviewed', ...errorFields(err) });
      }
    };
    if (routine.length === 0) {
      await audit('refused', 'unknownRoutine');
      return { type: 'unknown' };
    }
    if (!mayRecordReview(actor, routine, this.deps.owners, this.deps.admins)) {
      await audit('refused', 'notOwner');
      return { type: 'notAllowed' };
    }
    if (routineTextHash(routine) !== textHash) {
      await audit('refused', 'textChanged');
      return { type: 'changed' };
    }
    const record: ReviewRecord = { articleId, reviewedOn: dayIn(now, this.deps.policy.timeZone), textHash, by: actor!.toLowerCase(), at: now.toISOString() };
    await this.deps.store.record(record);
    await audit('ok');
    const shown = routine.find((a) => a.language === this.deps.language) ?? routine[0]!;
    return { type: 'recorded', title: shown.title, dueOn: reviewDueOn(effectiveLastReviewed(routine, record), this.deps.policy.months) };
  }

  /** Is this routine overdue now (front matter, then its recorded review)? For the answer card. */
  async isOverdue(articleId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const routine = this.routine(articleId);
    if (!isFrontMatterOverdue(routine, now, this.deps.policy)) return false;
    return isReviewOverdue(routine, await this.deps.store.get(articleId), now, this.deps.policy);
  }

  /** The routine's articles (one per language) in the knowledge base being served. */
  private routine(articleId: string): Article[] {
    const { index } = this.deps.knowledgeBase.current();
    return KB_LANGUAGES.map((lng) => index.article(articleId, lng)).filter((a): a is Article => a !== undefined);
  }

  /** The pass as a periodic job (see `startPeriodicJobs`): hourly is enough for a monthly card. */
  job(everyMs = 3_600_000): PeriodicJob {
    return { name: 'review-reminders', everyMs, run: () => this.run() };
  }
}
