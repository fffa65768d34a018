import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Case, CaseCategory, CaseEvent, Urgency } from '../../src/forwarding/case';
import type { CaseSummary } from '../../src/forwarding/case-index';
import type { SiteKind } from '../../src/forwarding/routing-directory';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { BlobStatisticsStore } from '../../src/storage/blob-statistics-store';
import { BlobUnansweredCounter } from '../../src/storage/blob-unanswered-counter';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { isoWeekOf } from '../../src/statistics/period';
import { caseIndexOn, type TestContainers } from './azurite';
import { TEST_NOTE_KEY } from './keys';

const TZ = 'Europe/Stockholm';
const HOUR = 3_600_000;

/** One seeded case, as the test knows it (what the statistics must find again). */
export interface SeededCase {
  readonly municipality: 'demo' | 'norrby';
  readonly createdAt: string;
  readonly month: string;
  readonly category: CaseCategory;
  readonly urgency: Urgency;
  readonly site?: SiteKind;
  readonly ackHours?: number;
  readonly closeHours?: number;
  readonly escalations: number;
  /** Free text that must never reach a card, a chart, a CSV or a log. */
  readonly secret: string;
}

/** Months back from the current one (in Stockholm), as `YYYY-MM`, and an instant on the 2nd of that month at 10:00. */
export function monthBack(n: number, now = new Date()): { month: string; at: Date } {
  const start = DateTime.fromJSDate(now, { zone: TZ }).startOf('month').minus({ months: n });
  return { month: start.toFormat('yyyy-MM'), at: start.plus({ days: 1, hours: 10 }).toJSDate() };
}

/**
 * The stored work of the statistics tests, for Demokommun over the last six months (this month
 * included), plus Norrby notes that must not show in Demokommun's picture:
 * - 7 notes last month (possible minor, P2, from a hotel), acknowledged after 1-7 h, closed after
 *   1-7 days, 5 of them escalated once;
 * - 6 notes two months back (adult exploitation, P3, a campsite), acknowledged after 2 h, open;
 * - 2 notes three months back (other, P1, from staff: no site);
 * - 3 hand-off questions this month (up to three hours old);
 * - 5 cases four months back deleted by retention (other, P3), counted under Demokommun;
 * - questions without a routine: 6 this week, 2 the week before (Demokommun), 9 this week (Norrby);
 * - 6 Norrby notes last month.
 */
export async function seedStatisticsCases(c: TestContainers, now = new Date()): Promise<SeededCase[]> {
  const store = new JsonBlobStore(c.data);
  const cases = new BlobCaseStore(store, new NoteCipher(TEST_NOTE_KEY));
  const index = caseIndexOn(c);
  const seeded: SeededCase[] = [];
  const add = (n: number, at: Date, o: Omit<SeededCase, 'createdAt' | 'month' | 'escalations' | 'secret' | 'ackHours' | 'closeHours'> & { ack?: (i: number) => number | undefined; close?: (i: number) => number | undefined; esc?: (i: number) => number }) => {
    for (let i = 0; i < n; i++) {
      const createdAt = new Date(at.getTime() + i * 60_000).toISOString();
      seeded.push({
        municipality: o.municipality,
        createdAt,
        month: DateTime.fromISO(createdAt, { zone: TZ }).toFormat('yyyy-MM'),
        category: o.category,
        urgency: o.urgency,
        ...(o.site ? { site: o.site } : {}),
        ...(o.ack?.(i) !== undefined ? { ackHours: o.ack(i)! } : {}),
        ...(o.close?.(i) !== undefined ? { closeHours: o.close(i)! } : {}),
        escalations: o.esc?.(i) ?? 0,
        secret: `Hemlig iakttagelse nummer ${seeded.length} i rum ${100 + seeded.length}`,
      });
    }
  };
  add(7, monthBack(1, now).at, { municipality: 'demo', category: 'possibleMinor', urgency: 'P2', site: 'hotel', ack: (i) => i + 1, close: (i) => 24 * (i + 1), esc: (i) => (i < 5 ? 1 : 0) });
  add(6, monthBack(2, now).at, { municipality: 'demo', category: 'adultExploitation', urgency: 'P3', site: 'campsite', ack: () => 2 });
  add(2, monthBack(3, now).at, { municipality: 'demo', category: 'other', urgency: 'P1' });
  const monthStart = DateTime.fromJSDate(now, { zone: TZ }).startOf('month').toJSDate();
  add(3, new Date(Math.max(monthStart.getTime(), now.getTime() - 3 * HOUR)), { municipality: 'demo', category: 'question', urgency: 'P4' });
  add(6, monthBack(1, now).at, { municipality: 'norrby', category: 'other', urgency: 'P3', site: 'hotel', ack: () => 1 });

  for (const s of seeded) {
    const at = (h: number) => new Date(Date.parse(s.createdAt) + h * HOUR).toISOString();
    const history: CaseEvent[] = [
      { at: s.createdAt, action: 'received', by: 'reporter' },
      { at: at(0.01), action: 'delivered', by: 'system' },
      ...Array.from({ length: s.escalations }, () => ({ at: at(0.5), action: 'escalated' as const, by: 'system' })),
      ...(s.ackHours !== undefined ? [{ at: at(s.ackHours), action: 'acknowledged' as const, by: '00000000-0000-0000-0000-0000000000021' }] : []),
      ...(s.closeHours !== undefined ? [{ at: at(s.closeHours), action: 'closed' as const, by: '00000000-0000-0000-0000-0000000000021' }] : []),
    ];
    const status: Case['status'] = s.closeHours !== undefined ? 'closed' : s.ackHours !== undefined ? 'acknowledged' : 'delivered';
    const targets = s.municipality === 'demo' ? ['demo-coordinators'] : ['norrby-coordinators'];
    const created = await cases.create({
      id: randomUUID(),
      status,
      createdAt: s.createdAt,
      updatedAt: history[history.length - 1]!.at,
      note: {
        formId: s.category === 'question' ? 'question' : 'incident-note',
        formVersion: 1,
        answers: s.category === 'question' ? { question: s.secret, language: 'sv', audience: 'staff' } : { observations: s.secret },
        urgency: s.urgency,
        category: s.category,
      },
      reporter: { userId: `reporter-${seeded.indexOf(s)}`, conversationRef: {}, locale: 'sv' },
      history,
      routing: { municipality: s.municipality, primary: targets[0]!, deputy: 'demo-deputy', next: 'region-coordinator', targets },
      ...(s.site
        ? { origin: { municipality: s.municipality, municipalityName: s.municipality, site: { id: `${s.site}-${s.municipality}`, name: `Secret ${s.site} name`, kind: s.site } } }
        : { origin: { municipality: s.municipality, municipalityName: s.municipality } }),
      ...(status === 'closed' ? { outcome: { code: 'noAction' as const, reason: s.secret } } : {}),
    });
    await index.put(created);
  }

  // Five cases of four months back, deleted by retention: only their counts are left.
  const retention = new BlobStatisticsStore(store);
  const deletedAt = monthBack(4, now).at.toISOString();
  for (let i = 0; i < 5; i++) {
    const summary: CaseSummary = { id: randomUUID(), code: 'K-2222', status: 'closed', urgency: 'P3', category: 'other', createdAt: deletedAt, updatedAt: deletedAt, levelAt: deletedAt, targets: [], municipality: 'demo' };
    await retention.add(summary);
  }

  const counter = new BlobUnansweredCounter(store);
  const thisWeek = isoWeekOf(now, TZ);
  const lastWeek = isoWeekOf(new Date(now.getTime() - 7 * 24 * HOUR), TZ);
  for (let i = 0; i < 6; i++) await counter.record(thisWeek, 'demo');
  for (let i = 0; i < 2; i++) await counter.record(lastWeek, 'demo');
  for (let i = 0; i < 9; i++) await counter.record(thisWeek, 'norrby');
  return seeded;
}

/** What Demokommun's six-month picture must show, counted straight from the seed (before the rule). */
export function expectedDemoCounts(seeded: readonly SeededCase[], now = new Date()) {
  const months = Array.from({ length: 6 }, (_, i) => monthBack(5 - i, now).month);
  const demo = seeded.filter((s) => s.municipality === 'demo' && months.includes(s.month));
  const deleted = { month: monthBack(4, now).month, total: 5, category: 'other', urgency: 'P3' };
  const count = (pred: (s: SeededCase) => boolean) => demo.filter(pred).length;
  return {
    months,
    total: demo.length + deleted.total,
    byMonth: Object.fromEntries(months.map((m) => [m, count((s) => s.month === m) + (m === deleted.month ? deleted.total : 0)])),
    byCategory: Object.fromEntries((['possibleMinor', 'adultExploitation', 'other', 'question'] as const).map((k) => [k, count((s) => s.category === k) + (k === deleted.category ? deleted.total : 0)])),
    byUrgency: Object.fromEntries((['P1', 'P2', 'P3', 'P4'] as const).map((k) => [k, count((s) => s.urgency === k) + (k === deleted.urgency ? deleted.total : 0)])),
    bySite: { hotel: count((s) => s.site === 'hotel'), campsite: count((s) => s.site === 'campsite'), none: count((s) => !s.site), unknown: deleted.total },
    acknowledgedHours: demo.filter((s) => s.category !== 'question' && s.ackHours !== undefined).map((s) => s.ackHours!),
    closedHours: demo.filter((s) => s.category !== 'question' && s.closeHours !== undefined).map((s) => s.closeHours!),
    escalated: count((s) => s.escalations > 0),
    unanswered: 8,
  };
}
