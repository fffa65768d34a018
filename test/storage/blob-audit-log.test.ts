import { describe, expect, it } from 'vitest';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { freshContainers } from '../support/azurite';

describe('BlobAuditLog on Azurite', () => {
  it('keeps every event of concurrent writers, per day, as JSON lines', async () => {
    const c = await freshContainers('audit');
    const log = new BlobAuditLog(new JsonBlobStore(c.data));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => log.record({ at: `2026-11-23T10:00:${String(i).padStart(2, '0')}Z`, actor: `aad-${i}`, action: 'case.take', result: i % 2 ? 'refused' : 'ok', caseId: 'c1' })),
    );
    await log.record({ at: '2026-11-24T00:00:01Z', actor: 'system', action: 'escalated', result: 'ok', caseId: 'c1' });
    const day = await log.read('2026-11-23');
    expect(day).toHaveLength(20);
    expect(new Set(day.map((e) => e.actor)).size).toBe(20);
    expect(await log.read('2026-11-24')).toEqual([{ at: '2026-11-24T00:00:01Z', actor: 'system', action: 'escalated', result: 'ok', caseId: 'c1' }]);
    expect(await log.read('2026-11-25')).toEqual([]);
  });
});
