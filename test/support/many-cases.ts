import { randomUUID } from 'node:crypto';
import type { Case } from '../../src/forwarding/case';
import type { CaseIndex } from '../../src/forwarding/case-index';
import type { CaseStore } from '../../src/forwarding/case-store';

export const MEGAN_AAD = '00000000-0000-0000-0000-0000000000021';

/**
 * Store `total` cases, `open` of them still open (every third one taken by Megan), the rest closed,
 * and index them all as the service does. Returns the open cases.
 */
export async function storeManyCases(cases: CaseStore, index: CaseIndex, total: number, open: number, now = new Date()): Promise<Case[]> {
  const made: Case[] = [];
  for (let start = 0; start < total; start += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, total - start) }, async (_, k) => {
        const i = start + k;
        const isOpen = i < open;
        const at = new Date(now.getTime() - (i + 1) * 60_000).toISOString();
        const c = await cases.create({
          id: randomUUID(),
          status: isOpen ? (i % 3 === 0 ? 'taken' : 'delivered') : 'closed',
          createdAt: at,
          updatedAt: at,
          note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: (['P1', 'P2', 'P3'] as const)[i % 3]!, category: 'other' },
          reporter: { userId: `r-${i}`, conversationRef: {}, locale: 'sv' },
          history: [{ at, action: 'received', by: 'reporter' }],
          routing: { municipality: 'demo', primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'region-coordinator', targets: ['demo-coordinators'] },
          ...(isOpen && i % 3 === 0 ? { assignee: MEGAN_AAD, assigneeName: 'Megan Bowen' } : {}),
          ...(isOpen ? {} : { outcome: { code: 'noAction' as const, reason: 'test' } }),
        });
        return c;
      }),
    );
    made.push(...batch);
  }
  for (let start = 0; start < made.length; start += 50) await Promise.all(made.slice(start, start + 50).map((c) => index.put(c)));
  return made.filter((c) => c.status !== 'closed');
}
