import { describe, expect, it } from 'vitest';
import type { CaseCategory, Urgency } from '../../src/forwarding/case';
import type { CaseStatistics } from '../../src/forwarding/retention';
import { caseFactsOf, type CaseFacts, type SiteKindBucket } from '../../src/statistics/case-facts';
import { computeStatistics, deletedCountsFor, type StatisticsReport } from '../../src/statistics/compute-statistics';
import type { Cell, ShownCount } from '../../src/statistics/small-counts';

const TZ = 'Europe/Stockholm';
const HOUR = 3_600_000;

/** One case: created at `at`, acknowledged and closed after so many hours, escalated so many times. */
function fact(at: string, o: { m?: string; cat?: CaseCategory; u?: Urgency; site?: SiteKindBucket; ackH?: number; closeH?: number; esc?: number } = {}): CaseFacts {
  const t = (h: number) => new Date(Date.parse(at) + h * HOUR).toISOString();
  return caseFactsOf(
    {
      createdAt: at,
      status: o.closeH !== undefined ? 'closed' : o.ackH !== undefined ? 'acknowledged' : 'delivered',
      category: o.cat ?? 'other',
      urgency: o.u ?? 'P3',
      history: [
        { at, action: 'received' },
        ...Array.from({ length: o.esc ?? 0 }, () => ({ at: t(0.5), action: 'escalated' as const })),
        ...(o.ackH !== undefined ? [{ at: t(o.ackH), action: 'acknowledged' as const }] : []),
        ...(o.closeH !== undefined ? [{ at: t(o.closeH), action: 'closed' as const }] : []),
      ],
    },
    o.m ?? 'demo',
    o.site ?? 'none',
  );
}

const many = (n: number, at: string, o: Parameters<typeof fact>[1] = {}) => Array.from({ length: n }, () => fact(at, o));
const text = (s: ShownCount) => (s.kind === 'exact' ? s.n : s.kind === 'fewer' ? '<5' : '>=5');
const table = <K extends string>(cells: readonly Cell<K>[]) => Object.fromEntries(cells.map((c) => [c.key, text(c.shown)]));
const q = (from: string, to: string, municipalities = ['demo']) => ({ period: { from, to }, municipalities, defaultMunicipality: 'demo', timeZone: TZ });
const run = (cases: CaseFacts[], o: { from?: string; to?: string; municipalities?: string[]; deleted?: Record<string, CaseStatistics>; unanswered?: Record<string, Record<string, number>> } = {}): StatisticsReport =>
  computeStatistics(q(o.from ?? '2026-09', o.to ?? '2026-11', o.municipalities), { cases, deleted: o.deleted ?? {}, unanswered: o.unanswered ?? {} });

/** Every count anywhere in a report: none may be shown exactly below 5. */
function exactCounts(r: StatisticsReport): number[] {
  const cells = [...r.byMonth, ...r.byCategory, ...r.byUrgency, ...r.bySiteKind, ...r.unansweredByWeek].map((c) => c.shown);
  const singles = [r.total, r.handOffs, r.escalatedCases, r.escalationSteps, r.unanswered, r.deleted, r.toAcknowledge.count, r.toClose.count];
  return [...cells, ...singles].flatMap((s) => (s.kind === 'exact' ? [s.n] : []));
}

describe('computeStatistics', () => {
  const cases: { name: string; cases: CaseFacts[]; opts?: Parameters<typeof run>[1]; check: (r: StatisticsReport) => void }[] = [
    {
      name: 'counts notes by the month they were received, in the configured zone',
      // 23:30 UTC on 30 September is 01:30 on 1 October in Stockholm.
      cases: [...many(6, '2026-09-10T10:00:00Z'), ...many(5, '2026-09-30T23:30:00Z'), ...many(7, '2026-11-02T08:00:00Z')],
      check: (r) => {
        expect(table(r.byMonth)).toEqual({ '2026-09': 6, '2026-10': 5, '2026-11': 7 });
        expect(text(r.total)).toBe(18);
      },
    },
    {
      name: 'leaves out cases received outside the period and of other municipalities',
      cases: [...many(6, '2026-10-10T10:00:00Z'), ...many(9, '2026-08-31T12:00:00Z'), ...many(9, '2026-10-10T10:00:00Z', { m: 'norrby' })],
      check: (r) => expect(text(r.total)).toBe(6),
    },
    {
      name: 'covers every chosen municipality',
      cases: [...many(6, '2026-10-10T10:00:00Z'), ...many(9, '2026-10-10T10:00:00Z', { m: 'norrby' })],
      opts: { municipalities: ['demo', 'norrby'] },
      check: (r) => expect(text(r.total)).toBe(15),
    },
    {
      name: 'shows counts below 5 as "< 5", and hides one more cell when one alone would be worked out from the total',
      cases: [...many(12, '2026-09-10T10:00:00Z'), ...many(2, '2026-10-10T10:00:00Z'), ...many(7, '2026-11-10T10:00:00Z')],
      check: (r) => {
        expect(table(r.byMonth)).toEqual({ '2026-09': 12, '2026-10': '<5', '2026-11': '>=5' });
        expect(text(r.total)).toBe(21);
      },
    },
    {
      name: 'counts categories, urgencies and kinds of site; hand-offs are the question category, shown alike',
      cases: [
        ...many(6, '2026-10-01T10:00:00Z', { cat: 'possibleMinor', u: 'P2', site: 'hotel' }),
        ...many(5, '2026-10-01T10:00:00Z', { cat: 'adultExploitation', u: 'P1', site: 'campsite' }),
        ...many(8, '2026-10-01T10:00:00Z', { cat: 'question', u: 'P4', site: 'none' }),
        ...many(1, '2026-10-01T10:00:00Z', { cat: 'other', u: 'P3', site: 'hostel' }),
      ],
      check: (r) => {
        expect(table(r.byCategory)).toEqual({ possibleMinor: 6, adultExploitation: '>=5', other: '<5', question: 8 });
        expect(table(r.byUrgency)).toEqual({ P1: '>=5', P2: 6, P3: '<5', P4: 8 });
        // Four kinds below 5: nothing can be worked out, nothing more is hidden.
        expect(table(r.bySiteKind)).toEqual({ hotel: 6, hostel: '<5', campsite: 5, shortLet: '<5', other: '<5', none: 8, unknown: '<5' });
        expect(text(r.handOffs)).toBe(8);
      },
    },
    {
      name: 'takes median and 90th percentile of the times to acknowledge and to close, over incident notes only',
      cases: [
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h) => fact('2026-10-01T10:00:00Z', { ackH: h, closeH: h * 10 })),
        ...many(6, '2026-10-01T10:00:00Z', { cat: 'question', ackH: 1000, closeH: 1000 }),
      ],
      check: (r) => {
        expect(r.toAcknowledge).toEqual({ count: { kind: 'exact', n: 10 }, medianMs: 5.5 * HOUR, p90Ms: 9.1 * HOUR });
        expect(r.toClose).toEqual({ count: { kind: 'exact', n: 10 }, medianMs: 55 * HOUR, p90Ms: 91 * HOUR });
      },
    },
    {
      name: 'gives no times from fewer than 5 notes',
      cases: [...many(4, '2026-10-01T10:00:00Z', { ackH: 1, closeH: 2 }), ...many(8, '2026-10-01T10:00:00Z')],
      check: (r) => {
        expect(r.toAcknowledge).toEqual({ count: { kind: 'fewer' } });
        expect(r.toClose).toEqual({ count: { kind: 'fewer' } });
      },
    },
    {
      name: 'counts escalated notes and escalation steps, each through the rule',
      cases: [...many(3, '2026-10-01T10:00:00Z', { esc: 2 }), ...many(2, '2026-10-01T10:00:00Z', { esc: 1 }), ...many(5, '2026-10-01T10:00:00Z')],
      check: (r) => {
        expect(text(r.escalatedCases)).toBe(5);
        expect(text(r.escalationSteps)).toBe(8);
      },
    },
    {
      name: 'shows few escalations as "< 5"',
      cases: [...many(1, '2026-10-01T10:00:00Z', { esc: 3 }), ...many(9, '2026-10-01T10:00:00Z')],
      check: (r) => {
        expect(text(r.escalatedCases)).toBe('<5');
        expect(text(r.escalationSteps)).toBe('<5');
      },
    },
    {
      name: 'adds cases deleted by retention to the months, categories and urgencies, as an unknown kind of site',
      cases: [...many(6, '2026-10-01T10:00:00Z', { site: 'hotel' })],
      opts: { deleted: { '2026-09': { total: 7, urgency: { P2: 7 }, category: { possibleMinor: 7 }, status: { closed: 7 }, municipalities: { demo: { total: 7, urgency: { P2: 7 }, category: { possibleMinor: 7 }, status: { closed: 7 } } } } } },
      check: (r) => {
        expect(table(r.byMonth)).toEqual({ '2026-09': 7, '2026-10': '>=5', '2026-11': '<5' });
        expect(table(r.bySiteKind)).toMatchObject({ hotel: 6, unknown: 7 });
        expect(text(r.deleted)).toBe(7);
        expect(text(r.total)).toBe(13);
      },
    },
    {
      name: 'counts questions without a routine per week of the chosen municipalities',
      cases: [],
      opts: { from: '2026-10', to: '2026-10', unanswered: { '2026-W41': { demo: 6, norrby: 9 }, '2026-W42': { demo: 1 }, '2026-W44': { demo: 8 }, '2026-W45': { demo: 50 } } },
      check: (r) => {
        // October 2026: Mondays 5, 12, 19 and 26 (W41-W44); W45 starts in November.
        expect(table(r.unansweredByWeek)).toEqual({ '2026-W41': 6, '2026-W42': '<5', '2026-W43': '<5', '2026-W44': 8 });
        expect(text(r.unanswered)).toBe(15);
      },
    },
  ];

  it.each(cases)('$name', ({ cases: facts, opts, check }) => {
    const r = run(facts, opts);
    check(r);
    expect(exactCounts(r).filter((n) => n < 5)).toEqual([]);
  });

  it('never shows fewer than 5 cases anywhere, and shows exactly what is stored where it shows a number', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let round = 0; round < 40; round++) {
      const facts = Array.from({ length: Math.floor(random() * 40) }, () =>
        fact(`2026-${pick(['09', '10', '11'])}-1${Math.floor(random() * 9)}T10:00:00Z`, {
          cat: pick(['possibleMinor', 'adultExploitation', 'other', 'question'] as const),
          u: pick(['P1', 'P2', 'P3', 'P4'] as const),
          site: pick(['hotel', 'campsite', 'none'] as const),
          ...(random() < 0.7 ? { ackH: random() * 10 } : {}),
          esc: random() < 0.2 ? 1 : 0,
        }),
      );
      const r = run(facts);
      expect(exactCounts(r).filter((n) => n < 5)).toEqual([]);
      const exact = (cells: readonly Cell<string>[], of: (f: CaseFacts) => string) => {
        for (const c of cells) if (c.shown.kind === 'exact') expect(c.shown.n).toBe(facts.filter((f) => of(f) === c.key).length);
        // With the total shown, a lone hidden cell could be worked out: there never is one.
        if (facts.length >= 5) expect(cells.filter((c) => c.shown.kind !== 'exact').length).not.toBe(1);
      };
      exact(r.byCategory, (f) => f.category);
      exact(r.byUrgency, (f) => f.urgency);
      exact(r.bySiteKind, (f) => f.siteKind);
      exact(r.byMonth, (f) => f.createdAt.slice(0, 7));
    }
  });
});

describe('deletedCountsFor', () => {
  const counts = (total: number, category: Record<string, number>) => ({ total, urgency: {}, category, status: {} });
  const stats: CaseStatistics = { ...counts(10, { other: 6, possibleMinor: 4 }), municipalities: { norrby: counts(3, { other: 3 }), demo: counts(2, { possibleMinor: 2 }) } };
  it.each([
    { name: 'a municipality gets its own counts', municipalities: ['norrby'], expected: counts(3, { other: 3 }) },
    { name: 'the default municipality also gets the counts kept without one', municipalities: ['demo'], expected: counts(7, { other: 3, possibleMinor: 4 }) },
    { name: 'all of them get everything', municipalities: ['demo', 'norrby'], expected: counts(10, { other: 6, possibleMinor: 4 }) },
  ])('$name', ({ municipalities, expected }) => {
    expect(deletedCountsFor(stats, municipalities, 'demo')).toEqual(expected);
  });
  it('counts kept before municipalities were recorded are the default municipality\'s', () => {
    expect(deletedCountsFor(counts(4, { other: 4 }), ['demo'], 'demo').total).toBe(4);
    expect(deletedCountsFor(counts(4, { other: 4 }), ['norrby'], 'demo').total).toBe(0);
  });
});
