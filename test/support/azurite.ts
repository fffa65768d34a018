import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { caseIndexTables, createBlobContainers, createQueueService, type BlobContainers } from '../../src/storage/blob-container';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { outboxQueueName, QueueOutboxStore } from '../../src/storage/queue-outbox-store';
import { URGENCY_ORDER } from '../../src/forwarding/outbox';
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
  return new TableCaseIndex(caseIndexTables(c.connectionString, c.name));
}

/** The outbox (queues, and blobs for dead and waiting items) that a bot on this container uses. */
export function outboxOn(c: TestContainers, holdSeconds = 30): QueueOutboxStore {
  return new QueueOutboxStore(createQueueService(c.connectionString), c.name, new JsonBlobStore(c.data), holdSeconds);
}

/** A container's outbox queues that exist, most urgent first (as a bot on this container names them). */
async function outboxQueues(c: TestContainers) {
  const service = createQueueService(c.connectionString);
  const queues = URGENCY_ORDER.map((u) => service.getQueueClient(outboxQueueName(c.name, u)));
  const exists = await Promise.all(queues.map((q) => q.exists()));
  return queues.filter((_, i) => exists[i]);
}

/** The deliveries waiting in a container's outbox queues (peeked: nothing is taken). */
export async function queuedDeliveries(c: TestContainers): Promise<{ caseId: string; targetId: string; urgency: string }[]> {
  const out: { caseId: string; targetId: string; urgency: string }[] = [];
  for (const queue of await outboxQueues(c)) {
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    for (const m of peeked.peekedMessageItems) out.push(JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { caseId: string; targetId: string; urgency: string });
  }
  return out;
}

/** Nothing left in a container's outbox queues, visible or held (Azure's approximate count, exact on Azurite). */
export async function outboxIsEmpty(c: TestContainers): Promise<boolean> {
  for (const queue of await outboxQueues(c)) if (((await queue.getProperties()).approximateMessagesCount ?? 0) > 0) return false;
  return true;
}
