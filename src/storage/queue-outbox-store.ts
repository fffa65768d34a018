import { RestError, type QueueClient, type QueueServiceClient } from '@azure/storage-queue';
import { z } from 'zod';
import { AppError } from '../errors';
import { URGENCY_ORDER, type HeldItem, type OutboxItem, type OutboxStore } from '../forwarding/outbox';
import type { Urgency } from '../forwarding/case';
import { toStorageError, type JsonBlobStore } from './json-blob-store';

/** Azure caps a message's invisibility at seven days; a longer Retry-After is waited out in steps. */
const MAX_VISIBILITY_SECONDS = 7 * 24 * 3600;
const MAX_RECEIVE = 32;

const ITEM = z.object({
  id: z.string().min(1).max(200),
  caseId: z.string().min(1).max(100),
  targetId: z.string().min(1).max(100),
  urgency: z.enum(['P1', 'P2', 'P3', 'P4']),
  createdAt: z.string(),
  attempts: z.number().int().min(0),
  throttles: z.number().int().min(0).optional(),
  lastError: z.string().max(60).optional(),
});

/** The outbox queue for one urgency (queue names: up to 63 lower-case letters, digits and dashes). */
export function outboxQueueName(prefix: string, urgency: Urgency): string {
  return `${prefix.slice(0, 50).replace(/-+$/, '')}-outbox-${urgency.toLowerCase()}`;
}

/** What we need to act on a received message: its current pop receipt, and one operation at a time. */
interface Hold {
  queue: QueueClient;
  popReceipt: string;
  chain: Promise<unknown>;
}

/**
 * The outbox on Azure Queue Storage: one queue per urgency (`<prefix>-outbox-p1` … `-p4`). The
 * visibility timeout is the hold: a received message is invisible to every other instance until it
 * is finished or the hold lapses (a crashed holder), and `extend` renews it while a send runs.
 * Dead letters and items waiting for an unlinked target are blobs (`outbox-dead/`, `outbox-waiting/`),
 * listed only by administrators and by `link`.
 * @remarks Queue Storage rather than blobs with leases: the queue hands out only due messages, in
 * order, to any number of instances, so a pass costs what is due, not what was ever sent.
 */
export class QueueOutboxStore implements OutboxStore {
  private readonly queues: Record<Urgency, QueueClient>;
  private readonly holds = new Map<string, Hold>();
  private ready: Promise<void> | undefined;

  constructor(
    service: QueueServiceClient,
    prefix: string,
    private readonly blobs: JsonBlobStore,
    /** How long a received item stays invisible without a renewal. */
    private readonly holdSeconds = 30,
  ) {
    const queue = (u: Urgency) => service.getQueueClient(outboxQueueName(prefix, u));
    this.queues = { P1: queue('P1'), P2: queue('P2'), P3: queue('P3'), P4: queue('P4') };
  }

  /** Create the queues once (again after a failure, e.g. storage that was down at start). */
  private ensureQueues(): Promise<void> {
    this.ready ??= Promise.all(URGENCY_ORDER.map((u) => this.queues[u].createIfNotExists())).then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined;
        throw toStorageError(err, 'create outbox/');
      },
    );
    return this.ready;
  }

  async add(item: OutboxItem, delayMs = 0): Promise<void> {
    await this.ensureQueues();
    try {
      await this.queues[item.urgency].sendMessage(encode(item), { visibilityTimeout: seconds(delayMs), messageTimeToLive: -1 });
    } catch (err) {
      throw toStorageError(err, 'write outbox/');
    }
  }

  async receive(max: number): Promise<HeldItem[]> {
    await this.ensureQueues();
    const out: HeldItem[] = [];
    for (const urgency of URGENCY_ORDER) {
      if (out.length >= max) break;
      const queue = this.queues[urgency];
      let received;
      try {
        received = await queue.receiveMessages({ numberOfMessages: Math.min(MAX_RECEIVE, max - out.length), visibilityTimeout: this.holdSeconds });
      } catch (err) {
        throw toStorageError(err, 'read outbox/');
      }
      for (const m of received.receivedMessageItems) {
        const item = decode(m.messageText);
        if (!item) {
          // Not ours or damaged: kept as a dead letter under its message id, so nothing vanishes unseen.
          await this.blobs.put(`outbox-dead/unreadable-${m.messageId}.json`, { messageText: m.messageText.slice(0, 2_000) });
          await queue.deleteMessage(m.messageId, m.popReceipt).catch(() => undefined);
          continue;
        }
        this.holds.set(m.messageId, { queue, popReceipt: m.popReceipt, chain: Promise.resolve() });
        out.push({ item, messageId: m.messageId, dequeueCount: m.dequeueCount });
      }
    }
    return out;
  }

  /** Run one operation on a held message after the previous one (each returns a new pop receipt). */
  private withHold<T>(held: HeldItem, op: (hold: Hold) => Promise<T>): Promise<T> {
    const hold = this.holds.get(held.messageId);
    if (!hold) return Promise.reject(new AppError('STORAGE_CONFLICT', 'outbox item no longer held'));
    const next = hold.chain.then(() => op(hold));
    hold.chain = next.catch(() => undefined);
    return next.catch((err: unknown) => {
      // The hold lapsed and another instance has the message now: this holder must stop.
      if (err instanceof RestError && (err.statusCode === 404 || err.statusCode === 400)) {
        this.holds.delete(held.messageId);
        throw new AppError('STORAGE_CONFLICT', 'outbox item no longer held', { cause: err });
      }
      throw toStorageError(err, 'write outbox/');
    });
  }

  extend(held: HeldItem): Promise<void> {
    return this.withHold(held, async (hold) => {
      hold.popReceipt = (await hold.queue.updateMessage(held.messageId, hold.popReceipt, undefined, this.holdSeconds)).popReceipt ?? hold.popReceipt;
    });
  }

  async retryLater(held: HeldItem, item: OutboxItem, delayMs: number): Promise<void> {
    await this.withHold(held, async (hold) => {
      // At least a second: a retry is never a tight loop.
      await hold.queue.updateMessage(held.messageId, hold.popReceipt, encode(item), Math.max(1, seconds(delayMs)));
    });
    this.holds.delete(held.messageId);
  }

  abandon(held: HeldItem): void {
    this.holds.delete(held.messageId);
  }

  async complete(held: HeldItem): Promise<void> {
    await this.withHold(held, async (hold) => {
      await hold.queue.deleteMessage(held.messageId, hold.popReceipt);
    });
    this.holds.delete(held.messageId);
  }

  async deadLetter(held: HeldItem, item: OutboxItem): Promise<void> {
    // Written before the message is removed: a crash in between leaves a copy, never nothing.
    await this.blobs.put(`outbox-dead/${item.id}.json`, item);
    await this.complete(held);
  }

  async park(held: HeldItem, item: OutboxItem): Promise<void> {
    await this.blobs.put(`outbox-waiting/${item.targetId}/${item.id}.json`, item);
    await this.complete(held);
  }

  async unpark(targetId: string): Promise<number> {
    let count = 0;
    for (const name of await this.blobs.list(`outbox-waiting/${targetId}/`)) {
      const found = await this.blobs.get<unknown>(name);
      const item = found ? ITEM.safeParse(found.value) : undefined;
      if (item?.success) {
        await this.add(item.data);
        count++;
      }
      await this.blobs.delete(name);
    }
    return count;
  }

  async dead(): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    for (const name of await this.blobs.list('outbox-dead/')) {
      const found = await this.blobs.get<unknown>(name);
      const parsed = found ? ITEM.safeParse(found.value) : undefined;
      if (parsed?.success) items.push(parsed.data);
    }
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async redrive(id: string): Promise<boolean> {
    const name = `outbox-dead/${id}.json`;
    const found = await this.blobs.get<unknown>(name);
    const parsed = found ? ITEM.safeParse(found.value) : undefined;
    if (!parsed?.success) return false;
    // Queued before the dead letter goes: a crash in between re-drives twice at worst, and the
    // delivery itself is idempotent per case and target.
    await this.add({ ...parsed.data, attempts: 0, throttles: 0 });
    await this.blobs.delete(name);
    return true;
  }
}

function seconds(ms: number): number {
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(ms / 1000)));
}

function encode(item: OutboxItem): string {
  return Buffer.from(JSON.stringify(item), 'utf8').toString('base64');
}

function decode(text: string): OutboxItem | undefined {
  try {
    const parsed = ITEM.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
