import { describe, expect, it } from 'vitest';
import { answerCard, type AnswerCardLabels } from '../../src/cards/answer-card';
import { MAX_ROUTINES_ON_CARD, reviewReminderCard } from '../../src/cards/review-reminder-card';
import { DeliveryError, type Deliverer } from '../../src/forwarding/deliverer';
import type { Article } from '../../src/knowledge/article';
import { buildKnowledgeBase } from '../../src/knowledge/build-knowledge-base';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { KnowledgeBaseHolder } from '../../src/knowledge/knowledge-base-holder';
import { readKnowledgeFiles } from '../../src/knowledge/knowledge-files';
import { routineTextHash, type ReviewReminder } from '../../src/knowledge/review-reminders';
import { ReviewReminders } from '../../src/jobs/review-reminders';
import { silentLogger } from '../../src/log';
import { LOCALES_DIR } from '../../src/paths';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { BlobJobLock } from '../../src/storage/blob-job-lock';
import { BlobReviewStore } from '../../src/storage/blob-review-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { cardProblems } from '../support/adaptive-card-validator';
import { freshContainers } from '../support/azurite';
import { DEMO_DIRECTORY, testClock } from '../support/forwarding';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const LABELS = { title: 'Routines to review', intro: (n: number) => `${n} routines`, lastReviewed: (d: string, due: string) => `${d} / ${due}`, reviewed: 'Reviewed, no change', howToChange: 'Publish a new text.', more: (n: number) => `${n} more` };

const kb = loadKnowledgeBase(LOCALES_DIR);
const VALUES = { localCoordinator: 'K', socialjourRoute: 'S', municipalSocialServices: 'M', localPoliceContact: 'P' };
const ROUTINES = new Set(kb.articles.map((a) => a.id)).size;
const routine = (id: string): Article[] => kb.articles.filter((a) => a.id === id);

/** Two bot instances on one container: each its own job object, lock and store object; they share only the blobs. */
async function setup(start: string) {
  const c = await freshContainers('reviews');
  const store = new JsonBlobStore(c.data);
  const clock = testClock(new Date(start));
  const sent: { to: string; reminder: ReviewReminder; card: unknown }[] = [];
  /** Failures the next sends meet, in order. */
  const failures: DeliveryError[] = [];
  const deliverer: Deliverer = {
    sendCard: async (ref, card) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ to: ref.user as string, reminder: (card as { reminder: ReviewReminder }).reminder, card: (card as { card: unknown }).card });
      return { activityId: `a${sent.length}` };
    },
    sendText: async () => undefined,
    updateCard: async () => undefined,
  };
  // Megan and Alex have a personal chat with the bot; Adele has not.
  const people = { get: async (id: string) => ([MEGAN, ALEX].includes(id) ? { user: id } : undefined), set: async () => undefined };
  const audit = new BlobAuditLog(store);
  const instance = (overrides: Partial<ConstructorParameters<typeof ReviewReminders>[0]> = {}) =>
    new ReviewReminders({
      knowledgeBase: new KnowledgeBaseHolder(kb),
      store: new BlobReviewStore(new JsonBlobStore(c.data)),
      lock: new BlobJobLock(new JsonBlobStore(c.data)),
      people,
      deliverer,
      audit,
      card: (reminder) => ({ reminder, card: reviewReminderCard(reminder, LABELS) }),
      owners: DEMO_DIRECTORY.routineOwners ?? {},
      admins: DEMO_DIRECTORY.admins,
      language: 'sv',
      policy: { months: 12, timeZone: 'Europe/Stockholm' },
      clock,
      logger: silentLogger,
      ...overrides,
    });
  return { store, clock, sent, audit, failures, instance, a: instance(), b: instance() };
}

describe('ReviewReminders (job, store and audit on Azurite)', () => {
  it('sends one card per owner per month, whatever the passes and instances, and "Reviewed, no change" clears the routine', async () => {
    // The shipped routines were last reviewed in November 2026: due in November 2027.
    const { store, clock, sent, audit, a, b } = await setup('2027-11-01T07:00:00Z');
    expect(await a.run()).toBe(0); // 23 and 30 November are still ahead
    expect(sent).toHaveLength(0);

    clock.t = new Date('2027-12-01T07:00:00Z');
    const both = await Promise.all([a.run(), b.run()]);
    expect(both.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await b.run()).toBe(0);
    clock.t = new Date('2027-12-20T07:00:00Z');
    expect((await Promise.all([a.run(), b.run()])).reduce((x, y) => x + y, 0)).toBe(0);
    // Every routine's owner is mapped to Megan in the demo directory: one card, every routine on it.
    expect(sent.map((s) => s.to)).toEqual([MEGAN]);
    const december = sent[0]!;
    expect(december.reminder.month).toBe('2027-12');
    expect(december.reminder.routines).toHaveLength(ROUTINES);
    expect(cardProblems(december.card)).toEqual([]);
    // A long list is cut (a Teams message holds about 28 KB): the rest is named, and comes once those shown are reviewed.
    expect(JSON.stringify(december.card)).toContain(`${ROUTINES - MAX_ROUTINES_ON_CARD} more`);
    expect(await store.get(`kb/review-reminders/2027-12/${MEGAN}.json`)).toBeDefined();

    // The answer card says "review overdue" to staff for now.
    expect(await a.isOverdue('helplines')).toBe(true);

    // Megan presses "Reviewed, no change" on one routine.
    const listed = december.reminder.routines.find((r) => r.id === 'helplines')!;
    expect(listed.textHash).toBe(routineTextHash(routine('helplines')));
    expect(await a.markReviewed(MEGAN, 'helplines', listed.textHash)).toEqual({ type: 'recorded', title: routine('helplines').find((x) => x.language === 'sv')!.title, dueOn: '2028-12-20' });
    expect(await b.isOverdue('helplines')).toBe(false);
    expect(await b.isOverdue('acute-protection')).toBe(true);
    const events = await audit.read('2027-12-20');
    expect(events).toEqual([{ at: '2027-12-20T07:00:00.000Z', actor: MEGAN, action: 'kb.reviewed', result: 'ok', articleId: 'helplines' }]);

    // Someone else, or a text that changed since the card, records nothing (and is audited as refused).
    expect(await a.markReviewed(ADELE, 'acute-protection', routineTextHash(routine('acute-protection')))).toEqual({ type: 'notAllowed' });
    expect(await a.markReviewed(MEGAN, 'acute-protection', '0'.repeat(64))).toEqual({ type: 'changed' });
    expect(await a.markReviewed(MEGAN, 'no-such-routine', '0'.repeat(64))).toEqual({ type: 'unknown' });
    expect((await audit.read('2027-12-20')).slice(1).map((e) => [e.result, e.reason])).toEqual([
      ['refused', 'notOwner'],
      ['refused', 'textChanged'],
      ['refused', 'unknownRoutine'],
    ]);
    expect(await a.isOverdue('acute-protection')).toBe(true);

    // January: a new card, without the reviewed routine.
    clock.t = new Date('2028-01-01T07:00:00Z');
    expect((await Promise.all([a.run(), b.run()])).reduce((x, y) => x + y, 0)).toBe(1);
    expect(sent).toHaveLength(2);
    const january = sent[1]!.reminder;
    expect(january.month).toBe('2028-01');
    expect(january.routines.map((r) => r.id)).not.toContain('helplines');
    expect(january.routines).toHaveLength(ROUTINES - 1);
  });

  it('does not count a review made for another text: a published change needs a new review', async () => {
    const { clock, a, instance } = await setup('2027-12-01T07:00:00Z');
    expect(await a.markReviewed(MEGAN, 'helplines', routineTextHash(routine('helplines')))).toMatchObject({ type: 'recorded' });
    expect(await a.isOverdue('helplines')).toBe(false);
    // A new version changes the routine's text but keeps its old review date.
    const files = readKnowledgeFiles(LOCALES_DIR);
    const sv = files.sv!['helplines.md']!;
    const changed = buildKnowledgeBase({ ...files, sv: { ...files.sv!, 'helplines.md': sv.replace(/^summary: "/m, 'summary: "Ändrad. ') } });
    const c = instance({ knowledgeBase: new KnowledgeBaseHolder(changed) });
    clock.t = new Date('2027-12-02T07:00:00Z');
    expect(await c.isOverdue('helplines')).toBe(true);
  });

  it('tells the administrators about an owner with no Teams user, and skips whoever has no chat with the bot', async () => {
    const { sent, instance } = await setup('2027-12-01T07:00:00Z');
    const noOwners = instance({ owners: {} });
    expect(await noOwners.run()).toBe(2);
    expect(sent.map((s) => s.to).sort()).toEqual([ALEX, MEGAN]);
  });

  it('renders the answer card with "review overdue" from the job’s answer, and without it after the review', async () => {
    const { a } = await setup('2027-12-01T07:00:00Z');
    const labels = { reviewOverdue: 'REVIEW OVERDUE', lastReviewed: () => 'reviewed', escalation: 'E', sources: 'S', dangerBanner: 'D', related: 'R', helpful: 'H', yes: 'Y', no: 'N', report: 'Rep', reportThis: 'RT', askCoordinator: 'A' } satisfies AnswerCardLabels;
    const article = kb.index.article('helplines', 'en')!;
    const card = async () => JSON.stringify(answerCard(article, [], labels, VALUES, undefined, false, await a.isOverdue('helplines')));
    expect(await card()).toContain('REVIEW OVERDUE');
    await a.markReviewed(ALEX, 'helplines', routineTextHash(routine('helplines')));
    expect(await card()).not.toContain('REVIEW OVERDUE');
  });

  it('tries a card the channel refused again at the next pass, but not one that may have arrived', async () => {
    const { sent, failures, a, clock } = await setup('2027-12-01T07:00:00Z');
    failures.push(new DeliveryError('THROTTLED'));
    expect(await a.run()).toBe(0);
    expect(await a.run()).toBe(1);
    clock.t = new Date('2028-01-01T07:00:00Z');
    failures.push(new DeliveryError('UNREACHABLE'));
    expect(await a.run()).toBe(0);
    expect(await a.run()).toBe(0);
    expect(sent.map((s) => s.reminder.month)).toEqual(['2027-12']);
  });
});
