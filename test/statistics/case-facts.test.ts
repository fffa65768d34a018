import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseStatus } from '../../src/forwarding/case';
import { caseFactsOf } from '../../src/statistics/case-facts';

const ev = (action: CaseEvent['action'], at: string) => ({ action, at });
const meta = (status: CaseStatus, history: { action: CaseEvent['action']; at: string }[]) => ({ createdAt: '2026-10-01T10:00:00.000Z', status, category: 'other' as const, urgency: 'P2' as const, history });

describe('caseFactsOf', () => {
  it.each([
    {
      name: 'the first acknowledgement counts',
      meta: meta('acknowledged', [ev('received', 'a'), ev('acknowledged', '2026-10-01T11:00:00.000Z'), ev('acknowledged', '2026-10-01T12:00:00.000Z')]),
      expected: { acknowledgedAt: '2026-10-01T11:00:00.000Z', escalations: 0 },
    },
    {
      name: 'taking a case acknowledges it',
      meta: meta('taken', [ev('received', 'a'), ev('taken', '2026-10-01T11:00:00.000Z')]),
      expected: { acknowledgedAt: '2026-10-01T11:00:00.000Z', escalations: 0 },
    },
    {
      name: 'a case closed, reopened and closed again was closed at the last close',
      meta: meta('closed', [ev('received', 'a'), ev('acknowledged', 'b'), ev('closed', 'c1'), ev('reopened', 'd'), ev('closed', 'c2')]),
      expected: { acknowledgedAt: 'b', closedAt: 'c2', escalations: 0 },
    },
    {
      name: 'a reopened case is not closed',
      meta: meta('acknowledged', [ev('received', 'a'), ev('acknowledged', 'b'), ev('closed', 'c'), ev('reopened', 'd')]),
      expected: { acknowledgedAt: 'b', escalations: 0 },
    },
    {
      name: 'escalations are counted, withdrawn cases have no close',
      meta: meta('withdrawn', [ev('received', 'a'), ev('escalated', 'b'), ev('escalated', 'c'), ev('withdrawn', 'd')]),
      expected: { escalations: 2 },
    },
  ])('$name', ({ meta: m, expected }) => {
    const { createdAt: _c, municipality: _m, category: _k, urgency: _u, siteKind: _s, ...rest } = caseFactsOf(m, 'demo', 'hotel');
    expect(rest).toEqual(expected);
  });
});
