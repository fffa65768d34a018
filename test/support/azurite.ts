import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { caseIndexTableName, createBlobContainers, createQueueService, createTableClient, type BlobContainers } from '../../src/storage/blob-container';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { QueueOutboxStore } from '../../src/storage/queue-outbox-store';
import { TableCaseIndex } from '../../src/storage/table-case-index';

export type TestContainers = BlobContainers & { connectionString: string; name: string };

/** A fresh, created container on the shared test Azurite, so test files never see each other's blobs. */
export async function freshContainers(prefix = 't'): Promise<TestContainers> {
  const connectionString = inject('azuriteConnectionString');
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const containers = createBlobContainers(connectionString, name);
  await containers.data.createIfNotExists();
  return { ...containers, connectionString, name };
}

/** The case index (a table) that a bot on this container uses. */
export function caseIndexOn(c: TestContainers): TableCaseIndex {
  return new TableCaseIndex(createTableClient(c.connectionString, caseIndexTableName(c.name)));
}

/** The outbox (queues, and blobs for dead and waiting items) that a bot on this container uses. */
export function outboxOn(c: TestContainers, holdSeconds = 30): QueueOutboxStore {
  return new QueueOutboxStore(createQueueService(c.connectionString), c.name, new JsonBlobStore(c.data), holdSeconds);
}

/** The deliveries waiting in a container's outbox queues (peeked: nothing is taken), as `[targetId, urgency]`. */
export async function queuedDeliveries(c: TestContainers): Promise<{ caseId: string; targetId: string; urgency: string }[]> {
  const service = createQueueService(c.connectionString);
  const out: { caseId: string; targetId: string; urgency: string }[] = [];
  for (const u of ['p1', 'p2', 'p3', 'p4']) {
    const queue = service.getQueueClient(`${c.name.slice(0, 50).replace(/-+$/, '')}-outbox-${u}`);
    if (!(await queue.exists())) continue;
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    for (const m of peeked.peekedMessageItems) out.push(JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { caseId: string; targetId: string; urgency: string });
  }
  return out;
}

/** Nothing left in a container's outbox queues, visible or held (Azure's approximate count, exact on Azurite). */
export async function outboxIsEmpty(c: TestContainers): Promise<boolean> {
  const service = createQueueService(c.connectionString);
  for (const u of ['p1', 'p2', 'p3', 'p4']) {
    const queue = service.getQueueClient(`${c.name.slice(0, 50).replace(/-+$/, '')}-outbox-${u}`);
    if (!(await queue.exists())) continue;
    if (((await queue.getProperties()).approximateMessagesCount ?? 0) > 0) return false;
  }
  return true;
}
