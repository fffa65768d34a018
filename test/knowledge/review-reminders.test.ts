import { monthIn } from '../../src/calendar';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/knowledge/article';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import {
  effectiveLastReviewed,
  isReviewOverdue,
  mayRecordReview,
  reviewDueOn,
  reviewersOf,
  reviewReminders,
  routinesOf,
  routineTextHash,
  type ReviewRecord,
} from '../../src/knowledge/review-reminders';
import { LOCALES_DIR } from '../../src/paths';

const ZONE = 'Europe/Stockholm';
const policy = { months: 12, timeZone: ZONE };
const ADMINS = ['00000000-0000-0000-0000-0000000000020', '00000000-0000-0000-0000-0000000000021'];
const OWNER = '00000000-0000-0000-0000-00000000000a1';

const kb = loadKnowledgeBase(LOCALES_DIR);
const base = routinesOf(kb.articles).get('helplines')!;
/** A routine of two languages, reviewed on `day`, owned by `owner` (sv) / `${owner} (en)`. */
const routine = (id: string, day: string, owner = 'Ägare A'): Article[] =>
  base.map((a) => ({ ...a, id, lastReviewed: day, owner: a.language === 'sv' ? owner : `${owner} (en)` }));
const record = (articles: Article[], reviewedOn: string, textHash = routineTextHash(articles)): ReviewRecord => ({
  articleId: articles[0]!.id,
  reviewedOn,
  textHash,
  by: OWNER,
  at: `${reviewedOn}T09:00:00.000Z`,
});

describe('review dates', () => {
  it.each([
    ['2025-11-30', 12, '2026-11-30'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-12-15', 3, '2026-03-15'],
  ])('a review on %s with %i months falls due on %s', (day, months, due) => {
    expect(reviewDueOn(day, months)).toBe(due);
  });

  it('counts months in the bot’s time zone (New Year’s Eve 23:30 UTC is January in Stockholm)', () => {
    expect(monthIn(new Date('2026-12-31T23:30:00Z'), ZONE)).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T22:30:00Z'), ZONE)).toBe('2026-12');
  });

  it('is overdue from the due day on, not the day before', () => {
    const r = routine('r1', '2025-11-30');
    expect(isReviewOverdue(r, undefined, new Date('2026-11-29T12:00:00Z'), policy)).toBe(false);
    expect(isReviewOverdue(r, undefined, new Date('2026-11-30T12:00:00Z'), policy)).toBe(true);
  });

  it('takes the earlier language’s front matter, and a later recorded review only for the text it was made for', () => {
    const [sv, en] = routine('r1', '2025-06-01');
    const mixed = [sv!, { ...en!, lastReviewed: '2025-03-01' }];
    expect(effectiveLastReviewed(mixed, undefined)).toBe('2025-03-01');
    expect(effectiveLastReviewed(mixed, record(mixed, '2026-04-01'))).toBe('2026-04-01');
    expect(effectiveLastReviewed(mixed, record(mixed, '2025-01-01'))).toBe('2025-03-01');
    const changed = [sv!, { ...en!, lastReviewed: '2025-03-01', steps: [...en!.steps, 'A new step.'] }];
    expect(routineTextHash(changed)).not.toBe(routineTextHash(mixed));
    expect(effectiveLastReviewed(changed, record(mixed, '2026-04-01'))).toBe('2025-03-01');
  });

  it('does not count front-matter changes (owner, date) as a change of text', () => {
    const r = routine('r1', '2025-06-01');
    expect(routineTextHash(routine('r1', '2026-01-01', 'Someone else'))).toBe(routineTextHash(r));
  });
});

describe('reviewersOf and mayRecordReview', () => {
  const owners = { 'Ägare A': [OWNER.toUpperCase()] };
  it('maps an owner name (in either language) to its people, else the administrators', () => {
    expect(reviewersOf(routine('r1', '2025-01-01'), owners, ADMINS)).toEqual([OWNER]);
    expect(reviewersOf(routine('r1', '2025-01-01', 'Nobody mapped'), owners, ADMINS)).toEqual(ADMINS);
    expect(reviewersOf(routine('r1', '2025-01-01', 'X'), { 'X (en)': [OWNER] }, ADMINS)).toEqual([OWNER]);
  });
  it('lets the routine’s reviewers and the administrators record a review, nobody else', () => {
    const r = routine('r1', '2025-01-01');
    expect(mayRecordReview(OWNER, r, owners, ADMINS)).toBe(true);
    expect(mayRecordReview(ADMINS[0], r, owners, ADMINS)).toBe(true);
    expect(mayRecordReview('00000000-0000-0000-0000-0000000000099', r, owners, ADMINS)).toBe(false);
    expect(mayRecordReview(undefined, r, owners, ADMINS)).toBe(false);
  });
});

describe('reviewReminders', () => {
  const articles = [...routine('old-one', '2025-10-01'), ...routine('fresh', '2026-11-01'), ...routine('old-unmapped', '2025-09-15', 'Okänd ägare')];
  const input = { articles, records: new Map<string, ReviewRecord>(), owners: { 'Ägare A': [OWNER] }, admins: ADMINS, language: 'sv' as const, policy };

  it('lists, per recipient, the routines past their review (owners; admins for an unmapped owner), once each', () => {
    const reminders = reviewReminders({ ...input, now: new Date('2026-12-01T07:00:00Z') });
    expect(reminders.map((r) => [r.month, r.recipient, r.routines.map((x) => x.id)])).toEqual([
      ['2026-12', ADMINS[0], ['old-unmapped']],
      ['2026-12', ADMINS[1], ['old-unmapped']],
      ['2026-12', OWNER, ['old-one']],
    ]);
    const listed = reminders[2]!.routines[0]!;
    expect(listed).toMatchObject({ title: base.find((a) => a.language === 'sv')!.title, lastReviewed: '2025-10-01', dueOn: '2026-10-01' });
    expect(listed.textHash).toBe(routineTextHash(articles.filter((a) => a.id === 'old-one')));
  });

  it('no longer lists a routine once "Reviewed, no change" is recorded for its text, but does again when the text changes', () => {
    const old = articles.filter((a) => a.id === 'old-one');
    const records = new Map([['old-one', record(old, '2026-12-02')]]);
    const january = new Date('2027-01-01T07:00:00Z');
    expect(reviewReminders({ ...input, records, now: january }).find((r) => r.recipient === OWNER)).toBeUndefined();
    const edited = articles.map((a) => (a.id === 'old-one' ? { ...a, summary: `${a.summary} Changed.` } : a));
    expect(reviewReminders({ ...input, articles: edited, records, now: january }).find((r) => r.recipient === OWNER)?.routines.map((x) => x.id)).toEqual(['old-one']);
  });

  it('has nothing to send when nothing is overdue (the shipped routines today)', () => {
    expect(reviewReminders({ ...input, articles: kb.articles, now: new Date('2026-12-01T07:00:00Z') })).toEqual([]);
  });
});
