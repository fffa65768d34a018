import type { AuditEvent, AuditLog } from '../forwarding/audit-log';
import type { JsonBlobStore } from './json-blob-store';

/** Append blobs, one per day (`audit/YYYY-MM-DD.jsonl`): appends never overwrite each other. */
export class BlobAuditLog implements AuditLog {
  constructor(private readonly store: JsonBlobStore) {}

  async record(event: AuditEvent): Promise<void> {
    await this.store.appendLine(`audit/${event.at.slice(0, 10)}.jsonl`, JSON.stringify(event));
  }

  async read(day: string): Promise<AuditEvent[]> {
    const text = await this.store.readText(`audit/${day}.jsonl`);
    return (text ?? '')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AuditEvent);
  }
}
