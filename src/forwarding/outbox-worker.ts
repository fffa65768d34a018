import { errorFields, type Logger } from '../log';
import type { DeliveryOutcome } from './forwarding-service';
import type { HeldItem, OutboxStore } from './outbox';

export interface OutboxWorkerOptions {
  /** Deliveries worked at once by this instance. */
  readonly concurrency: number;
  /** How often to look for due items when nothing has been kicked. */
  readonly pollMs: number;
  /** How long a hold lasts; it is renewed at a third of this while a delivery runs. */
  readonly holdMs: number;
}

/**
 * Works the outbox: takes due items (most urgent first) into free slots, runs up to `concurrency`
 * deliveries at once, renews each item's hold while its delivery runs, and looks again whenever a
 * slot frees or someone kicks it (a submit, a link, an escalation). Any number of instances may run.
 */
export class OutboxWorker {
  private active = 0;
  private filling = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  /** Counts since start, for benchmarks and logs. */
  readonly counts: Record<DeliveryOutcome | 'failed', number> = { delivered: 0, retried: 0, dead: 0, waiting: 0, skipped: 0, failed: 0 };

  constructor(
    private readonly outbox: OutboxStore,
    private readonly deliver: (held: HeldItem) => Promise<DeliveryOutcome>,
    private readonly options: OutboxWorkerOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Look for due items now. */
  kick(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = true;
    this.fill()
      .catch((err: unknown) => this.logger.warn('outbox could not be read', errorFields(err)))
      .finally(() => {
        this.filling = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async fill(): Promise<void> {
    while (!this.stopped) {
      const free = this.options.concurrency - this.active;
      if (free <= 0) return;
      const items = await this.outbox.receive(free);
      if (items.length === 0) return;
      for (const held of items) this.run(held);
      if (items.length < free) return;
    }
  }

  private run(held: HeldItem): void {
    this.active++;
    const renew = setInterval(() => {
      this.outbox.extend(held).catch((err: unknown) => this.logger.warn('outbox hold not renewed', { outboxId: held.item.id, ...errorFields(err) }));
    }, Math.max(500, Math.floor(this.options.holdMs / 3)));
    const work = this.deliver(held)
      .then((outcome) => {
        this.counts[outcome]++;
      })
      .catch((err: unknown) => {
        // Storage failed mid-delivery: the item comes back when its hold lapses.
        this.counts.failed++;
        this.outbox.abandon(held);
        this.logger.warn('delivery interrupted; the item will come back', { outboxId: held.item.id, ...errorFields(err) });
      })
      .finally(() => {
        clearInterval(renew);
        this.active--;
        this.running.delete(work);
        this.kick();
      });
    this.running.add(work);
  }

  /** Stop taking items and wait for the deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.running]);
  }
}
